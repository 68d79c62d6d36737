package org.idetunnelrisk.sigma;

import static org.idetunnelrisk.sigma.Fixtures.load;
import static org.idetunnelrisk.sigma.Fixtures.problems;
import static org.idetunnelrisk.sigma.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.idetunnelrisk.engine.RiskSpec;
import org.idetunnelrisk.engine.Rule;
import org.junit.jupiter.api.Test;

class RiskBlockTest {
  /** Seven lines; the risk block starts on line 8. */
  private static final String RULE = "title: Devtunnel Host\nid: r1\nlevel: high\ntags:\n  - attack.t1219.001\n"
      + "detection: {sel: {Image|endswith: '\\devtunnel.exe'}, condition: sel}\n"
      + "logsource: {category: process_creation}\n";

  private static final String FULL = RULE
      + "risk:\n"
      + "  message: 'Devtunnel ran on $Computer$ as $User$: $CommandLine$ ($$5)'\n"
      + "  risk_objects:\n"
      + "    - field: dest\n"
      + "      type: system\n"
      + "      score: 20\n"
      + "    - field: [User, SubjectUserName, src_user]\n"
      + "      type: user\n"
      + "      score: 10\n"
      + "  threat_objects:\n"
      + "    - field: ParentImage\n"
      + "      type: parent_process\n"
      + "  analytic_story: [IDE Tunnel Risk]\n"
      + "  score_modifiers:\n"
      + "    - name: anonymous tunnel access\n"
      + "      add: 30\n"
      + "      detection:\n"
      + "        sel:\n"
      + "          CommandLine|contains: '--allow-anonymous'\n"
      + "        condition: sel\n";

  private static Rule only(String yaml) {
    RuleSet set = load(yaml);
    assertEquals(List.of(), problems(set));
    return set.rules().get(0);
  }

  @Test
  void fullRiskBlockCompiles() {
    RiskSpec risk = only(FULL).risk();
    assertEquals("Devtunnel ran on $dest$ as $user$: $process$ ($$5)", risk.message());
    assertEquals(List.of(
        new RiskSpec.RiskObject(List.of("dest"), RiskSpec.ObjectType.SYSTEM, 20),
        new RiskSpec.RiskObject(List.of("user", "src_user"), RiskSpec.ObjectType.USER, 10)), risk.riskObjects());
    assertEquals(List.of(new RiskSpec.ThreatObject("parent_process_path", "parent_process")), risk.threatObjects());
    assertEquals(List.of("T1219.001"), risk.mitreAttack());
    assertEquals(List.of("IDE Tunnel Risk"), risk.analyticStories());
    RiskSpec.ScoreModifier m = risk.scoreModifiers().get(0);
    assertEquals("anonymous tunnel access", m.name());
    assertEquals(30, m.add());
    assertTrue(m.when().matches(row("process", "devtunnel host --allow-anonymous")));
    assertFalse(m.when().matches(row("process", "devtunnel host")));
  }

  @Test
  void explicitMitreOverridesTags() {
    RiskSpec risk = only(FULL.replace("  analytic_story:", "  mitre_attack: [T1090]\n  analytic_story:")).risk();
    assertEquals(List.of("T1090"), risk.mitreAttack());
  }

  @Test
  void ruleWithoutRiskBlockScoresByLevel() {
    Rule r = only(RULE);
    assertEquals("IDE Tunnel Risk - Devtunnel Host - Rule", r.searchName());
    assertEquals("high", r.level());
    assertEquals(new RiskSpec("Devtunnel Host",
        List.of(new RiskSpec.RiskObject(RiskSpec.HOST_FIELDS, RiskSpec.ObjectType.SYSTEM, 50)),
        List.of(), List.of("T1219.001"), List.of(), List.of()), r.risk());
  }

  @Test
  void unknownKeyInRiskBlockIsProblem() {
    assertEquals(List.of("t.yml:10: unknown key 'scor' in risk block (expected message, risk_objects, threat_objects, "
            + "mitre_attack, analytic_story or score_modifiers)"),
        problems(load(RULE + "risk:\n  message: m\n  scor: 5\n  risk_objects: [{field: dest, type: system, score: 5}]\n")));
  }

  @Test
  void scoreOutOfRangeIsProblem() {
    assertEquals(List.of("t.yml:10: risk object score must be from 1 to 100 but was 101"),
        problems(load(RULE + "risk:\n  message: m\n  risk_objects: [{field: dest, type: system, score: 101}]\n")));
    assertEquals(List.of("t.yml:10: risk object score must be from 1 to 100 but was 0"),
        problems(load(RULE + "risk:\n  message: m\n  risk_objects: [{field: dest, type: system, score: 0}]\n")));
    assertEquals(List.of("t.yml:10: risk object score must be a whole number from 1 to 100 but was 'high'"),
        problems(load(RULE + "risk:\n  message: m\n  risk_objects: [{field: dest, type: system, score: high}]\n")));
  }

  @Test
  void badRiskTypeIsProblem() {
    assertEquals(List.of("t.yml:10: risk object type must be system, user or other but was 'host'"),
        problems(load(RULE + "risk:\n  message: m\n  risk_objects: [{field: dest, type: host, score: 5}]\n")));
  }

  @Test
  void badThreatTypeIsProblem() {
    assertEquals(List.of("t.yml:11: threat object type 'binary' is not one of certificate_common_name, command, domain, "
            + "email_address, file_hash, file_name, file_path, ip_address, other, parent_process, parent_process_name, "
            + "persisted_name, process, process_name, registry_path, service, signature, tunnel_id, tunnel_name, "
            + "tunnel_port, url"),
        problems(load(RULE + "risk:\n  message: m\n  risk_objects: [{field: dest, type: system, score: 5}]\n"
            + "  threat_objects: [{field: Image, type: binary}]\n")));
  }

  @Test
  void missingMessageAndRiskObjectsAreProblems() {
    assertEquals(List.of("t.yml:9: risk block has no message"),
        problems(load(RULE + "risk:\n  risk_objects: [{field: dest, type: system, score: 5}]\n")));
    assertEquals(List.of("t.yml:9: risk block has no risk_objects"),
        problems(load(RULE + "risk:\n  message: m\n")));
    assertEquals(List.of("t.yml:10: risk_objects needs at least one risk object"),
        problems(load(RULE + "risk:\n  message: m\n  risk_objects: []\n")));
  }

  @Test
  void incompleteRiskObjectIsProblem() {
    assertEquals(List.of("t.yml:10: a risk object needs field, type and score"),
        problems(load(RULE + "risk:\n  message: m\n  risk_objects: [{field: dest, score: 5}]\n")));
  }

  @Test
  void scoreModifierProblemsNameTheirLine() {
    String yaml = RULE + "risk:\n  message: m\n  risk_objects: [{field: dest, type: system, score: 5}]\n"
        + "  score_modifiers:\n"
        + "    - name: x\n"
        + "      add: 101\n"
        + "      detection: {sel: {CommandLine: a}, condition: nope}\n";
    assertEquals(List.of("t.yml:13: score modifier add must be from -100 to 100 but was 101",
        "t.yml:14: unknown search identifier 'nope' in condition (defined: sel)"), problems(load(yaml)));
  }

  @Test
  void negativeScoreModifierIsAllowed() {
    String yaml = RULE + "risk:\n  message: m\n  risk_objects: [{field: dest, type: system, score: 5}]\n"
        + "  score_modifiers: [{name: known admin, add: -20, detection: {sel: {User: admin}, condition: sel}}]\n";
    assertEquals(-20, only(yaml).risk().scoreModifiers().get(0).add());
  }
}
