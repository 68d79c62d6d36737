package org.idetunnelrisk.fields;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.Row;
import org.junit.jupiter.api.Test;

class FieldTableTest {
  private static Map<String, List<String>> rec(String... kv) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
    }
    return m;
  }

  @Test
  void sysmonRowGetsCanonicalNamesAndDerivedFileNames() {
    Row r = FieldTable.shipped().normalize(rec(
        "Image", "C:\\temp\\VSCode\\bin\\code-tunnel.exe",
        "CommandLine", "code-tunnel.exe tunnel",
        "OriginalFileName", "-",
        "Computer", "ws1.corp",
        "CurrentDirectory", "c:\\temp\\"), Row.builder()).build();
    assertEquals("code-tunnel.exe", r.first("process_name"));
    assertEquals("C:\\temp\\VSCode\\bin\\code-tunnel.exe", r.first("process_path"));
    assertEquals("code-tunnel.exe tunnel", r.first("process"));
    assertEquals(null, r.first("original_file_name"));
    assertEquals("ws1.corp", r.first("dest"));
    assertEquals(null, r.first("Image"));
  }

  @Test
  void datamodelPrefixIsStripped() {
    Row r = FieldTable.shipped().normalize(rec("Processes.process_name", "devtunnel.exe", "Processes.dest", "ws2"),
        Row.builder()).build();
    assertEquals("devtunnel.exe", r.first("process_name"));
    assertEquals("ws2", r.first("dest"));
  }

  @Test
  void firstSourceWithAValueWinsAndUnknownFieldsPassThrough() {
    Row r = FieldTable.shipped().normalize(rec("host", "forwarder1", "ComputerName", "ws3", "custom_x", "1"),
        Row.builder()).build();
    assertEquals("ws3", r.first("dest"));
    assertEquals("1", r.first("custom_x"));
  }

  @Test
  void multivalueKeptInOrder() {
    Row r = FieldTable.shipped().normalize(rec("QueryName", "a.devtunnels.ms", "QueryName", "b"), Row.builder()).build();
    assertArrayEquals(new String[] {"a.devtunnels.ms", "b"}, r.values("query"));
  }

  @Test
  void ruleFieldsMapToCanonical() {
    FieldTable t = FieldTable.shipped();
    assertEquals("process_path", t.ruleField("Image"));
    assertEquals("process", t.ruleField("CommandLine"));
    assertEquals("original_file_name", t.ruleField("OriginalFileName"));
    assertEquals("process_name", t.ruleField("Processes.process_name"));
    assertEquals("Unmapped", t.ruleField("Unmapped"));
  }

  @Test
  void badLinesNameFileAndLine() {
    FieldTableException e = assertThrows(FieldTableException.class,
        () -> FieldTable.parse("# c\nImage,process_path,upper\n", "my.csv"));
    assertEquals("my.csv:2: unknown transform 'upper' (expected copy, basename, dash_null or lower)", e.getMessage());
    e = assertThrows(FieldTableException.class, () -> FieldTable.parse("Image\n", "my.csv"));
    assertEquals("my.csv:1: expected 'source_field,canonical_field[,transform]' but was 'Image'", e.getMessage());
    e = assertThrows(FieldTableException.class, () -> FieldTable.parse("X.*,y\n", "my.csv"));
    assertEquals("my.csv:1: a prefix source 'X.*' needs canonical '*' but was 'y'", e.getMessage());
  }

  @Test
  void everyBadLineIsReportedAtOnce() {
    FieldTableException e = assertThrows(FieldTableException.class,
        () -> FieldTable.parse("Image\nImage,process_path\n,x\nImage,process_path,upper\n", "my.csv"));
    assertEquals(List.of("my.csv:1: expected 'source_field,canonical_field[,transform]' but was 'Image'",
        "my.csv:3: empty field name in ',x'",
        "my.csv:4: unknown transform 'upper' (expected copy, basename, dash_null or lower)"), e.problems());
    assertEquals("3 problems: " + String.join(" | ", e.problems()), e.getMessage());
  }

  /**
   * {@link FieldTable#normalize} against its definition, walking the table line by line: for each line in
   * order, a canonical field not yet in the row takes the line's transformed source values when they are
   * not empty; then unmapped fields pass through. Random records over the shipped table's source names
   * (with and without datamodel prefixes), unknown names, empty values, Sysmon's "-", paths and multivalue
   * fields, into rows that sometimes already hold a canonical field; compared field by field and in order.
   */
  @Test
  void normalizeIsTheTableWalkedLineByLine() {
    assertWalkedLineByLine(FieldTable.shipped(), 20_000);
  }

  @Test
  void normalizeOfAnExtendedTableIsItsLinesWalkedInTheOrderTheyAreTried() {
    FieldTable t = FieldTable.shipped().extendedBy(FieldTable.parse(
        "Hostname,dest\nImage,image_raw\nDeviceName,dest\nImage,process_name,lower\n", "local/fields.csv"));
    assertEquals(List.of("local/fields.csv:1", "local/fields.csv:2", "local/fields.csv:3", "local/fields.csv:4"),
        t.mappings().subList(0, 4).stream().map(FieldTable.Mapping::origin).toList());
    assertWalkedLineByLine(t, 5_000);
  }

  /**
   * Issue 14: NXLog writes the host as {@code Hostname}, and Splunk adds {@code host} (the forwarder) to every
   * row; a content team's {@code Hostname,dest} must beat the shipped {@code host,dest}.
   */
  @Test
  void anExtensionLineWinsOverAShippedLineForTheSameCanonicalField() {
    FieldTable t = FieldTable.shipped().extendedBy(FieldTable.parse("Hostname,dest\n", "local/fields.csv"));
    assertEquals("forwarder1", FieldTable.shipped().normalize(rec("host", "forwarder1", "Hostname", "ws-nx"),
        Row.builder()).build().first("dest"), "shipped alone: the forwarder");
    assertEquals("ws-nx", t.normalize(rec("host", "forwarder1", "Hostname", "ws-nx"), Row.builder()).build()
        .first("dest"));
    assertEquals("forwarder1", t.normalize(rec("host", "forwarder1"), Row.builder()).build().first("dest"),
        "without Hostname the shipped chain still applies");
  }

  @Test
  void withinAnExtensionFileOrderHoldsAndALaterExtensionWinsOverAnEarlierOne() {
    FieldTable t = FieldTable.shipped()
        .extendedBy(FieldTable.parse("Hostname,dest\nDeviceName,dest\n", "local/fields.csv"))
        .extendedBy(FieldTable.parse("MachineName,dest\n", "more.csv"));
    assertEquals("a", t.normalize(rec("Computer", "c", "DeviceName", "d", "Hostname", "a"), Row.builder()).build()
        .first("dest"));
    assertEquals("d", t.normalize(rec("Computer", "c", "DeviceName", "d"), Row.builder()).build().first("dest"));
    assertEquals("m", t.normalize(rec("Computer", "c", "Hostname", "a", "MachineName", "m"), Row.builder()).build()
        .first("dest"));
  }

  @Test
  void anExtensionAddsRuleFieldNamesButCannotChangeWhatShippedNamesMean() {
    FieldTable t = FieldTable.shipped().extendedBy(FieldTable.parse("Image,image_raw\nHostname,dest\n", "x.csv"));
    assertEquals("process_path", t.ruleField("Image"), "a shipped rule's Image still tests process_path");
    assertEquals("dest", t.ruleField("Hostname"));
    Row r = t.normalize(rec("Image", "C:\\x\\code.exe"), Row.builder()).build();
    assertEquals("C:\\x\\code.exe", r.first("image_raw"));
    assertEquals("C:\\x\\code.exe", r.first("process_path"));
    assertEquals(FieldTable.shipped().canonicalFields(), t.canonicalFields().subList(0, t.canonicalFields().size() - 1),
        "the shipped canonical fields keep their order; the new one comes last");
    assertEquals("image_raw", t.canonicalFields().get(t.canonicalFields().size() - 1));
  }

  private static void assertWalkedLineByLine(FieldTable t, int rounds) {
    SHIPPED_PREFIXES.forEach(p -> assertEquals("unmapped_x", t.ruleField(p + "unmapped_x"), p));
    List<String> names = new java.util.ArrayList<>();
    t.mappings().forEach(m -> names.add(m.source()));
    t.mappings().forEach(m -> names.add(m.canonical()));
    names.addAll(List.of("Processes.process_name", "Processes.dest", "DNS.query", "Filesystem.file_path", "custom_x", "Web.url"));
    String[] values = {"", "-", "C:\\Windows\\System32\\cmd.exe", "/usr/bin/code", "Code.EXE", "ws1", "a.devtunnels.ms", "x\\"};
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    for (int round = 0; round < rounds; round++) {
      Map<String, List<String>> rec = new LinkedHashMap<>();
      int n = r.nextInt(12);
      for (int i = 0; i < n; i++) {
        List<String> vals = rec.computeIfAbsent(names.get(r.nextInt(names.size())), k -> new java.util.ArrayList<>());
        int k = 1 + (r.nextInt(5) == 0 ? r.nextInt(3) : 0);
        for (int j = 0; j < k; j++) {
          vals.add(values[r.nextInt(values.length)]);
        }
      }
      String preset = r.nextInt(4) == 0 ? t.canonicalFields().get(r.nextInt(t.canonicalFields().size())) : null;
      Row.Builder got = Row.builder();
      Row.Builder want = Row.builder();
      if (preset != null) {
        got.add(preset, "preset");
        want.add(preset, "preset");
      }
      Row a = t.normalize(rec, got).build();
      Row b = byDefinition(t, rec, want).build();
      assertEquals(b.toString(), a.toString(), rec::toString);
    }
  }

  private static Row.Builder byDefinition(FieldTable t, Map<String, List<String>> record, Row.Builder row) {
    Map<String, List<String>> rec = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : record.entrySet()) {
      String n = strip(e.getKey());
      if (!n.equals(e.getKey()) && record.containsKey(n)) {
        continue;
      }
      rec.putIfAbsent(n, e.getValue());
    }
    java.util.Set<String> sources = new java.util.HashSet<>();
    for (FieldTable.Mapping m : t.mappings()) {
      sources.add(m.source());
      List<String> vals = rec.get(m.source());
      if (row.has(m.canonical()) || vals == null) {
        continue;
      }
      List<String> out = new java.util.ArrayList<>();
      for (String v : vals) {
        switch (m.transform()) {
          case BASENAME: {
            String base = v.substring(Math.max(v.lastIndexOf('\\'), v.lastIndexOf('/')) + 1);
            if (!base.isEmpty()) {
              out.add(base);
            }
            break;
          }
          case DASH_NULL:
            if (!v.equals("-") && !v.isEmpty()) {
              out.add(v);
            }
            break;
          case LOWER:
            out.add(v.toLowerCase(java.util.Locale.ROOT));
            break;
          default:
            out.add(v);
        }
      }
      if (!out.isEmpty()) {
        row.put(m.canonical(), out);
      }
    }
    for (Map.Entry<String, List<String>> e : rec.entrySet()) {
      if (!sources.contains(e.getKey()) && !row.has(e.getKey())) {
        row.put(e.getKey(), e.getValue());
      }
    }
    return row;
  }

  private static final List<String> SHIPPED_PREFIXES = List.of("Processes.", "Filesystem.", "DNS.", "All_Traffic.", "Web.");

  /** The shipped table's datamodel prefixes, stripped. */
  private static String strip(String name) {
    for (String p : SHIPPED_PREFIXES) {
      if (name.length() > p.length() && name.startsWith(p)) {
        return name.substring(p.length());
      }
    }
    return name;
  }

  @Test
  void fieldsNamedWithSpacesAreAlsoReadWithout() {
    Row r = FieldTable.shipped().normalize(rec("Threat Name", "HackTool:Win32/DevTunnel", "Source Name", "Real-Time",
        "ThreatID", "7"), Row.builder()).build();
    assertEquals("HackTool:Win32/DevTunnel", r.first("ThreatName"));
    assertEquals("HackTool:Win32/DevTunnel", r.first("Threat Name"), "the own name stays addressable");
    assertEquals("Real-Time", r.first("SourceName"));
    Row both = FieldTable.shipped().normalize(rec("Threat Name", "spaced", "ThreatName", "unspaced"), Row.builder())
        .build();
    assertEquals("unspaced", both.first("ThreatName"), "a field the record has under that name wins");
    assertEquals(java.util.Set.of("Threat Name", "ThreatName"), FieldTable.shipped().reach("Threat Name"),
        "the prefilter's reach follows the alias");
  }

  @Test
  void aSigmaRuleOnThreatNameMatchesADefenderEvent() throws Exception {
    String yaml = """
        title: Defender finds a tunnel tool
        id: 5d1a7a43-3b7b-4b53-9d0e-2b1f6f1b3c11
        logsource:
          product: windows
          service: windefend
        detection:
          selection:
            ThreatName|contains: DevTunnel
            SourceName: Real-Time
          condition: selection
        level: medium
        """;
    String xml = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
        + "<Provider Name='Microsoft-Windows-Windows Defender'/><EventID>1116</EventID><EventRecordID>3</EventRecordID>"
        + "<Channel>Microsoft-Windows-Windows Defender/Operational</Channel><Computer>ws9</Computer></System>"
        + "<EventData><Data Name='Threat Name'>HackTool:Win32/DevTunnel.A</Data><Data Name='Source Name'>Real-Time"
        + "</Data></EventData></Event>";
    List<String> hits = new java.util.ArrayList<>();
    var scorer = scored(yaml, xml, e -> hits.add(e.ruleId()));
    assertEquals(1, scorer.stats().hits(), hits.toString());
  }

  /** A 4688 where the creator (SubjectUserName) and the new process's user (TargetUserName) differ or not. */
  private static String event4688(String subject, String target) {
    return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
        + "<Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>4688</EventID>"
        + "<TimeCreated SystemTime='2026-11-02T10:00:00.000Z'/><EventRecordID>" + (subject + target).length()
        + "</EventRecordID><Channel>Security</Channel><Computer>ws9</Computer></System><EventData>"
        + "<Data Name='SubjectUserName'>" + subject + "</Data><Data Name='TargetUserName'>" + target + "</Data>"
        + "<Data Name='NewProcessName'>C:\\Users\\a\\devtunnel.exe</Data></EventData></Event>\n";
  }

  /** The risk objects of the risk events the rules {@code yaml} loads give the events of {@code xml}, in order. */
  private static List<String> hits(String yaml, String xml) throws Exception {
    List<String> hits = new java.util.ArrayList<>();
    scored(yaml, xml, e -> hits.add(e.riskObject()));
    return hits;
  }

  /** Scores the events of {@code xml} with the rules {@code yaml} loads (with no problem), through the shipped table. */
  private static org.idetunnelrisk.scoring.Scorer scored(String yaml, String xml,
      java.util.function.Consumer<org.idetunnelrisk.engine.RiskEvent> sink) throws Exception {
    FieldTable table = FieldTable.shipped();
    var rules = new org.idetunnelrisk.sigma.RuleLoader(table).loadText(yaml, "rule.yml");
    assertEquals(List.of(), rules.problems().stream().map(Object::toString).toList());
    var scorer = new org.idetunnelrisk.scoring.Scorer(rules.rules(), table);
    try (var r = org.idetunnelrisk.read.Readers.open(
        new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "events.xml")) {
      org.idetunnelrisk.read.Record rec;
      while ((rec = r.next()) != null) {
        scorer.score(rec, (e, from) -> sink.accept(e));
      }
    }
    return scorer;
  }

  private static final String RULE_HEAD = """
      title: own names
      logsource:
        product: windows
        category: process_creation
      level: medium
      """;

  /** A process_creation rule whose one selection is {@code selection} (one line, unindented). */
  private static String rule(int n, String selection) {
    return RULE_HEAD + "id: 0b7c1f0e-1a52-4c0c-9f5d-3f0a6b2b7c0" + n + "\ndetection:\n  selection:\n    " + selection
        + "\n  condition: selection\n";
  }

  @Test
  void aSourceFieldStaysAddressableByItsOwnNameBesideItsCanonicalOne() throws Exception {
    String fieldref = rule(1, "SubjectUserName|fieldref: TargetUserName");
    assertEquals(List.of("ws9"), hits(fieldref, event4688("alice", "alice")));
    assertEquals(List.of(), hits(fieldref, event4688("alice", "SYSTEM")),
        "both names map to user, yet the rule compares the two fields, not user with itself");
    String target = rule(2, "TargetUserName: SYSTEM");
    assertEquals(List.of("ws9"), hits(target, event4688("alice", "SYSTEM")),
        "a rule on the field that lost user to SubjectUserName still reads its own value");
    assertEquals(List.of(), hits(target, event4688("SYSTEM", "alice")));
    String canonical = rule(3, "user: SYSTEM");
    assertEquals(List.of("ws9"), hits(canonical, event4688("SYSTEM", "alice")),
        "the canonical name is an addition: it keeps the first source's value");
    assertEquals(List.of(), hits(canonical, event4688("alice", "SYSTEM")));
  }

  @Test
  void theEngineGatesOnAnOwnNameWithOrWithoutItsFieldIndex() {
    FieldTable table = FieldTable.shipped();
    var rules = new org.idetunnelrisk.sigma.RuleLoader(table).loadText(rule(4, "TargetUserName|contains: SYSTEM"),
        "gate.yml").rules();
    var engine = new org.idetunnelrisk.engine.Engine(rules, List.of());
    Map<String, List<String>> rec = rec("SubjectUserName", "alice", "TargetUserName", "NT AUTHORITY\\SYSTEM");
    for (Row.Builder b : List.of(Row.builder(), Row.builder(engine.fieldIndex()))) {
      Row row = table.normalize(rec, b.logSource(new org.idetunnelrisk.engine.LogSource("process_creation", "windows",
          null))).build();
      assertEquals(1, engine.evaluate(row).size(), "the gate on user also sees TargetUserName's own value");
    }
  }

  @Test
  void ownNamesAreKeptOnlyWhereTheCanonicalFieldTookAnotherSource() {
    FieldTable t = FieldTable.shipped();
    Row r = t.normalize(rec("SubjectUserName", "alice", "TargetUserName", "bob", "Computer", "ws9"), Row.builder())
        .build();
    assertEquals("alice", r.first("user"));
    assertArrayEquals(new String[] {"bob"}, r.values("TargetUserName", "user"));
    assertArrayEquals(new String[] {"alice"}, r.values("SubjectUserName", "user"), "the winner reads user");
    assertEquals(null, r.first("TargetUserName"), "an own name is not a field of the row");
    assertEquals(List.of("dest", "user"), fieldNames(r),
        "an own name is not listed: risk events copy the row's fields, and the derived event key is made of them");
    Row cim = t.normalize(rec("user", "carol"), Row.builder()).build();
    assertArrayEquals(new String[] {"carol"}, cim.values("TargetUserName", "user"),
        "a row without the source name reads the canonical field");
    assertEquals("SubjectUserName", t.ruleOwnName("SubjectUserName"));
    assertEquals(null, t.ruleOwnName("user"));
    assertEquals(null, t.ruleOwnName("custom_field"));
  }

  private static List<String> fieldNames(Row r) {
    List<String> out = new java.util.ArrayList<>();
    r.fieldNames().forEach(out::add);
    return out;
  }
}
