package org.idetunnelrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.idetunnelrisk.app.AppRulebook;
import org.idetunnelrisk.read.RawFilters;
import org.idetunnelrisk.prefilter.RawPrefilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile inputs through the CLI ({@link Main#run} with captured streams): every problem is one
 * {@code place: reason} line on stderr with the documented exit code; no stack trace, no exception name.
 */
class ScanHostileTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stderr() {
    String s = err.toString(StandardCharsets.UTF_8);
    assertFalse(s.contains("Exception") || s.contains("\tat ") || s.contains("Error:"), "stack trace on stderr: " + s);
    return s;
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static final String OK_JSON = "{\"dest\":\"ws1\",\"process_name\":\"notepad.exe\"}\n";

  @Test
  void everyHostileFileIsReportedAndTheOthersStillScanned() throws IOException {
    Path xxe = write("xxe.xml", "<!DOCTYPE Event [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Event/>\n");
    Path deep = write("deep.jsonl", "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000) + "\n" + OK_JSON);
    Path csv = write("dup.csv", "user,user\n1,2\n");
    Path ctl = write("ctl.xml", "<Event><EventData><Data Name=\"a\">\u0001</Data></EventData></Event>\n");
    Path gz = dir.resolve("cut.jsonl.gz");
    try (GZIPOutputStream z = new GZIPOutputStream(Files.newOutputStream(gz))) {
      z.write(OK_JSON.repeat(5000).getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(whole, whole.length / 2));
    Path fine = write("fine.jsonl", OK_JSON);
    int code = run("scan", xxe.toString(), deep.toString(), csv.toString(), ctl.toString(), gz.toString(), fine.toString());
    assertEquals(ExitCode.INPUT_ERROR, code);
    assertEquals(String.join("\n",
        xxe + ":1: DOCTYPE is not allowed (DTDs and external entities are refused); reading stopped",
        deep + ":1: nested deeper than the limit of 64 levels",
        csv + ":1: header repeats column name 'user' at positions 1 and 2",
        ctl + ":1: malformed XML: An invalid XML character (Unicode: 0x1) was found in the element content of the"
            + " document.",
        gz + ": truncated gzip data", ""), stderr());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  /**
   * A JSON line that is not one object is reported as any unreadable record is (its place, exit 1), the same
   * with the shipped rules, whose prefilter skips lines by their bytes, as with a rule that needs no literal,
   * which turns the prefilter off.
   */
  @Test
  void everyJsonLineIsAnObjectOrReportedWithOrWithoutThePrefilter() throws IOException {
    Path lines = write("lines.jsonl", OK_JSON
        + "[\"devtunnel.exe\",\"host\"]\n"
        + "[".repeat(100_000) + "]".repeat(100_000) + "\n"
        + "\"devtunnel.exe host\"\n"
        + "true\n"
        + "{\"dest\":\"ws1\"}{\"dest\":\"ws2\"}\n"
        + "{\"preview\":false,\"messages\":[{\"type\":\"FATAL\",\"text\":\"Search was cancelled\"}]}\n"
        + OK_JSON);
    Path array = write("array.jsonl", "[{\"dest\":\"ws1\",\"process_name\":\"devtunnel.exe\"}]\n");
    List<String> expected = List.of(
        lines + ":2: not a JSON object: [\"devtunnel.exe\",\"host\"]",
        lines + ":3: not a JSON object: " + "[".repeat(80) + "...",
        lines + ":4: not a JSON object: \"devtunnel.exe host\"",
        lines + ":5: not a JSON object: true",
        lines + ":6: more than one JSON value on the line: {\"dest\":\"ws1\"}{\"dest\":\"ws2\"}",
        lines + ":7: Splunk reported FATAL: Search was cancelled",
        array + ":1: not a JSON object: [{\"dest\":\"ws1\",\"process_name\":\"devtunnel.exe\"}]",
        "files 2, records 2, unreadable 7, risk events 0, duplicates dropped 0, suppressed by score 0,"
            + " hits without risk object 0");
    assertEquals(ExitCode.INPUT_ERROR, run("scan", "--summary", lines.toString(), array.toString()));
    String shipped = stderr();
    assertEquals(expected, shipped.lines().limit(expected.size()).toList());

    Path rules = Files.createDirectories(dir.resolve("open-rules"));
    Files.writeString(rules.resolve("no_host.yml"), String.join("\n",
        "title: Events Without A Host",
        "id: 22222222-3333-4444-5555-666666666666",
        "logsource: {category: process_creation}",
        "detection:",
        "  sel:",
        "    dest|exists: true",
        "  condition: not sel",
        "level: low", ""));
    AppRulebook open = Loading.read("scan", null, List.of(rules.toString()), null, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    assertEquals(RawFilters.NONE, RawPrefilter.filters(open.rules().rules(), open.fields()), "no prefilter for this rule");
    err.reset();
    assertEquals(ExitCode.INPUT_ERROR, run("scan", "--summary", "--rules", rules.toString(), lines.toString(),
        array.toString()));
    assertEquals(shipped, stderr());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void maxRecordBytesReportsTheBigRecordAndGoesOn() throws IOException {
    Path f = write("big.jsonl", "{\"process\":\"" + "x".repeat(200) + "\"}\n" + OK_JSON);
    assertEquals(ExitCode.INPUT_ERROR, run("scan", "--max-record-bytes", "100", f.toString()));
    assertEquals(f + ":1: line longer than the limit of 100 bytes\n", stderr());
  }

  @Test
  void maxRecordBytesMustBeAPositiveNumber() throws IOException {
    Path f = write("one.jsonl", OK_JSON);
    assertEquals(ExitCode.USAGE, run("scan", "--max-record-bytes", "0", f.toString()));
    String s = stderr();
    assertEquals("scan: --max-record-bytes needs a number of bytes from 1 to 2147483647 but was '0'",
        s.substring(0, s.indexOf('\n')));
    err.reset();
    assertEquals(ExitCode.USAGE, run("scan", "--max-record-bytes", "9e9", f.toString()));
    s = stderr();
    assertEquals("scan: --max-record-bytes needs a number of bytes from 1 to 2147483647 but was '9e9'",
        s.substring(0, s.indexOf('\n')));
  }

  @Test
  void hostileRuleFilesAreProblemsWithTheirPlace() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("deep.yml"), "title: T\ndetection:\n  sel:\n    a: " + "[".repeat(100_000)
        + "]".repeat(100_000) + "\n  condition: sel\n");
    Files.writeString(rules.resolve("paren.yml"), "title: T\nlogsource:\n  product: windows\ndetection:\n"
        + "  sel:\n    a: b\n  condition: '" + "(".repeat(100_000) + "sel" + ")".repeat(100_000) + "'\n");
    Files.writeString(rules.resolve("look.yml"), "title: T\nlogsource:\n  product: windows\ndetection:\n"
        + "  sel:\n    a|re: 'x(?=y)'\n  condition: sel\n");
    Path f = write("one.jsonl", OK_JSON);
    assertEquals(ExitCode.USAGE, run("scan", "--rules", rules.toString(), f.toString()));
    assertEquals(String.join("\n",
        rules.resolve("deep.yml") + ":4: invalid YAML: maps and lists nested deeper than 64 levels",
        rules.resolve("look.yml") + ":6: modifier 're': 'x(?=y)' is not an RE2 regular expression: invalid or"
            + " unsupported Perl syntax (RE2 has no backreferences or lookaround)",
        rules.resolve("paren.yml") + ":7: condition nested deeper than 64 levels",
        "3 rule problem(s); nothing was scanned", ""), stderr());
  }
}
