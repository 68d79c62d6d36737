package org.idetunnelrisk.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.engine.TacticTable;
import org.junit.jupiter.api.Test;

/**
 * The fields ES's risk framework writes besides the risk itself: the ATT&CK annotations of an annotated search
 * and, later, where the event came from. Rendered into the stash text a writer sends.
 */
class RiskEventEsFieldsTest {
  static final TacticTable TABLE = TacticTable.of(List.of(
      new TacticTable.Technique("T1219.001", "IDE Tunneling",
          List.of(new TacticTable.Tactic("TA0011", "Command and Control"))),
      new TacticTable.Technique("T1053.005", "Scheduled Task", List.of(
          new TacticTable.Tactic("TA0002", "Execution"), new TacticTable.Tactic("TA0003", "Persistence")))));

  static RiskEvent event(List<String> techniques, Map<String, List<String>> fields) {
    return new RiskEvent("e1", 1790860000.0, "ws1", "system", 20, "m", List.of(), List.of(), "S - Rule", "r1", "R",
        techniques, List.of("IDE Tunnel Risk"), List.of(), fields);
  }

  static List<Map.Entry<String, String>> pairs(RiskEvent e, RiskWriteOptions o) {
    return StashPairs.parse(RiskEventText.render(e, o, 0));
  }

  static List<String> values(List<Map.Entry<String, String>> pairs, String key) {
    return RiskEventTextTest.values(pairs, key);
  }

  @Test
  void annotatedEventsCarryTechniquesTacticsAndFrameworks() {
    List<Map.Entry<String, String>> p = pairs(event(List.of("T1219.001", "T1053.005"), Map.of()),
        new RiskWriteOptions("risk", "sh1", TABLE, RiskOrigin.NONE));
    assertEquals(List.of("T1219.001", "T1053.005"), values(p, "annotations.mitre_attack"));
    assertEquals(List.of("T1219.001", "T1053.005"), values(p, "annotations.mitre_attack.mitre_technique_id"));
    assertEquals(List.of("IDE Tunneling", "Scheduled Task"), values(p, "annotations.mitre_attack.mitre_technique"));
    assertEquals(List.of("TA0011", "TA0002", "TA0003"), values(p, "annotations.mitre_attack.mitre_tactic_id"));
    assertEquals(List.of("Command and Control", "Execution", "Persistence"),
        values(p, "annotations.mitre_attack.mitre_tactic"));
    assertEquals(List.of("T1219.001", "T1053.005"), values(p, "annotations._all"));
    assertEquals(List.of("mitre_attack"), values(p, "annotations._frameworks"));
  }

  @Test
  void anEventWithoutTechniquesNamesNoFramework() {
    List<Map.Entry<String, String>> p = pairs(event(List.of(), Map.of()), new RiskWriteOptions("risk", "sh1", TABLE, RiskOrigin.NONE));
    assertEquals(List.of(), values(p, "annotations._frameworks"));
    assertEquals(List.of(), values(p, "annotations._all"));
    assertEquals(List.of(), values(p, "annotations.mitre_attack.mitre_tactic_id"));
  }

  @Test
  void aRowFieldCannotForgeAnAnnotation() {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    fields.put("annotations.mitre_attack.mitre_tactic_id", List.of("TA0040"));
    fields.put("annotations._all", List.of("T1486"));
    List<Map.Entry<String, String>> p = pairs(event(List.of("T1219.001"), fields),
        new RiskWriteOptions("risk", "sh1", TABLE, RiskOrigin.NONE));
    assertEquals(List.of("TA0011"), values(p, "annotations.mitre_attack.mitre_tactic_id"));
    assertEquals(List.of("T1219.001"), values(p, "annotations._all"));
  }

  @Test
  void theOriginFollowsTheSearchNameAndARowFieldCannotForgeIt() {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    fields.put("orig_sid", List.of("forged"));
    fields.put("info_min_time", List.of("0"));
    fields.put("dest", List.of("ws1"));
    RiskEvent e = new RiskOrigin.Row(7, "fwd1", "WinEventLog:Security", null).stamp(event(List.of(), fields));
    RiskOrigin origin = new RiskOrigin("scheduler__admin__x_at_1_2", "ide_tunnel_risk_score", "1790000000.000",
        "+Infinity", "1790000060.125");
    List<Map.Entry<String, String>> p = pairs(e, new RiskWriteOptions("risk", "sh1", TacticTable.EMPTY, origin));
    List<String> keys = p.stream().map(Map.Entry::getKey).toList();
    int at = keys.indexOf("search_name");
    assertEquals(List.of("orig_sid", "orig_rid", "orig_action_name", "info_min_time", "info_max_time",
        "info_search_time", "orig_host", "orig_source"), keys.subList(at + 1, at + 9));
    assertEquals(List.of("scheduler__admin__x_at_1_2"), values(p, "orig_sid"));
    assertEquals(List.of("7"), values(p, "orig_rid"));
    assertEquals(List.of("1790000000.000"), values(p, "info_min_time"));
    assertEquals(List.of("+Infinity"), values(p, "info_max_time"));
    assertEquals(List.of("fwd1"), values(p, "orig_host"));
    assertEquals(List.of(), values(p, "orig_sourcetype"));
    assertEquals(List.of("ws1"), values(p, "dest"));
  }

  @Test
  void withoutAnOriginNoneOfItsFieldsIsWritten() {
    List<Map.Entry<String, String>> p = pairs(event(List.of(), Map.of()), new RiskWriteOptions("risk", "sh1", TacticTable.EMPTY, RiskOrigin.NONE));
    for (String k : List.of("orig_sid", "orig_rid", "orig_action_name", "info_min_time", "info_max_time",
        "info_search_time", "orig_host", "orig_source", "orig_sourcetype")) {
      assertEquals(List.of(), values(p, k), k);
    }
  }
}
