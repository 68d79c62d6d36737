package org.idetunnelrisk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.idetunnelrisk.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench jar's {@code generate}, {@code parse}, {@code memory} and {@code engine}; {@code run} is not run in tests. */
class BenchCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new BenchCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args);
  }

  @Test
  void generateWritesEveryFormatWithItsPlantedLines() throws IOException {
    assertEquals(0, run("generate", "--events", "2000", "--seed", "5", "--fraction", "0.005", "--out", dir.toString()));
    CorpusGenerator g = new CorpusGenerator(5, 0.005);
    long firstPlanted = 0;
    while (!g.planted(firstPlanted)) {
      firstPlanted++;
    }
    for (CorpusGenerator.Format f : CorpusGenerator.Format.values()) {
      Path file = dir.resolve("sysmon-2000." + f.extension());
      assertTrue(Files.size(file) > 0, file.toString());
      String planted = Files.readString(Path.of(file + ".planted"));
      assertEquals(10, planted.lines().count(), f.toString());
      long first = firstPlanted + (f == CorpusGenerator.Format.CSV || f == CorpusGenerator.Format.CSV_GZ ? 2 : 1);
      assertTrue(planted.startsWith(first + "\n"), f + ": " + planted);
    }
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("sysmon-2000.jsonl: 2000 events, 10 planted,"), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void parseCountsRecordsAndMemoryReportsTheScan() throws IOException {
    Path file = new CorpusGenerator(5, 0.01).write(CorpusGenerator.Format.JSONL, 1000, dir.resolve("c.jsonl")).file();
    assertEquals(0, run("parse", file.toString()));
    assertEquals("1000\n", out.toString(StandardCharsets.UTF_8).replace("\r", ""));
    out.reset();
    assertEquals(0, run("memory", file.toString()));
    String[] parts = out.toString(StandardCharsets.UTF_8).trim().split(" ");
    assertEquals(6, parts.length);
    assertEquals("1000", parts[3]);
    assertTrue(Long.parseLong(parts[0]) > 0 && Long.parseLong(parts[0]) <= Long.parseLong(parts[5]), "live <= after any GC: " + out);
    assertTrue(Long.parseLong(parts[4]) >= 10, "risk events: " + parts[4]);
  }

  @Test
  void aBadNumberIsAUsageErrorNamingTheOption() {
    assertEquals(2, run("generate", "--events", "abc"));
    assertEquals("bench: --events needs a whole number but was 'abc'\n", err.toString(StandardCharsets.UTF_8).replace("\r", ""));
  }

  @Test
  void engineReportsRowsPerSecondAndHits() throws IOException {
    Path file = new CorpusGenerator(5, 0.01).write(CorpusGenerator.Format.JSONL, 500, dir.resolve("e.jsonl")).file();
    assertEquals(0, run("engine", file.toString(), "--rules", "shipped", "--distinct", "100"));
    String[] parts = out.toString(StandardCharsets.UTF_8).trim().split(" ");
    assertEquals(3, parts.length);
    assertTrue(Double.parseDouble(parts[0]) > 0 && Double.parseDouble(parts[1]) > 0, out::toString);
    assertTrue(Long.parseLong(parts[2]) > 0, "the 1% planted among the 100 rows hit: " + parts[2]);
  }

  @Test
  void theProductCommandLineKnowsNoBenchVerb() {
    int code = Main.run(new String[] {"bench", "generate"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("ide-tunnel-risk: unknown command 'bench'"), err::toString);
    assertTrue(!err.toString(StandardCharsets.UTF_8).contains("bench generate"), "usage names no bench verb: " + err);
  }

  @Test
  void missingFileOrUnknownSubcommandIsUsage() {
    assertEquals(2, run("memory"));
    assertEquals("usage: java -jar target/ide-tunnel-risk-bench.jar memory FILE\n", err.toString(StandardCharsets.UTF_8).replace("\r", ""));
    err.reset();
    assertEquals(2, run("fly"));
    assertEquals("bench: unknown subcommand 'fly'\n", err.toString(StandardCharsets.UTF_8).replace("\r", ""));
  }

  @Test
  void nearMissShareSetsHowManyBenignLinesHoldARuleLiteral() throws IOException {
    Path few = new CorpusGenerator(5, 0.0).write(CorpusGenerator.Format.JSONL, 4000, dir.resolve("few.jsonl")).file();
    Path many = new CorpusGenerator(5, 0.0, 0.3).write(CorpusGenerator.Format.JSONL, 4000, dir.resolve("many.jsonl")).file();
    assertEquals(0, run("lines", few.toString()));
    double fewShare = nearMissShare(out.toString(StandardCharsets.UTF_8));
    out.reset();
    assertEquals(0, run("lines", many.toString()));
    String report = out.toString(StandardCharsets.UTF_8);
    double manyShare = nearMissShare(report);
    assertTrue(fewShare < 5 && manyShare > 20 && manyShare < 40, fewShare + "% and " + manyShare + "%: " + report);
    assertTrue(report.contains("parse / reject = "), report);
  }

  private static double nearMissShare(String linesReport) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("near misses rejected \\d+ \\(([0-9.]+)%\\)").matcher(linesReport);
    assertTrue(m.find(), linesReport);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void aNearMissShareOutsideZeroToOneIsAUsageError() {
    assertEquals(2, run("generate", "--near-miss", "30", "--out", dir.toString()));
    assertEquals("bench: --near-miss must be within 0..1 but was '30.0'\n", err.toString(StandardCharsets.UTF_8).replace("\r", ""));
  }
}
