package org.idetunnelrisk.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.cli.Main;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.InputException;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.scoring.Scorer;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.sigma.RuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output injection, end to end: a devtunnel process event whose host, user, command line and parent carry
 * quotes, {@code key="value"} text, commas, {@code =}, CR/LF and other line breaks, a {@code ***SPLUNK***}
 * header and {@code $field$} tokens is read from each input format, scored by the shipped rules, rendered
 * as stash text ({@link RiskEventText}), as {@code output.RiskEventJson} and by {@code scan},
 * and parsed back: exactly the intended keys, in order, with exactly the intended values; no forged field,
 * no second event, no other index or source, no token expanded twice.
 */
class HostileEndToEndTest {
  /** Everything a field value should not be able to do. */
  static final String H = "x\", risk_object=\"forged\", index=\"main\", source=\"evil\"\r\n"
      + "***SPLUNK*** index=main source=evil sourcetype=stash\n1790000000.000, risk_score=\"100\"\u2028\u0085"
      + " $dest$ $user$ $process$ a=b, c=d,e \\\" \\";
  static final String DEST = "ws1" + H;
  static final String USER = "CORP\\" + H;
  static final String COMMAND = "devtunnel.exe host " + H;
  static final String PARENT_NAME = "cmd" + H.replace("\\", "") + ".exe"; // a file name: no separator

  static RuleSet rules;

  @TempDir Path dir;

  @BeforeAll
  static void loadShippedRules() {
    rules = new RuleLoader(FieldTable.shipped()).loadShipped();
    assertEquals(List.of(), rules.problems());
  }

  // ---- the inputs

  private static String xmlText(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("\r", "&#13;").replace("\n", "&#10;");
  }

  static String sysmonXml() {
    return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
        + "<Provider Name='Microsoft-Windows-Sysmon'/><EventID>1</EventID>"
        + "<TimeCreated SystemTime='2026-11-20T09:14:03.5123456Z'/><EventRecordID>1</EventRecordID>"
        + "<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>" + xmlText(DEST) + "</Computer></System>"
        + "<EventData><Data Name='Image'>C:\\Tools\\devtunnel.exe</Data>"
        + "<Data Name='OriginalFileName'>devtunnel.dll</Data>"
        + "<Data Name='CommandLine'>" + xmlText(COMMAND) + "</Data>"
        + "<Data Name='User'>" + xmlText(USER) + "</Data>"
        + "<Data Name='ParentImage'>C:\\Windows\\" + xmlText(PARENT_NAME) + "</Data></EventData></Event>\n";
  }

  static String cimJson() throws IOException {
    StringWriter sw = new StringWriter();
    try (JsonWriter w = new JsonWriter(sw)) {
      w.beginObject().name("_time").value("2026-11-20T11:00:05.000+00:00").name("dest").value(DEST)
          .name("user").value(USER).name("process_name").value("devtunnel.exe").name("process").value(COMMAND)
          .name("parent_process_name").value(PARENT_NAME).name("original_file_name").value("devtunnel.dll")
          .name("vendor_product").value("Microsoft Sysmon").endObject();
    }
    return sw + "\n";
  }

  private static String csvCell(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  static String cimCsv() {
    return "_time,dest,user,process_name,process,parent_process_name,original_file_name\r\n"
        + String.join(",", csvCell("2026-11-20T12:00:00.000+00:00"), csvCell(DEST), csvCell(USER),
            csvCell("devtunnel.exe"), csvCell(COMMAND), csvCell(PARENT_NAME), csvCell("devtunnel.dll")) + "\r\n";
  }

  private List<Map.Entry<RiskEvent, Record>> score(Path file) throws IOException {
    Scorer scorer = new Scorer(rules.rules(), FieldTable.shipped());
    List<Map.Entry<RiskEvent, Record>> out = new ArrayList<>();
    try (RecordReader r = Readers.open(file)) {
      for (Record rec; (rec = r.next()) != null; ) {
        scorer.score(rec, (e, from) -> out.add(new SimpleEntry<>(e, from)));
      }
    } catch (InputException e) {
      throw new AssertionError("the hostile event must be read: " + e.getMessage(), e);
    }
    return out;
  }

  // ---- the expected renderings, built from the event independently of the code under test

  private static String stash(String v) {
    StringBuilder b = new StringBuilder();
    for (char c : v.replace("***SPLUNK***", "*** SPLUNK ***").toCharArray()) {
      b.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' ? ' ' : c);
    }
    return b.toString();
  }

  private static void add(List<Map.Entry<String, String>> out, String key, List<String> values) {
    for (String v : values) {
      out.add(new SimpleEntry<>(key, stash(v)));
    }
  }

  static List<Map.Entry<String, String>> expectedStashPairs(RiskEvent e) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    out.add(new SimpleEntry<>("_time", String.format(java.util.Locale.ROOT, "%.3f", e.time())));
    add(out, "risk_object", List.of(e.riskObject()));
    add(out, "risk_object_type", List.of(e.riskObjectType()));
    add(out, "risk_score", List.of(Integer.toString(e.riskScore())));
    add(out, "risk_message", List.of(e.riskMessage()));
    add(out, "threat_object", e.threatObjects());
    add(out, "threat_object_type", e.threatObjectTypes());
    add(out, "search_name", List.of(e.searchName()));
    add(out, "annotations.mitre_attack", e.mitreAttack());
    add(out, "annotations.analytic_story", e.analyticStories());
    add(out, "analyticstories", e.analyticStories());
    add(out, "rule_id", List.of(e.ruleId()));
    add(out, "rule_title", List.of(e.ruleTitle()));
    add(out, "risk_event_id", List.of(e.id()));
    add(out, "risk_modifiers", e.modifiers());
    e.fields().forEach((k, v) -> {
      if (RiskEventFields.copied(k)) {
        add(out, k, v);
      }
    });
    return out;
  }

  private static JsonObject strictJson(String line) {
    JsonReader r = new JsonReader(new StringReader(line));
    r.setStrictness(Strictness.STRICT);
    JsonElement e = JsonParser.parseReader(r);
    return e.getAsJsonObject();
  }

  private static List<String> strings(JsonElement e) {
    List<String> out = new ArrayList<>();
    if (e.isJsonArray()) {
      e.getAsJsonArray().forEach(x -> out.add(x.getAsString()));
    } else {
      out.add(e.getAsString());
    }
    return out;
  }

  // ---- the checks

  /** The event as the pipeline made it: the hostile values arrive intact and the message is filled once. */
  private static void intended(RiskEvent e) {
    assertEquals(DEST, e.riskObject());
    assertEquals(List.of(DEST), e.fields().get("dest"));
    assertEquals(List.of(USER), e.fields().get("user"));
    assertEquals(List.of(COMMAND), e.fields().get("process"));
    assertEquals(List.of(PARENT_NAME), e.fields().get("parent_process_name"));
    assertEquals("Dev Tunnels CLI ran on " + DEST + " as " + USER + ": " + COMMAND + " (parent " + PARENT_NAME + ")",
        e.riskMessage());
  }

  private static void stashText(RiskEvent e) {
    String raw = RiskEventText.render(e, 0);
    assertFalse(raw.contains("\n") || raw.contains("\r") || raw.contains("\u2028") || raw.contains("\u0085"), raw);
    assertFalse(raw.contains("***SPLUNK***"), raw);
    List<Map.Entry<String, String>> pairs = StashPairs.parse(raw);
    assertEquals(expectedStashPairs(e), pairs);
    assertEquals(List.of(stash(DEST)), RiskEventTextTest.values(pairs, "risk_object"));
    assertEquals(List.of(), RiskEventTextTest.values(pairs, "index"));
    assertEquals(List.of(), RiskEventTextTest.values(pairs, "source"));
  }

  private static void outputJson(RiskEvent e, String line) {
    assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\u2028"), line);
    JsonObject o = strictJson(line);
    List<String> keys = new ArrayList<>(List.of("_time", "risk_object", "risk_object_type", "risk_score", "risk_message",
        "threat_object", "threat_object_type", "search_name", "source", "rule_id", "rule_title", "annotations",
        "analyticstories", "risk_modifiers", "risk_event_id", "orig_location"));
    Map<String, List<String>> copied = new LinkedHashMap<>();
    e.fields().forEach((k, v) -> {
      if (RiskEventFields.copied(k)) {
        keys.add(k);
        copied.put(k, v);
      }
    });
    assertEquals(keys, List.copyOf(o.keySet()));
    assertEquals(e.riskObject(), o.get("risk_object").getAsString());
    assertEquals(e.riskMessage(), o.get("risk_message").getAsString());
    assertEquals(e.searchName(), o.get("source").getAsString());
    assertEquals(e.threatObjects(), strings(o.get("threat_object")));
    copied.forEach((k, v) -> assertEquals(v, strings(o.get(k)), k));
  }

  private void endToEnd(String name, String content) throws IOException {
    Path file = Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    List<Map.Entry<RiskEvent, Record>> events = score(file);
    assertEquals(1, events.size(), "one risk event from the one hostile event: " + events);
    RiskEvent e = events.get(0).getKey();
    assertEquals("IDE Tunnel Risk - Microsoft Dev Tunnels CLI Execution - Rule", e.searchName());
    intended(e);
    stashText(e);
    outputJson(e, org.idetunnelrisk.output.RiskEventJson.toJson(e, file + ":1"));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"scan", file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    String stdout = out.toString(StandardCharsets.UTF_8);
    assertTrue(stdout.endsWith("\n"));
    String[] lines = stdout.substring(0, stdout.length() - 1).split("\n", -1);
    assertEquals(1, lines.length, stdout);
    outputJson(e, lines[0]);
    assertEquals(e.id(), strictJson(lines[0]).get("risk_event_id").getAsString());
  }

  @Test
  void sysmonXmlEvent() throws IOException {
    endToEnd("hostile.xml", sysmonXml());
  }

  @Test
  void cimJsonLine() throws IOException {
    endToEnd("hostile.jsonl", cimJson());
  }

  @Test
  void splunkCsvRow() throws IOException {
    endToEnd("hostile.csv", cimCsv());
  }

  @Test
  void taskXmlRefusedForItsDoctypeStillRaisesTheRisk() throws IOException {
    String task = "<?xml version=\"1.0\"?><!DOCTYPE Task [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Task><Actions>"
        + "<Exec><Command>C:\\Users\\Public\\devtunnel.exe</Command><Arguments>host &e;</Arguments></Exec></Actions></Task>";
    String xml = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
        + "<Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>4698</EventID>"
        + "<TimeCreated SystemTime='2026-11-20T10:02:11.4470000Z'/><EventRecordID>7</EventRecordID>"
        + "<Channel>Security</Channel><Computer>WS-BOB</Computer></System><EventData>"
        + "<Data Name='SubjectUserName'>bob</Data><Data Name='SubjectDomainName'>CORP</Data>"
        + "<Data Name='TaskName'>\\Updater</Data><Data Name='TaskContent'>" + xmlText(task) + "</Data></EventData></Event>\n";
    List<Map.Entry<RiskEvent, Record>> events = score(Files.writeString(dir.resolve("task.xml"), xml));
    assertEquals(List.of("WS-BOB", "bob"), events.stream().map(x -> x.getKey().riskObject()).toList());
    for (Map.Entry<RiskEvent, Record> x : events) {
      assertEquals("IDE Tunnel Risk - IDE Tunnel Persistence - Rule", x.getKey().searchName());
      assertEquals(List.of(task), x.getKey().fields().get("task_content"), "kept as written, no entity resolved");
      assertEquals(null, x.getKey().fields().get("task_command"), "the refused XML gave no parsed action");
    }
  }
}
