package org.idetunnelrisk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.TreeSet;
import org.idetunnelrisk.bench.CorpusGenerator.Corpus;
import org.idetunnelrisk.bench.CorpusGenerator.Format;
import org.idetunnelrisk.cli.Main;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real scan path over a generated corpus in every format: every planted tunnel event gives a risk
 * event and no benign event (near misses included) does.
 */
class GeneratedCorpusScanTest {
  static final int EVENTS = 20_000;
  static final double FRACTION = 0.005;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Format.class)
  void scanFindsExactlyThePlantedEvents(Format format) throws IOException {
    scanFindsExactlyThePlantedEvents(format, new CorpusGenerator(7, FRACTION));
  }

  /** A developer-heavy estate: 30% of benign lines hold a rule's literal where no rule may fire. */
  @ParameterizedTest
  @EnumSource(value = Format.class, names = {"JSONL", "EXPORT", "CSV"})
  void scanFindsExactlyThePlantedEventsAmongManyNearMisses(Format format) throws IOException {
    scanFindsExactlyThePlantedEvents(format, new CorpusGenerator(8, FRACTION, 0.3));
  }

  private void scanFindsExactlyThePlantedEvents(Format format, CorpusGenerator generator) throws IOException {
    Corpus c = generator.write(format, EVENTS, dir.resolve("corpus." + format.extension()));
    assertEquals(100, c.plantedLines().size());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"scan", "--summary", c.file().toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    TreeSet<Long> hitLines = new TreeSet<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String loc = JsonParser.parseString(line).getAsJsonObject().get("orig_location").getAsString();
      assertTrue(loc.startsWith(c.file().toString() + ":"), loc);
      hitLines.add(Long.parseLong(loc.substring(loc.lastIndexOf(':') + 1)));
    }
    assertEquals(c.plantedLines(), hitLines);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("files 1, records " + EVENTS + ", unreadable 0,"),
        err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void sameSeedSameBytes(Format format) throws IOException {
    Corpus a = new CorpusGenerator(3, 0.01).write(format, 500, dir.resolve("a." + format.extension()));
    Corpus b = new CorpusGenerator(3, 0.01).write(format, 500, dir.resolve("b." + format.extension()));
    assertEquals(-1L, java.nio.file.Files.mismatch(a.file(), b.file()));
    assertEquals(a.plantedLines(), b.plantedLines());
    assertEquals(5, a.plantedLines().size());
  }
}
