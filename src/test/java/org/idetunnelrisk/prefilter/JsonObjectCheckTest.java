package org.idetunnelrisk.prefilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.idetunnelrisk.read.RawFilters;
import org.junit.jupiter.api.Test;

/**
 * Every JSON line is read as an object or reported, whether or not the prefilter is on: a line that is not
 * one object ({@link JsonObjectCheck}) is never skipped, so its report (message, origin, line) is the one
 * the reader gives without a prefilter; a well-formed object that holds no rule's pieces is still skipped.
 */
class JsonObjectCheckTest {
  private static final String ORIGIN = "lines.jsonl";
  private static final String BENIGN = "{\"EventID\":1,\"Image\":\"C:\\\\Windows\\\\System32\\\\notepad.exe\",\"Computer\":\"ws1\"}";
  private static final String DEEP_ARRAY = "[".repeat(100_000) + "]".repeat(100_000);

  /** Reads {@code lines} with scan's prefilter and without; asserts both give the same reports and records. */
  private static FilteredReading both(List<String> lines) throws IOException {
    String text = String.join("\n", lines) + "\n";
    FilteredReading plain = FilteredReading.of(text, ORIGIN, RawFilters.NONE);
    FilteredReading filtered = FilteredReading.of(text, ORIGIN, FilteredReading.SCAN);
    assertEquals(plain.errors(), filtered.errors(), "reports with the prefilter and without");
    assertEquals(plain.recordLines().size(), filtered.recordLines().size() + filtered.skipped(), "records read or skipped");
    assertTrue(plain.recordLines().containsAll(filtered.recordLines()));
    return filtered;
  }

  @Test
  void everyNonObjectLineIsReportedWithAndWithoutThePrefilter() throws IOException {
    List<String> lines = List.of(BENIGN,
        "[\"devtunnel.exe\",\"host\"]",
        DEEP_ARRAY,
        "\"devtunnel.exe host\"",
        "42",
        "-1.5e3",
        "true",
        "null",
        "C:\\x\\devtunnel.exe host --allow-anonymous",
        "[{\"Image\":\"C:\\\\x\\\\devtunnel.exe\"}]",
        " [1, 2] ",
        BENIGN);
    FilteredReading r = both(lines);
    assertEquals(List.of(
        ORIGIN + ":2: not a JSON object: [\"devtunnel.exe\",\"host\"]",
        ORIGIN + ":3: not a JSON object: " + "[".repeat(80) + "...",
        ORIGIN + ":4: not a JSON object: \"devtunnel.exe host\"",
        ORIGIN + ":5: not a JSON object: 42",
        ORIGIN + ":6: not a JSON object: -1.5e3",
        ORIGIN + ":7: not a JSON object: true",
        ORIGIN + ":8: not a JSON object: null",
        ORIGIN + ":9: not a JSON object: C:\\x\\devtunnel.exe host --allow-anonymous",
        ORIGIN + ":10: not a JSON object: [{\"Image\":\"C:\\\\x\\\\devtunnel.exe\"}]",
        ORIGIN + ":11: not a JSON object: [1, 2]"), r.errors());
    assertEquals(2, r.skipped(), "the two benign objects");
  }

  @Test
  void aFileThatStartsWithAnArrayIsReadAsJsonLinesAndReported() throws IOException {
    FilteredReading r = both(List.of("[\"devtunnel.exe\",\"host\"]", DEEP_ARRAY, BENIGN));
    assertEquals(List.of(
        ORIGIN + ":1: not a JSON object: [\"devtunnel.exe\",\"host\"]",
        ORIGIN + ":2: not a JSON object: " + "[".repeat(80) + "..."), r.errors());
    r = both(List.of(DEEP_ARRAY));
    assertEquals(List.of(ORIGIN + ":1: not a JSON object: " + "[".repeat(80) + "..."), r.errors());
  }

  @Test
  void malformedObjectLinesAreReportedWithAndWithoutThePrefilter() throws IOException {
    List<String> bad = List.of(
        "{\"a\":1}{\"b\":2}",
        "{\"a\":1} {\"b\":2}",
        "{\"a\":1} trailing {\"b\":2}",
        "{\"a\" \"b\"}",
        "{\"Image\":\"C:\\Windows\\notepad.exe\"}",
        "{\"a\":[{\"b\":1]}}",
        "{\"a\":1,}",
        "{\"a\":[1,]}",
        "{\"a\":01}",
        "{\"a\":1.}",
        "{\"a\":tru}",
        "{\"a\":1 \"b\":2}",
        "{\"a\":\"x\",,\"b\":\"y\"}",
        "{a:1}",
        "{\"a\":'x'}",
        "{\"a\":\"x\";\"b\":\"y\"}",
        "{\"a\":184467440737095516160}"); // valid JSON, but gson's digit loop wraps a long to 0 and then refuses it
    List<String> lines = new ArrayList<>(List.of(BENIGN));
    lines.addAll(bad);
    for (String line : bad) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      assertFalse(JsonObjectCheck.wellFormed(b, 0, b.length), line);
    }
    FilteredReading r = both(lines);
    assertEquals(bad.size(), r.errors().size(), () -> String.join("\n", r.errors()));
    for (int i = 0; i < bad.size(); i++) {
      assertTrue(r.errors().get(i).startsWith(ORIGIN + ":" + (i + 2) + ": "), r.errors().get(i));
    }
    assertEquals(ORIGIN + ":2: more than one JSON value on the line: {\"a\":1}{\"b\":2}", r.errors().get(0));
    assertEquals(1, r.skipped());
  }

  @Test
  void exportRowsTheReaderReportsAreNotSkipped() throws IOException {
    String event = "{\"EventID\":\"1\",\"Image\":\"C:\\\\Windows\\\\notepad.exe\",\"Computer\":\"ws1\"}";
    FilteredReading r = both(List.of(
        "{\"preview\":false,\"offset\":0,\"result\":" + event + "}",
        "{\"preview\":false,\"messages\":[{\"type\":\"ERROR\",\"text\":\"Your session has expired\"}]}",
        "{\"preview\":false,\"offset\":1,\"result\":\"none\"}",
        "{\"preview\":false,\"messages\":[{\"type\":\"INFO\",\"text\":\"Search finished\"}]}",
        "{\"preview\":false,\"offset\":2,\"result\" : " + event + "}"));
    assertEquals(List.of(
        ORIGIN + ":2: Splunk reported ERROR: Your session has expired",
        ORIGIN + ":3: Splunk export row whose result is not an object: {\"preview\":false,\"offset\":1,\"result\":\"none\"}"),
        r.errors());
    assertEquals(2, r.skipped(), "rows of events are skipped as before");
  }

  @Test
  void nestingPastTheLimitIsReportedAndUpToItSkipped() throws IOException {
    int limit = RawPrefilter.MAX_DEPTH;
    String objects = "{\"a\":".repeat(limit) + "1" + "}".repeat(limit);
    String arrays = "{\"a\":" + "[".repeat(limit - 1) + "]".repeat(limit - 1) + "}";
    String deeperObjects = "{\"a\":".repeat(limit + 1) + "1" + "}".repeat(limit + 1);
    String deeperArrays = "{\"a\":" + "[".repeat(limit) + "]".repeat(limit) + "}";
    FilteredReading r = both(List.of(objects, arrays, deeperObjects, deeperArrays));
    assertEquals(List.of(
        ORIGIN + ":3: nested deeper than the limit of 64 levels",
        ORIGIN + ":4: nested deeper than the limit of 64 levels"), r.errors());
    assertEquals(2, r.skipped());
  }

  @Test
  void wellFormedObjectsWithoutPiecesAreStillSkipped() throws IOException {
    List<String> lines = List.of(
        "{}",
        " {\"n\":0,\"m\":-12.5e-3,\"big\":1234567890123456789,\"t\":true,\"f\":false,\"z\":null} \r",
        "{ \"a\" : [ 1 , { \"b\" : [ ] } , \"c\" ] ,\t\"d\":{}}",
        "{\"q\":\"say \\\"hi\\\"\\n\\tC:\\\\x\\r\\b\\f\",\"c\":\"\u0001 raw control\",\"u\":\"Ren\u00e9\"}",
        "{\"preview\":false,\"offset\":0,\"result\":{\"a\":\"b\"}}");
    for (String line : lines) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      assertTrue(JsonObjectCheck.wellFormed(b, 0, b.length), line);
    }
    FilteredReading r = both(lines);
    assertEquals(List.of(), r.errors());
    assertEquals(lines.size(), r.skipped());
  }

  @Test
  void blankLinesAreNeitherRecordsNorReports() throws IOException {
    FilteredReading r = both(List.of(BENIGN, "", "   ", "\t\r", "[]"));
    assertEquals(List.of(ORIGIN + ":5: not a JSON object: []"), r.errors());
    assertEquals(List.of(), r.recordLines());
    assertEquals(1, r.skipped());
  }

  /**
   * The check against the reader on generated lines: objects of every JSON construct (nested objects and
   * arrays, numbers of each shape, literals, escapes, raw control and non-ASCII characters, blanks, Splunk
   * export members), half of them broken by an inserted, deleted or replaced byte. A line the check passes is
   * read without a report; the fused pass gives the check's own answer; scan's prefilter gives the same
   * reports as no prefilter.
   */
  @Test
  void aLineTheCheckPassesIsReadWithoutAReport() throws IOException {
    SplittableRandom r = new SplittableRandom(41);
    List<String> lines = new ArrayList<>();
    lines.add("{}");
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      blank(sb, r);
      object(sb, r, 1);
      blank(sb, r);
      String line = sb.toString();
      lines.add(r.nextBoolean() ? line : mutated(line, r));
    }
    String text = String.join("\n", lines) + "\n";
    FilteredReading plain = FilteredReading.of(text, ORIGIN, RawFilters.NONE);
    Map<Long, String> reports = new HashMap<>();
    for (String e : plain.errors()) {
      long line = Long.parseLong(e.substring(ORIGIN.length() + 1, e.indexOf(':', ORIGIN.length() + 1)));
      reports.put(line, e);
    }
    int passed = 0;
    for (int i = 0; i < lines.size(); i++) {
      byte[] b = lines.get(i).getBytes(StandardCharsets.UTF_8);
      boolean ok = JsonObjectCheck.wellFormed(b, 0, b.length);
      String report = reports.get(i + 1L);
      int n = i;
      assertTrue(!ok || report == null, () -> "passed but reported: " + lines.get(n) + "\n" + report);
      int fused = JsonObjectCheck.plainJson(b, 0, b.length);
      if (fused >= 0) {
        assertEquals(RawPrefilter.escapes(b, 0, b.length) || !ok ? 0 : 1, fused, lines.get(i));
      }
      passed += ok ? 1 : 0;
    }
    assertTrue(passed > 8_000 && reports.size() > 6_000, "passed " + passed + ", reported " + reports.size());
    assertEquals(plain.errors(), FilteredReading.of(text, ORIGIN, FilteredReading.SCAN).errors());
  }

  private static final String[] NUMBERS = {"0", "-0", "7", "-12", "3.25", "-0.5", "1e5", "2E-3", "6.02e+23",
      "123456789012345678901234567890", "0.000001", "9223372036854775807", "-9223372036854775808",
      "18446744073709551616", "184467440737095516160", "2222222220" + "0".repeat(80) + "29475527.73",
      "0." + "1".repeat(1100)};
  private static final String[] LITERALS = {"true", "false", "null"};
  private static final String[] KEYS = {"a", "Image", "EventID", "x y", "preview", "offset", "result", "messages", ""};
  private static final String[] STRING_PARTS = {"text", "C:\\\\Windows", "\\\"", "\\\\", "\\n", "\\t", "\\r", "\\b",
      "\\f", "\\/", "\\u00e9", "\u00e9", "\u0001", "&amp;", "{[", "]}", ":", ",", " ", "devtunnel.exe"};
  private static final String[] BLANKS = {"", "", "", " ", "\t", " \r "};
  private static final String MARKS = "\"\\{}[],: \t0123456789-+.eEtrufalsn/x'#&|~^\u0002\u0006";

  private static void blank(StringBuilder sb, SplittableRandom r) {
    sb.append(BLANKS[r.nextInt(BLANKS.length)]);
  }

  private static void object(StringBuilder sb, SplittableRandom r, int depth) {
    sb.append('{');
    blank(sb, r);
    int n = r.nextInt(5);
    for (int k = 0; k < n; k++) {
      if (k > 0) {
        sb.append(',');
        blank(sb, r);
      }
      String key = KEYS[r.nextInt(KEYS.length)];
      sb.append('"').append(key).append('"');
      blank(sb, r);
      sb.append(':');
      blank(sb, r);
      if (depth == 1 && key.equals("result") && r.nextInt(4) > 0) {
        object(sb, r, depth + 1);
      } else {
        value(sb, r, depth);
      }
      blank(sb, r);
    }
    sb.append('}');
  }

  private static void value(StringBuilder sb, SplittableRandom r, int depth) {
    int kind = r.nextInt(depth < 4 ? 6 : 4);
    switch (kind) {
      case 0 -> sb.append(NUMBERS[r.nextInt(NUMBERS.length)]);
      case 1 -> sb.append(LITERALS[r.nextInt(LITERALS.length)]);
      case 2, 3 -> string(sb, r);
      case 4 -> object(sb, r, depth + 1);
      default -> {
        sb.append('[');
        blank(sb, r);
        int n = r.nextInt(4);
        for (int k = 0; k < n; k++) {
          if (k > 0) {
            sb.append(',');
            blank(sb, r);
          }
          value(sb, r, depth + 1);
        }
        sb.append(']');
      }
    }
  }

  private static void string(StringBuilder sb, SplittableRandom r) {
    sb.append('"');
    int n = r.nextInt(5);
    for (int k = 0; k < n; k++) {
      sb.append(STRING_PARTS[r.nextInt(STRING_PARTS.length)]);
    }
    sb.append('"');
  }

  private static String mutated(String line, SplittableRandom r) {
    StringBuilder sb = new StringBuilder(line);
    int at = r.nextInt(sb.length());
    char c = MARKS.charAt(r.nextInt(MARKS.length()));
    switch (r.nextInt(3)) {
      case 0 -> sb.insert(at, c);
      case 1 -> sb.deleteCharAt(at);
      default -> sb.setCharAt(at, c);
    }
    return sb.toString();
  }
}
