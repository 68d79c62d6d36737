package org.idetunnelrisk.prefilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.idetunnelrisk.bench.CorpusGenerator;
import org.idetunnelrisk.engine.Engine;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.source.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof by test that {@link CsvRecordPrefilter} never drops a CSV record a shipped rule matches: every record
 * of the CSV fixtures, the bundled sample and a generated corpus, and 20 re-cased, re-quoted variants of each
 * hitting record.
 */
class CsvRecordPrefilterTest {
  @TempDir Path dir;

  private final List<Rule> rules = PrefilterSoundnessTest.shipped();
  private final FieldTable fields = FieldTable.shipped();
  private final Normalizer normalizer = new Normalizer(fields);
  private final Engine engine = new Engine(rules, fields.canonicalFields());
  private final CsvRecordPrefilter prefilter = CsvRecordPrefilter.of(rules);
  private final SplittableRandom rnd = new SplittableRandom(17);

  /** Byte ranges of each record, by the line it starts on (1-based): quotes decide where a record ends. */
  static Map<Long, int[]> records(byte[] b) {
    Map<Long, int[]> out = new HashMap<>();
    long line = 1;
    int start = 0;
    long startLine = 1;
    boolean quoted = false;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '"') {
        quoted = !quoted;
      } else if (b[i] == '\n') {
        line++;
        if (!quoted) {
          out.put(startLine, new int[] {start, i});
          start = i + 1;
          startLine = line;
        }
      }
    }
    if (start < b.length) {
      out.put(startLine, new int[] {start, b.length});
    }
    return out;
  }

  private boolean hits(Record r) {
    return !engine.evaluate(normalizer.toRow(r)).isEmpty();
  }

  /** Checks every data record of the CSV text; returns how many hit and how many were candidates. */
  private int[] check(byte[] csv, String name) throws IOException {
    Map<Long, int[]> ranges = records(csv);
    int hit = 0;
    int candidates = 0;
    try (RecordReader r = Readers.open(new ByteArrayInputStream(csv), name)) {
      Record rec;
      while ((rec = r.next()) != null) {
        int[] range = ranges.get(rec.line());
        assertTrue(range != null, name + ":" + rec.line());
        boolean candidate = prefilter.candidate(csv, range[0], range[1]);
        candidates += candidate ? 1 : 0;
        if (hits(rec)) {
          hit++;
          assertTrue(candidate, "prefilter dropped " + name + ":" + rec.line());
          variants(rec);
        }
      }
    }
    return new int[] {hit, candidates};
  }

  /** Re-cased letters, every field quoted or not at random: a variant that still hits must be a candidate. */
  private void variants(Record rec) throws IOException {
    for (int k = 0; k < 20; k++) {
      StringBuilder head = new StringBuilder();
      StringBuilder row = new StringBuilder();
      for (Map.Entry<String, List<String>> e : rec.fields().entrySet()) {
        if (head.length() > 0) {
          head.append(',');
          row.append(',');
        }
        head.append(e.getKey());
        StringBuilder v = new StringBuilder();
        for (char c : String.join(" ", e.getValue()).toCharArray()) {
          v.append(rnd.nextInt(8) == 0 && Character.isLetter(c)
              ? (rnd.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c)) : c);
        }
        String s = v.toString();
        boolean quote = rnd.nextBoolean() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0;
        row.append(quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s);
      }
      byte[] csv = (head + "\n" + row + "\n").getBytes(StandardCharsets.UTF_8);
      try (RecordReader r = Readers.open(new ByteArrayInputStream(csv), "variant.csv")) {
        Record v = r.next();
        if (v != null && hits(v)) {
          int from = head.toString().getBytes(StandardCharsets.UTF_8).length + 1;
          assertTrue(prefilter.candidate(csv, from, csv.length), "prefilter dropped a variant of " + rec.location()
              + ": " + row);
        }
      }
    }
  }

  @Test
  void everyFixtureRecordThatHitsIsACandidate() throws IOException {
    int hit = 0;
    List<Path> files = new ArrayList<>(List.of(Path.of("samples/cim_processes.csv")));
    for (String rule : List.of("ide_tunnel_remote_shell", "ide_tunnel_devtunnel_execution", "ide_tunnel_vscode_cli_tunnel")) {
      files.add(Path.of("src/test/resources/events/csv", rule, "search_results.csv"));
    }
    for (Path f : files) {
      hit += check(Files.readAllBytes(f), f.toString())[0];
    }
    assertTrue(hit >= 10, "fixtures gave only " + hit + " hit records");
  }

  @Test
  void generatedCsvKeepsEveryPlantedRecordAndDropsMostOthers() throws IOException {
    CorpusGenerator.Corpus c = new CorpusGenerator(9, 0.01).write(CorpusGenerator.Format.CSV, 5000, dir.resolve("c.csv"));
    int[] got = check(Files.readAllBytes(c.file()), c.file().toString());
    assertEquals(c.plantedLines().size(), got[0]);
    assertTrue(got[1] < 5000 / 10, got[1] + " candidates of 5000 records");
  }

  private boolean candidate(String record) {
    byte[] b = record.getBytes(StandardCharsets.UTF_8);
    return prefilter.candidate(b, 0, b.length);
  }

  @Test
  void quotingCasingAndEscapesAreSeenThrough() {
    assertTrue(candidate("1,ws1,\"C:\\Tools\\DEVTUNNEL.EXE\",\"devtunnel.exe host\"\"x\"\"\""));
    assertTrue(candidate("1,ws1,\"unclosed,chrome.exe"), "a malformed record is passed on to be reported");
    assertTrue(candidate("1,ws1,\"<Data Name='Image'>&#100;evtunnel.exe</Data>\""));
    assertTrue(candidate("1,ws1,\"{\"\"Image\"\":\"\"d\\u0065vtunnel.exe\"\"}\""));
    assertFalse(candidate("1,ws1,C:\\Users\\alice\\chrome.exe,chrome.exe --type=renderer"));
    assertFalse(candidate("1,ws1,C:\\x\\git.exe,\"git.exe commit -m \"\"fix-tunnel\"\"\""), "tunnel, not as a rule needs it");
  }

  @Test
  void quotesAreCountedExactlyAtEveryOffsetAndLength() {
    SplittableRandom r = new SplittableRandom(3);
    for (int round = 0; round < 2000; round++) {
      byte[] b = new byte[r.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        // quotes among bytes one away from a quote (!, #) and high bytes, where a loose zero-byte test misfires
        b[i] = (byte) "\"\"!#a\u00a2\u00ff".charAt(r.nextInt(7));
      }
      int from = b.length == 0 ? 0 : r.nextInt(b.length);
      int to = from + r.nextInt(b.length - from + 1);
      int expected = 0;
      for (int i = from; i < to; i++) {
        expected += b[i] == '"' ? 1 : 0;
      }
      assertEquals(expected, CsvRecordPrefilter.quotes(b, from, to));
    }
  }

  @Test
  void aRecordWithAnOddNumberOfQuotesIsPassedOnEvenWithoutLiterals() {
    byte[] odd = "1,plain \"text,more".getBytes(StandardCharsets.UTF_8);
    byte[] even = "1,\"plain text\",more and more words".getBytes(StandardCharsets.UTF_8);
    assertTrue(prefilter.candidate(odd, 0, odd.length));
    assertFalse(prefilter.candidate(even, 0, even.length));
  }
}
