package org.idetunnelrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
  @TempDir Path dir;
  private Path rules;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static final String RULE = ScanRun.RULE + String.join("\n",
      "risk:",
      "  message: devtunnel on $dest$",
      "  risk_objects:",
      "    - {field: dest, type: system, score: 20}",
      "  threat_objects:",
      "    - {field: parent_process_name, type: process}",
      "");

  @BeforeEach
  void rules() throws IOException {
    rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("devtunnel.yml"), RULE);
  }

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path jsonl(String name, String... lines) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, String.join("\n", lines) + "\n");
    return p;
  }

  @Test
  void scanWritesOneJsonRiskEventPerHit() throws IOException {
    Path in = jsonl("events.jsonl",
        "{\"Image\":\"C:\\\\x\\\\devtunnel.exe\",\"Computer\":\"ws1\",\"ParentImage\":\"C:\\\\Windows\\\\cmd.exe\",\"EventID\":\"1\"}",
        "{\"Image\":\"C:\\\\x\\\\notepad.exe\",\"Computer\":\"ws1\"}");
    assertEquals(0, run("scan", "--rules", rules.toString(), in.toString()));
    String[] lines = stdout().split("\n");
    assertEquals(1, lines.length, stdout());
    JsonObject e = JsonParser.parseString(lines[0]).getAsJsonObject();
    assertEquals("ws1", e.get("risk_object").getAsString());
    assertEquals("system", e.get("risk_object_type").getAsString());
    assertEquals(20, e.get("risk_score").getAsInt());
    assertEquals("devtunnel on ws1", e.get("risk_message").getAsString());
    assertEquals("cmd.exe", e.getAsJsonArray("threat_object").get(0).getAsString());
    assertEquals("IDE Tunnel Risk - Devtunnel Test - Rule", e.get("search_name").getAsString());
    assertEquals(in + ":1", e.get("orig_location").getAsString());
    assertEquals("", stderr());
  }

  @Test
  void sameEventInTwoFilesIsWrittenOnce() throws IOException {
    String line = "{\"Image\":\"C:\\\\x\\\\devtunnel.exe\",\"Computer\":\"ws1\"}";
    Path a = jsonl("a.jsonl", line);
    Path b = dir.resolve("b.jsonl.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(b))) {
      o.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(0, run("scan", "--rules", rules.toString(), "--summary", a.toString(), b.toString()));
    assertEquals(1, stdout().split("\n").length);
    assertTrue(stderr().contains("risk events 1, duplicates dropped 1"), stderr());
  }

  @Test
  void summaryListsRiskObjectsHighestTotalScoreFirstWithFirstAndLastSeen() throws IOException {
    Path in = jsonl("hosts.jsonl",
        "{\"Image\":\"C:\\\\x\\\\devtunnel.exe\",\"Computer\":\"aaa\",\"UtcTime\":\"2026-01-01 10:00:00.000\"}",
        "{\"Image\":\"C:\\\\y\\\\devtunnel.exe\",\"Computer\":\"zzz\",\"UtcTime\":\"2026-01-01 09:00:00.000\"}",
        "{\"Image\":\"C:\\\\z\\\\devtunnel.exe\",\"Computer\":\"zzz\",\"UtcTime\":\"2026-01-01 11:30:00.000\"}");
    assertEquals(0, run("scan", "--rules", rules.toString(), "--summary", in.toString()), stderr());
    String summary = stderr();
    int zzz = summary.indexOf("system:zzz");
    int aaa = summary.indexOf("system:aaa");
    assertTrue(zzz > 0 && aaa > zzz, "zzz (two events) before aaa (one): " + summary);
    String zzzLine = summary.substring(zzz, summary.indexOf('\n', zzz));
    assertTrue(zzzLine.matches("system:zzz\\s+2\\s+\\d+\\s+2026-01-01 09:00:00\\s+2026-01-01 11:30:00\\s*"), zzzLine);
  }

  @Test
  void badRecordIsReportedWithPlaceAndTheRestIsScanned() throws IOException {
    Path in = jsonl("mixed.jsonl",
        "{\"Image\":\"C:\\\\x\\\\devtunnel.exe\",\"Computer\":\"ws1\"}",
        "{not json",
        "{\"Image\":\"C:\\\\y\\\\devtunnel.exe\",\"Computer\":\"ws2\"}");
    assertEquals(1, run("scan", "--rules", rules.toString(), in.toString()));
    assertEquals(2, stdout().split("\n").length);
    assertTrue(stderr().startsWith(in + ":2: "), stderr());
    assertTrue(!stderr().contains("\tat "), "no stack trace: " + stderr());
  }

  static final String SYSMON_XML = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
      + "<Provider Name='Microsoft-Windows-Sysmon'/><EventID>1</EventID><EventRecordID>4711</EventRecordID>"
      + "<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>ws1</Computer></System><EventData>"
      + "<Data Name='Image'>C:\\x\\devtunnel.exe</Data><Data Name='CommandLine'>&quot;C:\\x\\devtunnel.exe&quot; host"
      + "</Data></EventData></Event>";

  @Test
  void exportRowsAreReadAsTheAlertActionAndTheModularInputReadThem() throws IOException {
    JsonObject result = new JsonObject();
    result.addProperty("_time", "2026-11-23T10:00:00.000+00:00");
    result.addProperty("_raw", SYSMON_XML);
    result.addProperty("_cd", "12:345");
    result.addProperty("host", "forwarder1");
    JsonObject row = new JsonObject();
    row.addProperty("preview", false);
    row.addProperty("offset", 0);
    row.add("result", result);
    Path export = jsonl("export.json", row.toString());
    Path csv = dir.resolve("export.csv");
    Files.writeString(csv, "_time,_raw,_cd,host\n1795428000,\"" + SYSMON_XML.replace("\"", "\"\"") + "\",12:345,forwarder1\n");
    assertEquals(0, run("scan", "--rules", rules.toString(), "--summary", export.toString(), csv.toString()), stderr());
    String[] lines = stdout().split("\n");
    assertEquals(1, lines.length, stdout());
    JsonObject e = JsonParser.parseString(lines[0]).getAsJsonObject();
    assertEquals("ws1", e.get("risk_object").getAsString());
    assertEquals(export + ":1", e.get("orig_location").getAsString());
    assertTrue(stderr().contains("risk events 1, duplicates dropped 1"), "the CSV row is the same event: " + stderr());
  }

  @Test
  void rawThatDoesNotParseIsReportedWithPlaceAndTheRowsFieldsAreScored() throws IOException {
    Path csv = dir.resolve("results.csv");
    Files.writeString(csv, "_time,_raw,Image,Computer\n1795428000,\"<Event><System><EventID>1\",C:\\x\\devtunnel.exe,ws-pad\n");
    assertEquals(1, run("scan", "--rules", rules.toString(), csv.toString()));
    assertEquals(csv + ":2: the row could not be read from _raw (_raw:1: malformed XML: The element type "
        + "\"EventID\" must be terminated by the matching end-tag \"</EventID>\".); scoring the row's fields instead\n",
        stderr());
    assertTrue(stdout().contains("\"risk_object\":\"ws-pad\""), stdout());
  }

  @Test
  void missingFileIsAnInputErrorAfterScanningTheOthers() throws IOException {
    Path in = jsonl("ok.jsonl", "{\"Image\":\"C:\\\\x\\\\devtunnel.exe\",\"Computer\":\"ws1\"}");
    assertEquals(1, run("scan", "--rules", rules.toString(), dir.resolve("nope.xml").toString(), in.toString()));
    assertEquals(dir.resolve("nope.xml") + ": no such file\n", stderr());
    assertEquals(1, stdout().split("\n").length);
  }

  @Test
  void anArchiveScanDoesNotOpenIsOneLineAndAnInputErrorAfterScanningTheOthers() throws IOException {
    Path zip = Files.write(dir.resolve("logs.json"), new byte[] {'7', 'z', (byte) 0xbc, (byte) 0xaf, 0x27, 0x1c, 0, 4});
    Path in = jsonl("ok.jsonl", "{\"Image\":\"C:\\\\x\\\\devtunnel.exe\",\"Computer\":\"ws1\"}");
    assertEquals(1, run("scan", "--rules", rules.toString(), zip.toString(), in.toString()));
    assertEquals(zip + ": not a format scan reads (looks like a 7-Zip archive; unpack it and scan its files)\n",
        stderr());
    assertEquals(1, stdout().split("\n").length);
  }

  @Test
  void invalidRuleRefusesToStartWithFileAndLine() throws IOException {
    Files.writeString(rules.resolve("bad.yml"), RULE.replace("condition: sel", "condition: sel and nothere")
        .replace("11111111", "99999999"));
    Path in = jsonl("x.jsonl", "{}");
    assertEquals(2, run("scan", "--rules", rules.toString(), in.toString()));
    assertEquals("", stdout());
    String first = stderr().lines().findFirst().orElse("");
    assertTrue(first.startsWith(rules.resolve("bad.yml") + ":7: "), stderr());
    assertTrue(stderr().contains("1 rule problem(s); nothing was scanned"), stderr());
  }

  @Test
  void usageErrors() {
    assertEquals(2, run("scan"));
    assertTrue(stderr().startsWith("scan: no input file given"), stderr());
    assertEquals(2, run("scan", "--bogus", "x"));
    assertEquals(2, run("frobnicate"));
    assertTrue(stderr().contains("unknown command 'frobnicate'"), stderr());
    assertEquals(2, run("scan", "--rules", dir.resolve("none").toString(), "x"));
  }

  @Test
  void hitWithoutRiskObjectIsReported() throws IOException {
    Path in = jsonl("nohost.jsonl", "{\"Image\":\"C:\\\\x\\\\devtunnel.exe\"}");
    assertEquals(0, run("scan", "--rules", rules.toString(), "--summary", in.toString()));
    assertEquals("", stdout());
    assertTrue(stderr().contains("1 hit(s) had no risk object"), stderr());
    assertTrue(stderr().contains("hits without a risk object (not written):"), stderr());
  }

  @Test
  void rulesCheckPrintsProblemsAndExitsOne() throws IOException {
    assertEquals(0, run("rules", "check", rules.toString()));
    assertEquals("1 rule(s) valid, 0 problem(s), 0 warning(s)\n", stdout());
    Files.writeString(rules.resolve("bad.yml"), "title: x\ndetection:\n  sel: {a: b}\n  condition: sel |count() > 5\n");
    out.reset();
    assertEquals(1, run("rules", "check", rules.toString()));
    assertTrue(stderr().startsWith(rules.resolve("bad.yml") + ":4: "), stderr());
  }
}
