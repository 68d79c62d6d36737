package org.idetunnelrisk.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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

  private static Rule rule(String id, int score) {
    RiskSpec risk = new RiskSpec("m", List.of(new RiskSpec.RiskObject(List.of("dest"), RiskSpec.ObjectType.SYSTEM, score)),
        List.of(), List.of(), List.of(), List.of());
    return new Rule(id, id, id, "low", LogSource.ANY, new Matcher.Const(true), risk, id);
  }

  @Test
  void overridesDisableAndRescoreRules() {
    ConfFile c = ConfFile.parse("[rule:a]\ndisabled = 1\n[rule:b]\nscore = 60\n[settings]\nrules_dirs = rules, local/rules\n", "x");
    RuleOverrides o = RuleOverrides.from(c, "x");
    List<Rule> out = o.apply(List.of(rule("a", 20), rule("b", 20), rule("c", 20)));
    assertEquals(List.of("b", "c"), out.stream().map(Rule::id).toList());
    assertEquals(60, out.get(0).risk().riskObjects().get(0).score());
    assertEquals(List.of("rules", "local/rules"), o.rulesDirs());
  }

  @Test
  void badOverrideValuesAreNamed() {
    TuningException e = assertThrows(TuningException.class,
        () -> RuleOverrides.from(ConfFile.parse("[rule:a]\nscore = 500\n", "x"), "local/ide_tunnel_risk.conf"));
    assertEquals("local/ide_tunnel_risk.conf: [rule:a] score must be a whole number from 1 to 100 but was '500'",
        e.getMessage());
    e = assertThrows(TuningException.class,
        () -> RuleOverrides.from(ConfFile.parse("[rule:a]\ndisabled = maybe\n", "x"), "c"));
    assertEquals("c: [rule:a] disabled must be 0 or 1 but was 'maybe'", e.getMessage());
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
  void shippedAllowlistLoadsAndItsExampleHasExpired() throws IOException {
    Allowlist a = Allowlist.load(Path.of("app/lookups/ide_tunnel_risk_allowlist.csv"));
    assertEquals(1, a.entries().size());
    assertNull(a.suppressing(event("EXAMPLE-HOST-NOT-REAL", "x"), LocalDate.parse("2026-11-23")));
  }
}
