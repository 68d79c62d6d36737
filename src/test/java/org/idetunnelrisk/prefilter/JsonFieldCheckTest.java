package org.idetunnelrisk.prefilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.idetunnelrisk.engine.Engine;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.sigma.RuleSet;
import org.idetunnelrisk.source.Normalizer;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonFieldCheck} on rules written for the purpose: fields a source derives (4698's task command,
 * 4688's parent process id), endings, arrays and nesting. Each line is checked against the engine itself:
 * a line the engine matches must be a candidate; a line it does not may be rejected, and the cases below
 * that should be rejected are.
 */
class JsonFieldCheckTest {
  private static final FieldTable FIELDS = FieldTable.shipped();

  private static List<Rule> rule(String detection, String logsource) {
    RuleSet set = new RuleLoader(FIELDS).loadText("title: T\nid: t-1\nlevel: high\nlogsource:\n" + logsource
        + "detection:\n" + detection + "  condition: sel\n", "t.yml");
    assertEquals(List.of(), set.problems());
    return set.rules();
  }

  private static boolean engineMatches(List<Rule> rules, String line) throws IOException {
    return engineMatches(new Engine(rules, FIELDS.canonicalFields()), new Normalizer(FIELDS), line);
  }

  private static boolean engineMatches(Engine engine, Normalizer n, String line) throws IOException {
    try (RecordReader r = Readers.open(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), "t")) {
      for (Record rec; (rec = r.next()) != null; ) {
        if (!engine.evaluate(n.toRow(rec)).isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the field-by-field prefilter passes the line; asserts it does whenever the engine matches it. */
  private static boolean passes(List<Rule> rules, String line) throws IOException {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    boolean pass = RawPrefilter.of(rules, FIELDS).candidate(b, 0, b.length);
    if (engineMatches(rules, line)) {
      assertTrue(pass, () -> "the engine matches a line the prefilter dropped: " + line);
    }
    return pass;
  }

  private static final String SECURITY = "  product: windows\n  service: security\n";

  @Test
  void anEndingInAFieldASourceDerivesCountsAnywhereInItsSource() throws IOException {
    List<Rule> rules = rule("  sel:\n    TaskCommand|endswith: '\\code-tunnel.exe'\n", SECURITY);
    String task = "{\"Channel\":\"Security\",\"EventID\":\"4698\",\"Computer\":\"ws1\",\"TaskContent\":\"<Task><Actions><Exec>"
        + "<Command>C:\\\\x\\\\code-tunnel.exe</Command><Arguments>tunnel</Arguments></Exec></Actions></Task>\"}";
    assertTrue(engineMatches(rules, task), "the rule matches the derived task command");
    assertTrue(passes(rules, task));
    String elsewhere = task.replace("\"Computer\":\"ws1\"", "\"Computer\":\"C:\\\\x\\\\code-tunnel.exe\"")
        .replace("code-tunnel.exe</Command>", "cmd.exe</Command>");
    assertFalse(passes(rules, elsewhere), "the piece ends a value, but not one that reaches the task command");
  }

  @Test
  void aRenamedFieldCountsForTheFieldItBecomes() throws IOException {
    List<Rule> rules = rule("  sel:\n    ParentProcessId: '4242'\n", SECURITY);
    String created = "{\"Channel\":\"Security\",\"EventID\":\"4688\",\"ProcessId\":\"4242\",\"NewProcessId\":\"1\"}";
    assertTrue(engineMatches(rules, created), "4688's ProcessId is the parent's");
    assertTrue(passes(rules, created));
    assertFalse(passes(rules, created.replace("\"ProcessId\":\"4242\"", "\"ProcessId\":\"1\",\"Other\":\"4242\"")));
  }

  @Test
  void anEndingMustEndAWholeValue() throws IOException {
    List<Rule> rules = rule("  sel:\n    Image|endswith: '\\devtunnel.exe'\n", "  category: process_creation\n  product: windows\n");
    String base = "{\"SourceName\":\"Microsoft-Windows-Sysmon\",\"EventID\":1,\"Image\":";
    assertTrue(passes(rules, base + "\"C:\\\\x\\\\devtunnel.exe\"}"));
    assertTrue(passes(rules, base + "[\"a\",\"C:\\\\x\\\\devtunnel.exe\"]}"), "an element of an array is a value");
    assertFalse(passes(rules, base + "\"C:\\\\x\\\\devtunnel.exe.bak\"}"));
    assertFalse(passes(rules, base + "[{\"p\":\"C:\\\\x\\\\devtunnel.exe\"}]}"),
        "an object in an array is one value, its JSON text, which ends with a brace");
    assertTrue(passes(rules, "{\"SourceName\":\"Microsoft-Windows-Sysmon\",\"EventID\":1,\"Processes.process_path\":\"C:\\\\x\\\\devtunnel.exe\"}"),
        "a datamodel prefix is stripped as the field table strips it");
    assertFalse(passes(rules, base + "\"C:\\\\x\\\\cmd.exe\",\"Note\":\"C:\\\\x\\\\devtunnel.exe\"}"));
  }

  @Test
  void aFieldThatMustBeEmptyRejectsALineWhereItHasAValue() throws IOException {
    // the shipped renamed VS Code CLI rule: the verb, and OriginalFileName empty ("-" in Sysmon) or electron.exe
    List<Rule> rules = new RuleLoader(FIELDS).loadShipped().rules().stream()
        .filter(r -> r.id().equals("789dcfe5-57fd-4914-9b33-63090fcb4a5a")).toList();
    assertEquals(1, rules.size());
    String start = "{\"SourceName\":\"Microsoft-Windows-Sysmon\",\"EventID\":1,\"Computer\":\"ws1\",";
    String rest = "\"Image\":\"C:\\\\Tools\\\\x.exe\",\"CommandLine\":\"C:\\\\Tools\\\\x.exe tunnel --label e\",\"User\":\"CORP\\\\bob\"}";
    String ngrok = start + "\"OriginalFileName\":\"ngrok.exe\"," + rest;
    assertFalse(engineMatches(rules, ngrok));
    assertFalse(passes(rules, ngrok), "a PE name that is neither empty nor electron.exe: the line is not parsed");
    assertFalse(passes(rules, start + "\"OriginalFileName\":\" \"," + rest), "a blank is a value");
    for (String original : List.of("\"OriginalFileName\":\"-\",", "\"OriginalFileName\":\"\",", "",
        "\"OriginalFileName\":\"electron.exe\",", "\"OriginalFileName\":\"Electron.EXE\",",
        "\"OriginalFileName\":null,", "\"OriginalFileName\":\"ngrok.exe\",\"OriginalFileName\":\"-\",",
        "\"OriginalFileName\":\"-\",\"OriginalFileName\":\"ngrok.exe\",",
        "\"OriginalFileName\":\"ngrok.exe\",\"Hashes\":{\"MD5\":\"1\"},",
        "\"OriginalFileName\":\"ngrok.exe\",\"Tags\":[\"a\"],", "\"original_file_name\":\"x.exe\",\"OriginalFileName\":\"-\",",
        "\"Original\\u0046ileName\":\"ngrok.exe\",")) {
      String line = start + original + rest;
      assertTrue(passes(rules, line), () -> "empty, electron.exe, or not told from the bytes alone: " + line);
    }
    assertTrue(engineMatches(rules, start + "\"OriginalFileName\":\"-\"," + rest), "the rule fires on a dash");
    assertTrue(engineMatches(rules, start + rest), "and on no original file name at all");
    assertFalse(passes(rules, start + "\"OriginalFileName\":\"ngrok.exe\",\"original_file_name\":\"-\"," + rest),
        "the own name's value is the one the rule reads");
    List<Rule> moved = rule("  sel:\n    NewProcessName|endswith: '\\x.exe'\n    ProcessId: null\n", SECURITY);
    String created = "{\"Channel\":\"Security\",\"EventID\":\"4688\",\"ProcessId\":\"4242\",\"NewProcessName\":\"C:\\\\x.exe\"}";
    assertTrue(engineMatches(moved, created), "4688's ProcessId becomes ParentProcessId: the row has no ProcessId");
    assertTrue(passes(moved, created), "a field a source moves away refutes nothing");
  }

  @Test
  void anAbsenceOfACanonicalFieldWhoseSourcesKeepEmptyValuesIsNeverRefuted() throws IOException {
    // an empty value under a name the check does not follow wins the canonical field (found in review)
    String windows = "  product: windows\n";
    List<List<String>> cases = List.of(
        List.of("  sel:\n    process_name: 'x.exe'\n    process: null\n", "  category: process_creation\n",
            "{\"Processes.process\":\"\",\"process_name\":\"x.exe\",\"CommandLine\":\"x.exe tunnel\"}"),
        List.of("  sel:\n    Image|endswith: '\\x.exe'\n    user: null\n", windows,
            "{\"Image\":\"C:\\\\x.exe\",\"User Name\":\"\",\"SubjectUserName\":\"bob\"}"),
        List.of("  sel:\n    Image|endswith: '\\x.exe'\n    dest: null\n", windows,
            "{\"EventCode\":\"1\",\"ComputerName\":\"\",\"host\":\"h\",\"Image\":\"C:\\\\x.exe\"}"),
        List.of("  sel:\n    Image|endswith: '\\x.exe'\n    dest: null\n", windows,
            "{\"ComputerName\":\"\",\"host\":\"h\",\"Image\":\"C:\\\\x.exe\"}"));
    for (List<String> c : cases) {
      List<Rule> rules = rule(c.get(0), c.get(1));
      assertTrue(engineMatches(rules, c.get(2)), () -> "the empty value wins: " + c.get(2));
      assertTrue(passes(rules, c.get(2)));
    }
    List<Rule> original = rule("  sel:\n    Image|endswith: '\\x.exe'\n    original_file_name: null\n", windows);
    String line = "{\"Image\":\"C:\\\\x.exe\",\"OriginalFileName\":\"x.exe\"}";
    assertFalse(passes(original, line), "every source of original_file_name drops an empty value: any of them refutes");
    assertTrue(passes(original, line.replace("\"x.exe\"}", "\"-\"}")));
  }

  @Test
  void absencesAreRefutedOnlyWhereTheEngineFindsAValue() throws IOException {
    absencesRefutedOnlyWhereTheEngineFindsAValue(FIELDS);
  }

  @Test
  void absencesAreRefutedOnlyWhereTheEngineFindsAValueWithAFieldTableExtension() throws IOException {
    // a local/fields.csv that copies a new name to original_file_name, and OriginalFileName again, as it is
    // (found in review: the shipped dash_null line then drops a "-" the extension's copy line keeps)
    FieldTable local = FIELDS.extendedBy(FieldTable.parse(
        "PE_OriginalName,original_file_name\nOriginalFileName,original_file_name\nWorkstation,dest\n", "local/fields.csv"));
    absencesRefutedOnlyWhereTheEngineFindsAValue(local);
  }

  private static void absencesRefutedOnlyWhereTheEngineFindsAValue(FieldTable table) throws IOException {
    List<Rule> rules = new java.util.ArrayList<>(new RuleLoader(table).loadShipped().rules());
    String[] canonical = {"dest", "user", "process", "original_file_name", "process_id"};
    for (int i = 0; i < canonical.length; i++) { // rules naming canonical fields, as content teams may write them
      RuleSet set = new RuleLoader(table).loadText("title: T\nid: t-" + i + "\nlevel: high\nlogsource:\n  product: windows\n"
          + "detection:\n  sel:\n    Image|endswith: '\\y" + i + ".exe'\n    " + canonical[i] + ": null\n  condition: sel\n", "t" + i + ".yml");
      assertEquals(List.of(), set.problems());
      rules.addAll(set.rules());
    }
    Engine engine = new Engine(rules, table.canonicalFields());
    Normalizer normalizer = new Normalizer(table);
    RawPrefilter prefilter = RawPrefilter.of(rules, table);
    String[] members = {"\"PE_OriginalName\":\"\"", "\"PE_OriginalName\":\"pe.exe\"", "\"Workstation\":\"\"","\"OriginalFileName\":\"ngrok.exe\"", "\"OriginalFileName\":\"ngrok.exe\"", "\"OriginalFileName\":\"-\"",
        "\"OriginalFileName\":\"\"", "\"OriginalFileName\":\"electron.exe\"", "\"OriginalFileName\":null", "\"OriginalFileName\":7",
        "\"OriginalFilename\":\"x\"", "\"original_file_name\":\"-\"", "\"original_file_name\":\"y.exe\"",
        "\"Original File Name\":\"z\"", "\"winlog.event_data.OriginalFileName\":\"-\"", "\"Hashes\":{\"a\":\"b\"}",
        "\"Image\":\"C:\\\\x\\\\code.exe\"", "\"Image\":\"C:\\\\x\\\\x.exe\"", "\"EventID\":1", "\"EventID\":4688",
        "\"Channel\":\"Security\"", "\"SourceName\":\"Microsoft-Windows-Sysmon\"",
        "\"CommandLine\":\"C:\\\\x\\\\x.exe tunnel --accept-server-license-terms\"", "\"NewProcessName\":\"C:\\\\x\\\\x.exe\"",
        "\"Processes.process\":\"\"", "\"process\":\"p\"", "\"User Name\":\"\"", "\"SubjectUserName\":\"bob\"", "\"ComputerName\":\"\"",
        "\"host\":\"h\"", "\"EventCode\":\"1\"", "\"Computer\":\"ws1\"", "\"ProcessId\":\"42\"", "\"ProcessId\":\"\"",
        "\"OriginalFileName\":\"x.exe\""};
    java.util.SplittableRandom r = new java.util.SplittableRandom(11);
    int[] outcomes = new int[3];
    for (int i = 0; i < 3_000; i++) {
      StringBuilder line = new StringBuilder("{\"CommandLine\":\"C:\\\\x\\\\x.exe tunnel --label e\"");
      if (r.nextBoolean()) { // the literal of one of the rules naming a canonical field
        line.append(",\"Image\":\"C:\\\\x\\\\y").append(r.nextInt(canonical.length)).append(".exe\"");
      }
      for (int k = r.nextInt(8); k > 0; k--) {
        line.append(',').append(members[r.nextInt(members.length)]);
      }
      String l = line.append('}').toString();
      boolean matched = engineMatches(engine, normalizer, l);
      byte[] b = l.getBytes(StandardCharsets.UTF_8);
      boolean pass = prefilter.candidate(b, 0, b.length);
      assertTrue(pass || !matched, () -> "the engine matches a line the prefilter dropped: " + l);
      outcomes[matched ? 0 : pass ? 1 : 2]++;
    }
    assertTrue(outcomes[0] > 100 && outcomes[2] > 50, () -> "matched, passed, rejected: " + java.util.Arrays.toString(outcomes));
  }

  @Test
  void aStartMustStartAWholeValueUnlessTheFieldIsCutToAFileName() throws IOException {
    String dns = "  category: dns_query\n";
    List<Rule> equals = rule("  sel:\n    QueryName: 'devtunnels.ms'\n", dns);
    String base = "{\"SourceName\":\"Microsoft-Windows-Sysmon\",\"EventID\":22,\"QueryName\":";
    assertTrue(passes(equals, base + "\"DevTunnels.ms\"}"));
    assertFalse(passes(equals, base + "\"notdevtunnels.ms\"}"), "ends like the needle, but does not start like it");
    List<Rule> starts = rule("  sel:\n    QueryName|startswith: 'devtunnels.'\n", dns);
    assertTrue(passes(starts, base + "\"devtunnels.ms.example.net\"}"));
    assertFalse(passes(starts, base + "\"x.devtunnels.ms\"}"));
    // process_name is Image cut to its file name: its start is anywhere in Image
    List<Rule> name = rule("  sel:\n    process_name: 'devtunnel.exe'\n", "  category: process_creation\n  product: windows\n");
    String sysmon = "{\"SourceName\":\"Microsoft-Windows-Sysmon\",\"EventID\":1,\"Image\":";
    assertTrue(engineMatches(name, sysmon + "\"C:\\\\x\\\\devtunnel.exe\"}"));
    assertTrue(passes(name, sysmon + "\"C:\\\\x\\\\devtunnel.exe\"}"));
  }

  @Test
  void aKeyInsideAnObjectInAnArrayIsPartOfTheElementsText() throws IOException {
    List<Rule> rules = rule("  sel:\n    Image|contains: 'devtunnel'\n", "  category: process_creation\n  product: windows\n");
    String line = "{\"SourceName\":\"Microsoft-Windows-Sysmon\",\"EventID\":1,\"Image\":[{\"devtunnel\":1}]}";
    assertTrue(engineMatches(rules, line), "the element's JSON text holds its keys");
    assertTrue(passes(rules, line));
    assertFalse(passes(rules, line.replace("\"Image\":[{\"devtunnel\":1}]", "\"Image\":\"x\",\"devtunnel\":1")),
        "a top-level key is a name, never a value");
  }

  @Test
  void reachFollowsTheTableAndTheSources() {
    Set<String> image = FIELDS.reach("Image");
    assertTrue(image.containsAll(List.of("Image", "process_path", "process_name")), image.toString());
    assertTrue(JsonFieldCheck.derived(FIELDS, "TaskContent").containsAll(List.of("TaskCommand", "TaskArguments")));
    assertTrue(JsonFieldCheck.derived(FIELDS, "ProcessId").contains("ParentProcessId"));
    assertEquals(Set.of("SomethingElse"), FIELDS.reach("SomethingElse"));
    assertEquals(Set.of(), JsonFieldCheck.derived(FIELDS, "SomethingElse"));
    assertFalse(FIELDS.reachKeepingStart("Image").contains("process_name"), "cut to its file name");
    assertTrue(FIELDS.reachKeepingStart("Image").contains("process_path"));
  }
}
