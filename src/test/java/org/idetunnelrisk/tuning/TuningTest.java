package org.idetunnelrisk.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Matcher;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.engine.RiskSpec;
import org.idetunnelrisk.engine.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuningTest {
  @TempDir Path dir;

  @Test
  void confLocalLayersOverDefaultAndContinuationsJoin() {
    ConfFile d = ConfFile.parse("# c\n[settings]\nrules_dirs = rules\n[rule:a]\nscore = 10\n", "default/x.conf");
    ConfFile l = ConfFile.parse("[rule:a]\nscore = 40\ndisabled = 0\n[settings]\nrules_dirs = rules,\\\nlocal/rules\n",
        "local/x.conf");
    ConfFile c = d.layer(l);
    assertEquals(Map.of("score", "40", "disabled", "0"), c.stanza("rule:a"));
    assertEquals("rules,\nlocal/rules", c.stanza("settings").get("rules_dirs"));
  }

  @Test
  void badConfLinesNameFileAndLine() {
    TuningException e = assertThrows(TuningException.class, () -> ConfFile.parse("[a]\nnot a pair\n", "x.conf"));
    assertEquals("x.conf:2: expected 'key = value' but was 'not a pair'", e.getMessage());
    e = assertThrows(TuningException.class, () -> ConfFile.parse("[a\n", "x.conf"));
    assertEquals("x.conf:1: stanza header '[a' lacks its closing ']'", e.getMessage());
  }

  @Test
  void everyBadConfLineIsReportedAtOnce() {
    List<String> problems = new ArrayList<>();
    ConfFile c = ConfFile.parse("[a\nk = 1\noops\n[b]\n= v\nz = 2\n", "x.conf", problems);
    assertEquals(List.of("x.conf:1: stanza header '[a' lacks its closing ']'",
        "x.conf:3: expected 'key = value' but was 'oops'", "x.conf:5: expected 'key = value' but was '= v'"), problems);
    assertEquals(Map.of("z", "2"), c.stanza("b"), "the good lines are still read");
    TuningException e = assertThrows(TuningException.class, () -> ConfFile.parse("oops\nagain\n", "y.conf"));
    assertEquals("2 problems: y.conf:1: expected 'key = value' but was 'oops' | y.conf:2: expected 'key = value'"
        + " but was 'again'", e.getMessage());
  }

  @Test
  void aHashAfterAValueIsPartOfTheValueAsSplunkReadsIt() {
    ConfFile c = ConfFile.parse("[rule:a]\nscore = 40   # the base score\n", "local/x.conf");
    assertEquals("40   # the base score", c.stanza("rule:a").get("score"));
    assertEquals("local/x.conf:2", c.settings("rule:a").get("score").place());
  }

  private static Rule rule(String id, int score) {
    RiskSpec risk = new RiskSpec("m", List.of(new RiskSpec.RiskObject(List.of("dest"), RiskSpec.ObjectType.SYSTEM, score)),
        List.of(), List.of(), List.of(), List.of());
    return new Rule(id, id, id, "low", LogSource.ANY, new Matcher.Const(true), risk, id);
  }

  @Test
  void overridesDisableAndRescoreRules() {
    ConfFile c = ConfFile.parse("[rule:a]\ndisabled = 1\n[rule:b]\nscore = 60\n[settings]\nrules_dirs = rules, local/rules\n", "x");
    RuleOverrides o = RuleOverrides.from(c);
    List<Rule> out = o.apply(List.of(rule("a", 20), rule("b", 20), rule("c", 20)));
    assertEquals(List.of("b", "c"), out.stream().map(Rule::id).toList());
    assertEquals(60, out.get(0).risk().riskObjects().get(0).score());
    assertEquals(List.of("rules", "local/rules"), o.rulesDirs());
    assertEquals("x:6", o.rulesDirsPlace());
    assertEquals(List.of(), o.warnings());
  }

  @Test
  void badOverrideValuesAreNamedWithFileAndLineAllAtOnce() {
    TuningException e = assertThrows(TuningException.class, () -> RuleOverrides.from(ConfFile.parse(
        "[rule:a]\nscore = 500\n[rule:b]\ndisabled = maybe\n", "local/ide_tunnel_risk.conf")));
    assertEquals(List.of(
        "local/ide_tunnel_risk.conf:2: [rule:a] score must be a whole number from 1 to 100 but was '500'",
        "local/ide_tunnel_risk.conf:4: [rule:b] disabled must be 0 or 1 but was 'maybe'"), e.problems());
  }

  @Test
  void anInlineCommentIsNamedAsTheCauseOfABadValue() {
    TuningException e = assertThrows(TuningException.class, () -> RuleOverrides.from(ConfFile.parse(
        "[rule:a]\nscore = 40          # the rule's base score\n", "local/ide_tunnel_risk.conf")));
    assertEquals("local/ide_tunnel_risk.conf:2: [rule:a] score must be a whole number from 1 to 100 but was '40"
        + "          # the rule's base score' (Splunk conf files have no inline comments: put the comment on a"
        + " line of its own)", e.getMessage());
  }

  @Test
  void unknownStanzasAndKeysAreWarningsWithFileAndLine() {
    RuleOverrides o = RuleOverrides.from(ConfFile.parse("[settings]\nrules_dir = local/rules\n[rules:abc]\n"
        + "disabled = 1\n[rule:abc]\nscore = 30\nscroe = 40\n", "local/ide_tunnel_risk.conf"));
    assertEquals(List.of(
        "local/ide_tunnel_risk.conf:2: unknown key 'rules_dir' in [settings] (known: rules_dirs); it is ignored",
        "local/ide_tunnel_risk.conf:3: unknown stanza [rules:abc] (known: [settings], [rule:<rule id>]); it is"
            + " ignored",
        "local/ide_tunnel_risk.conf:7: unknown key 'scroe' in [rule:abc] (known: disabled, score); it is ignored"),
        o.warnings());
    assertEquals(List.of(), o.rulesDirs(), "rules_dir is not rules_dirs");
    assertEquals(30, o.byRuleId().get("abc").score());
  }

  @Test
  void anOverrideOfNoLoadedRuleIsAWarning() {
    RuleOverrides o = RuleOverrides.from(ConfFile.parse("[rule:a]\nscore = 30\n\n[rule:typo]\ndisabled = 1\n",
        "local/ide_tunnel_risk.conf"));
    assertEquals(List.of("local/ide_tunnel_risk.conf:4: [rule:typo] names no loaded rule; it changes nothing"
        + " (check the rule id)"), o.unknownRuleIds(Set.of("a", "b")));
  }

  private static RiskEvent event(String dest, String user) {
    return new RiskEvent("id", 0, dest, "system", 20, "m", List.of(), List.of(), "s", "rule-1", "t", List.of(), List.of(),
        List.of(), Map.of("dest", List.of(dest), "user", List.of(user)));
  }

  @Test
  void allowlistMatchesEveryFilledColumnWithWildcardsUntilItExpires() throws IOException {
    Path csv = Files.writeString(dir.resolve("allow.csv"),
        "dest,user,process_path,parent_process_name,rule_id,expires,reason\n"
            + "build-*,,,,rule-1,2026-12-31,CI agents run devtunnel for previews\n");
    Allowlist a = Allowlist.load(csv);
    assertNotNull(a.suppressing(event("BUILD-07", "svc"), LocalDate.parse("2026-12-31")));
    assertNull(a.suppressing(event("BUILD-07", "svc"), LocalDate.parse("2027-01-01")), "expired");
    assertNull(a.suppressing(event("ws-1", "svc"), LocalDate.parse("2026-12-01")));
  }

  @Test
  void allowlistEntriesNeedReasonExpiryAndAMatch() throws IOException {
    String header = "dest,user,process_path,parent_process_name,rule_id,expires,reason\n";
    Path csv = Files.writeString(dir.resolve("a.csv"), header + "ws1,,,,,2026-12-31,\n");
    TuningException e = assertThrows(TuningException.class, () -> Allowlist.load(csv));
    assertEquals(csv + ":2: the entry has no reason", e.getMessage());
    Files.writeString(csv, header + "ws1,,,,,,because\n");
    e = assertThrows(TuningException.class, () -> Allowlist.load(csv));
    assertEquals(csv + ":2: the entry has no expires date (YYYY-MM-DD)", e.getMessage());
    Files.writeString(csv, header + "ws1,,,,,31/12/2026,because\n");
    e = assertThrows(TuningException.class, () -> Allowlist.load(csv));
    assertEquals(csv + ":2: expires must be a date like 2026-12-31 but was '31/12/2026'", e.getMessage());
    Files.writeString(csv, header + ",,,,,2026-12-31,because\n");
    e = assertThrows(TuningException.class, () -> Allowlist.load(csv));
    assertEquals(csv + ":2: the entry matches on nothing; fill at least one of [dest, user, process_path,"
        + " parent_process_name, rule_id]", e.getMessage());
  }

  @Test
  void everyBadAllowlistRowIsReportedAtOnceAndTheGoodOnesAreKept() throws IOException {
    Path csv = Files.writeString(dir.resolve("a.csv"), "dest,user,process_path,parent_process_name,rule_id,expires,reason\n"
        + "ws1,,,,,2026-12-31,\n"
        + "ws2,,,,,2026-12-31,lab\n"
        + ",,,,,someday,\n");
    List<String> problems = new ArrayList<>();
    Allowlist a = Allowlist.load(csv, problems);
    assertEquals(List.of(csv + ":2: the entry has no reason",
        csv + ":4: the entry matches on nothing; fill at least one of [dest, user, process_path, parent_process_name,"
            + " rule_id]",
        csv + ":4: the entry has no reason",
        csv + ":4: expires must be a date like 2026-12-31 but was 'someday'"), problems);
    assertEquals(1, a.entries().size());
    assertEquals(csv + ":3", a.entries().get(0).location());
  }

  @Test
  void expiredEntriesAreTheOnesPastTheirLastDay() throws IOException {
    Path csv = Files.writeString(dir.resolve("a.csv"), "dest,user,process_path,parent_process_name,rule_id,expires,reason\n"
        + "ws1,,,,,2026-11-22,old\n"
        + "ws2,,,,,2026-11-23,last day\n");
    List<Allowlist.Entry> expired = Allowlist.load(csv).expired(LocalDate.parse("2026-11-23"));
    assertEquals(List.of(csv + ":2"), expired.stream().map(Allowlist.Entry::location).toList());
  }

  @Test
  void shippedAllowlistLoadsAndHoldsNoEntry() throws IOException {
    Allowlist a = Allowlist.load(Path.of("app/lookups/ide_tunnel_risk_allowlist.csv"));
    assertEquals(List.of(), a.entries(), "a shipped entry would allow something on every install, or expire");
  }
}
