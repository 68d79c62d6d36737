package org.idetunnelrisk.prefilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.idetunnelrisk.bench.CorpusGenerator;
import org.idetunnelrisk.engine.Engine;
import org.idetunnelrisk.engine.Hit;
import org.idetunnelrisk.literal.AsciiFold;
import org.idetunnelrisk.engine.Matcher;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.InputException;
import org.idetunnelrisk.read.RawFilters;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.sigma.RuleSet;
import org.idetunnelrisk.source.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof by test that skipping never loses a hit: for every record of every fixture and of generated
 * corpora (and of randomly re-cased, re-escaped variants of them), a record some shipped rule matches
 * passes {@link RawPrefilter} on its raw line, and the engine's literal gating finds exactly the rules a
 * plain rule-after-rule evaluation finds. And that skipping never hides a report: the same inputs, and
 * their lines broken by one byte, give the same reports with and without the prefilter.
 */
class PrefilterSoundnessTest {
  static final Path EVENTS = Path.of("src/test/resources/events");
  private static final Gson PLAIN = new GsonBuilder().disableHtmlEscaping().create();

  @TempDir Path dir;

  private final List<Rule> rules = shipped();
  private final FieldTable fields = FieldTable.shipped();
  private final Normalizer normalizer = new Normalizer(fields);
  private final Engine engine = new Engine(rules, fields.canonicalFields());
  private final RawPrefilter prefilter = RawPrefilter.of(rules);
  /** As scan runs it: JSON-encoded pieces, checked field by field. */
  private final RawPrefilter byField = RawPrefilter.of(rules, fields);
  private int hitRecords;
  private int structuralHits;

  static List<Rule> shipped() {
    RuleSet set = new RuleLoader(FieldTable.shipped()).loadShipped();
    assertEquals(List.of(), set.problems());
    return set.rules();
  }

  @Test
  void everyShippedRuleHasANecessaryLiteral() {
    assertNotNull(prefilter);
    assertFalse(prefilter.pieces().isEmpty());
    for (String p : prefilter.pieces()) {
      assertEquals(p, p.toLowerCase(Locale.ROOT));
      assertTrue(p.chars().allMatch(RawPrefilter.RAW_SAFE::test), p);
    }
  }

  @Test
  void everyFixtureRecordThatHitsPassesThePrefilter() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(EVENTS)) {
      s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".expected.jsonl"))
          .filter(p -> !p.getFileName().toString().endsWith(".md"))
          .sorted().forEach(files::add);
    }
    SplittableRandom rnd = new SplittableRandom(11);
    for (Path f : files) {
      for (Record r : read(Files.readAllBytes(f), f.toString())) {
        check(r, rnd);
      }
    }
    assertTrue(hitRecords >= 50, "fixtures gave only " + hitRecords + " hit records");
    assertTrue(structuralHits >= 200, "structural variants that still hit: " + structuralHits);
  }

  @Test
  void everyGeneratedRecordThatHitsPassesThePrefilter() throws IOException {
    SplittableRandom rnd = new SplittableRandom(5);
    for (CorpusGenerator.Format format : CorpusGenerator.Format.values()) {
      CorpusGenerator.Corpus c = new CorpusGenerator(9, 0.01).write(format, 3000, dir.resolve("c." + format.extension()));
      int hits = 0;
      for (Record r : read(Files.readAllBytes(c.file()), c.file().toString())) {
        if (check(r, rnd)) {
          hits++;
        }
      }
      assertEquals(c.plantedLines().size(), hits, format.toString());
    }
  }

  /**
   * The other half of soundness: skipping never hides a report. Every fixture and generated input, and every
   * JSON line of the fixtures broken by one inserted, deleted or replaced byte, gives the same reports
   * (message, origin, line) read with scan's prefilter, with the pieces-anywhere prefilter, and without one.
   */
  @Test
  void aLineThePrefilterRejectsIsNeverOneTheReaderReports() throws IOException {
    RawFilters anywhere = new RawFilters(prefilter, null);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(EVENTS)) {
      s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
    }
    for (CorpusGenerator.Format format : CorpusGenerator.Format.values()) {
      files.add(new CorpusGenerator(13, 0.01).write(format, 2000, dir.resolve("g." + format.extension())).file());
    }
    SplittableRandom rnd = new SplittableRandom(17);
    StringBuilder broken = new StringBuilder("{}\n");
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      List<String> reports = FilteredReading.of(bytes, f.toString(), RawFilters.NONE).errors();
      assertEquals(reports, FilteredReading.of(bytes, f.toString(), FilteredReading.SCAN).errors(), f.toString());
      assertEquals(reports, FilteredReading.of(bytes, f.toString(), anywhere).errors(), f.toString());
      if (f.getFileName().toString().endsWith(".jsonl") && !f.startsWith(dir)) {
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
          for (int k = 0; k < 24 && !line.isBlank(); k++) {
            broken.append(oneByteBroken(line, rnd)).append('\n');
          }
        }
      }
    }
    byte[] bytes = broken.toString().getBytes(StandardCharsets.UTF_8);
    List<String> reports = FilteredReading.of(bytes, "broken.jsonl", RawFilters.NONE).errors();
    assertEquals(reports, FilteredReading.of(bytes, "broken.jsonl", FilteredReading.SCAN).errors());
    assertEquals(reports, FilteredReading.of(bytes, "broken.jsonl", anywhere).errors());
    assertTrue(reports.size() > 500, "broken lines reported: " + reports.size());
  }

  /** {@code line} with one byte inserted, deleted or replaced, the byte one JSON's grammar cares about. */
  private static String oneByteBroken(String line, SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder(line);
    String marks = "\"\\{}[],: 0-.etnu/'";
    int at = rnd.nextInt(sb.length());
    char c = marks.charAt(rnd.nextInt(marks.length()));
    switch (rnd.nextInt(3)) {
      case 0 -> sb.insert(at, c);
      case 1 -> sb.deleteCharAt(at);
      default -> sb.setCharAt(at, c);
    }
    return sb.toString();
  }

  @Test
  void escapesAndCaseFoldingMakeACandidate() {
    assertTrue(candidate("{\"Image\":\"C:\\\\x\\\\d\\u0065vtunnel.exe\"}"));
    assertTrue(candidate("{\"Image\":\"C:\\/x\"}"));
    assertTrue(candidate("{\"Image\":\"<Data Name='Image'>&#100;evtunnel.exe</Data>\"}"));
    assertTrue(candidate("{\"TaskContent\":\"&amp;#100;evtunnel\"}"));
    assertTrue(candidate("{\"Image\":\"chrome.exe\""), "a truncated line is passed on to be reported");
    assertTrue(candidate("not json"));
    assertTrue(candidate("{\"QueryName\":\"x.DEVTUNNELS.MS\"}"));
    assertTrue(candidate("{\"q\":\"\u212Aelvin\"}"));
    assertTrue(candidate("{\"q\":\"\u0130\"}"));
    assertFalse(candidate("{\"Image\":\"C:\\\\Users\\\\alice\\\\chrome.exe\",\"u\":\"\u00e9t\u00e9\"}"));
    assertFalse(candidate("{\"Image\":\"C:\\\\x\\\\git.exe\",\"CommandLine\":\"git.exe commit -m fix-tunnel\"}"),
        "tunnel, but not as any rule needs it");
    assertTrue(candidate("{\"Image\":\"C:\\\\x\\\\DEVTUNNEL.EXE\"}"));
  }

  @Test
  void caseFoldingIsTheSameCharByCharAsForWholeStrings() {
    for (int cp = 0x10000; cp <= Character.MAX_CODE_POINT; cp++) {
      assertFalse(AsciiFold.foldsToAscii(cp), Integer.toHexString(cp));
    }
    for (int c = 0x80; c < 0x10000; c++) {
      String lower = String.valueOf((char) c).toLowerCase(Locale.ROOT);
      for (int i = 0; i < lower.length(); i++) {
        if (lower.charAt(i) < 0x80) {
          // the engine's automaton folds one char at a time: it must see the same ASCII letter
          assertEquals(lower.charAt(i), Character.toLowerCase((char) c), Integer.toHexString(c));
        }
      }
    }
  }

  @Test
  void aRuleWithoutNecessaryLiteralDisablesThePrefilter() {
    Rule r = rules.get(0);
    Rule open = new Rule(r.id(), r.title(), r.searchName(), r.level(), r.logSource(),
        new Matcher.Not(r.detection()), r.risk(), r.origin());
    assertNull(RawPrefilter.of(List.of(open)));
  }

  /** Whether the line is a candidate of the prefilter that counts pieces anywhere (CSV's, and JSON's without a table). */
  private boolean candidate(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return prefilter.candidate(b, 0, b.length);
  }

  /** Whether the line is a candidate of the field-by-field prefilter (scan's). */
  private boolean candidateByField(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return byField.candidate(b, 0, b.length) && candidate(line);
  }

  /** Checks one record and random JSON-line variants of it; returns whether it hits. */
  private boolean check(Record r, SplittableRandom rnd) throws IOException {
    if (!hitsGatedAsUngated(r)) {
      return false;
    }
    hitRecords++;
    if (r.raw() != null) {
      assertTrue(candidateByField(r.raw()), "prefilter dropped " + r.location());
    }
    assertTrue(candidateByField(PLAIN.toJson(r.fields())), "prefilter dropped the JSON of " + r.location());
    assertTrue(candidateByField(PLAIN.toJson(Map.of("preview", false, "result", r.fields()))),
        "prefilter dropped the JSON of " + r.location() + " as a Splunk export row");
    for (int k = 0; k < 20; k++) {
      boolean structural = k % 2 == 1;
      String variant = structural ? structuralVariant(r.fields(), rnd) : variant(r.fields(), rnd);
      for (Record v : read(variant.getBytes(StandardCharsets.UTF_8), "variant")) {
        if (hitsGatedAsUngated(v)) {
          structuralHits += structural ? 1 : 0;
          assertTrue(candidateByField(variant), "prefilter dropped a variant of " + r.location() + ": " + variant);
        }
      }
    }
    return true;
  }

  /** Evaluates with the engine's gating and rule after rule; asserts both agree; returns whether any hit. */
  private boolean hitsGatedAsUngated(Record r) {
    Row row = normalizer.toRow(r);
    List<String> expected = new ArrayList<>();
    for (Rule rule : rules) {
      if (rule.logSource().accepts(row.logSource()) && rule.detection().matches(row)) {
        expected.add(rule.id());
      }
    }
    List<String> got = new ArrayList<>();
    for (Hit h : engine.evaluate(row)) {
      got.add(h.rule().id());
    }
    assertEquals(expected, got, r.location());
    return !got.isEmpty();
  }

  /** The record as one JSON line, letters re-cased at random, some characters escaped as a JSON unicode escape. */
  private static String variant(Map<String, List<String>> fields, SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, List<String>> e : fields.entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(PLAIN.toJson(e.getKey())).append(':');
      String v = String.join(" ", e.getValue());
      sb.append('"');
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (rnd.nextInt(10) == 0 && Character.isLetter(c)) {
          c = rnd.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c);
        }
        if ((c == 'k' || c == 'K') && rnd.nextInt(20) == 0) {
          c = '\u212A';
        }
        if (c == '"' || c == '\\') {
          sb.append('\\').append(c);
        } else if (rnd.nextInt(500) == 0 || c < 0x20) {
          sb.append(String.format("\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
      sb.append('"');
    }
    return sb.append('}').toString();
  }

  /**
   * The record as one JSON line laid out differently, as other exporters write it: values as one-element
   * or padded arrays, objects in arrays, the whole record as a Splunk export row or under a nested object,
   * repeated keys, blanks between tokens, and unrelated members (some holding rule pieces) around.
   */
  private static String structuralVariant(Map<String, List<String>> fields, SplittableRandom rnd) {
    StringBuilder body = new StringBuilder();
    String blank = rnd.nextBoolean() ? "" : " \t";
    for (Map.Entry<String, List<String>> e : fields.entrySet()) {
      if (body.length() > 0) {
        body.append(',').append(blank);
      }
      String key = PLAIN.toJson(e.getKey());
      List<String> vals = e.getValue();
      switch (rnd.nextInt(6)) {
        case 0:
          body.append(key).append(blank).append(':').append(blank).append(PLAIN.toJson(vals));
          break;
        case 1:
          List<Object> padded = new ArrayList<>(vals);
          padded.add(0, "x");
          padded.add(Map.of("devtunnel", "code.exe tunnel"));
          body.append(key).append(':').append(PLAIN.toJson(padded));
          break;
        case 2:
          for (int i = 0; i < vals.size(); i++) {
            body.append(i > 0 ? "," : "").append(key).append(':').append(PLAIN.toJson(vals.get(i)));
          }
          break;
        default:
          body.append(key).append(':').append(PLAIN.toJson(String.join(" ", vals)));
      }
    }
    if (rnd.nextInt(3) == 0) {
      body.append(",\"noise\":{\"Image\":\"x\",\"list\":[1,{\"a\":[\"devtunnel.exe\"]},null,true]}");
    }
    String record = "{" + blank + body + blank + "}";
    switch (rnd.nextInt(4)) {
      case 0:
        return "{\"preview\":false," + blank + "\"offset\":3,\"result\":" + record + "}";
      case 1:
        return "{\"wrapper\":" + record + ",\"other\":\"C:\\\\y\\\\devtunnel.exe\"}";
      default:
        return record;
    }
  }

  @Test
  void theFieldCheckPassesOnlyPiecesInTheFieldsTheRulesNeedThemIn() {
    String sysmon = "\"SourceName\":\"Microsoft-Windows-Sysmon\",\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",";
    // devtunnel in a DNS name of a connection, not in the process: no rule needs it there
    String near = "{" + sysmon + "\"EventID\":3,\"Image\":\"C:\\\\x\\\\msedge.exe\",\"DestinationHostname\":\"docs.devtunnel-info.com\"}";
    assertTrue(candidate(near), "the pieces are in the line");
    assertFalse(byFieldOnly(near));
    String hit = "{" + sysmon + "\"EventID\":1,\"Image\":\"C:\\\\x\\\\devtunnel.exe\",\"CommandLine\":\"devtunnel.exe host\"}";
    assertTrue(candidateByField(hit));
    assertTrue(candidateByField("{\"preview\":false,\"result\":" + hit + "}"), "a Splunk export row");
    assertTrue(candidateByField(hit.replace("\"Image\":\"C:\\\\x\\\\devtunnel.exe\"", "\"Image\":[\"C:\\\\x\\\\devtunnel.exe\"]")),
        "an array of values");
    assertTrue(candidateByField(hit.replace("\"Image\"", "\"Im\\\\age\"")), "a key with an escape counts everywhere");
    // the piece must end the value where the rule tests an ending
    String token = "{" + sysmon + "\"EventID\":11,\"Image\":\"C:\\\\x\\\\viewer.exe\",\"TargetFilename\":\"C:\\\\Users\\\\a\\\\.vscode-cli\\\\code_tunnel.json";
    assertTrue(candidateByField(token + "\"}"));
    assertTrue(candidate(token + ".bak\"}"));
    assertFalse(byFieldOnly(token + ".bak\"}"), "code_tunnel.json.bak");
    assertFalse(byFieldOnly("{" + sysmon + "\"EventID\":11,\"Image\":\"C:\\\\x\\\\viewer.exe\",\"code_tunnel.json\":\"x\"}"),
        "a piece in a member's name is no value");
  }

  /** The field check's answer alone (for lines the engine does not match, where it may say no). */
  private boolean byFieldOnly(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    try {
      for (Record r : read(b, "line")) {
        assertFalse(hitsGatedAsUngated(r), () -> "a line the engine matches: " + line);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return byField.candidate(b, 0, b.length);
  }

  /** Every record the reader gives for {@code bytes}, recoverable problems passed over. */
  static List<Record> read(byte[] bytes, String origin) throws IOException {
    List<Record> out = new ArrayList<>();
    try (RecordReader r = Readers.open(new ByteArrayInputStream(bytes), origin)) {
      while (true) {
        Record rec;
        try {
          rec = r.next();
        } catch (InputException e) {
          if (e.recoverable()) {
            continue;
          }
          break;
        }
        if (rec == null) {
          break;
        }
        out.add(rec);
      }
    }
    return out;
  }
}
