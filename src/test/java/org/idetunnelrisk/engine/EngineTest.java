package org.idetunnelrisk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineTest {
  private static final Matcher DEVTUNNEL =
      new Matcher.Field("process_name", new ValueTest.Equals("devtunnel.exe", false));
  private static final Matcher ANONYMOUS =
      new Matcher.Field("process", new ValueTest.Contains("--allow-anonymous", false));

  private static Rule rule(RiskSpec risk, LogSource ls) {
    return new Rule("r-1", "Devtunnel Execution", Rule.searchNameFor("Devtunnel Execution"), "medium", ls,
        DEVTUNNEL, risk, "test.yml");
  }

  private static RiskSpec risk(int modifierAdd) {
    return new RiskSpec("Devtunnel on $dest$ via $parent_process_name$",
        List.of(new RiskSpec.RiskObject(List.of("dest"), RiskSpec.ObjectType.SYSTEM, 20),
            new RiskSpec.RiskObject(List.of("user"), RiskSpec.ObjectType.USER, 20)),
        List.of(new RiskSpec.ThreatObject("parent_process_name", "process"),
            new RiskSpec.ThreatObject("process_name", "process_name")),
        List.of("T1090", "T1219.001"), List.of("IDE Tunnel Risk"),
        List.of(new RiskSpec.ScoreModifier("anonymous access", modifierAdd, ANONYMOUS)));
  }

  private static Row.Builder devtunnelRow() {
    return Row.builder()
        .add("dest", "ws1").add("user", "alice").add("process_name", "devtunnel.exe")
        .add("process", "devtunnel.exe host --allow-anonymous").add("parent_process_name", "cmd.exe")
        .add("unrelated", "x").time(1790860000.5)
        .logSource(new LogSource("process_creation", "windows", null));
  }

  @Test
  void oneRiskEventPerRiskObjectWithModifiersApplied() {
    Engine engine = new Engine(List.of(rule(risk(30), LogSource.ANY)), List.of("dest", "user", "process_name"));
    List<Hit> hits = engine.evaluate(devtunnelRow().build());
    assertEquals(1, hits.size());
    List<RiskEvent> events = hits.get(0).riskEvents();
    assertEquals(2, events.size());
    RiskEvent sys = events.get(0);
    assertEquals("ws1", sys.riskObject());
    assertEquals("system", sys.riskObjectType());
    assertEquals(50, sys.riskScore());
    assertEquals(List.of("anonymous access"), sys.modifiers());
    assertEquals("Devtunnel on ws1 via cmd.exe", sys.riskMessage());
    assertEquals(List.of("cmd.exe", "devtunnel.exe"), sys.threatObjects());
    assertEquals(List.of("process", "process_name"), sys.threatObjectTypes());
    assertEquals("IDE Tunnel Risk - Devtunnel Execution - Rule", sys.searchName());
    assertEquals(1790860000.5, sys.time());
    assertEquals(Map.of("dest", List.of("ws1"), "user", List.of("alice"), "process_name", List.of("devtunnel.exe")),
        sys.fields());
    assertEquals("alice", events.get(1).riskObject());
    assertEquals("user", events.get(1).riskObjectType());
  }

  @Test
  void scoreIsCappedAtOneHundred() {
    Engine engine = new Engine(List.of(rule(risk(95), LogSource.ANY)), List.of());
    assertEquals(100, engine.evaluate(devtunnelRow().build()).get(0).riskEvents().get(0).riskScore());
  }

  @Test
  void negativeModifiersThatZeroTheScoreSuppressTheEvent() {
    Engine engine = new Engine(List.of(rule(risk(-20), LogSource.ANY)), List.of());
    Hit hit = engine.evaluate(devtunnelRow().build()).get(0);
    assertEquals(List.of(), hit.riskEvents());
    assertEquals(2, hit.suppressed());
    assertEquals(false, hit.unattributed());
  }

  @Test
  void ruleForOtherCategoryDoesNotRun() {
    Engine engine = new Engine(List.of(rule(risk(0), new LogSource("dns_query", null, null))), List.of());
    assertTrue(engine.evaluate(devtunnelRow().build()).isEmpty());
    Row unknown = devtunnelRow().logSource(LogSource.ANY).build();
    assertEquals(1, engine.evaluate(unknown).size());
  }

  @Test
  void hitWithoutRiskObjectIsReportedNotDropped() {
    Engine engine = new Engine(List.of(rule(risk(0), LogSource.ANY)), List.of());
    Row r = Row.builder().add("process_name", "devtunnel.exe").build();
    List<Hit> hits = engine.evaluate(r);
    assertEquals(1, hits.size());
    assertTrue(hits.get(0).unattributed());
  }

  @Test
  void sameRiskObjectValueTwiceGivesOneEvent() {
    RiskSpec twice = new RiskSpec("m",
        List.of(new RiskSpec.RiskObject(List.of("dest"), RiskSpec.ObjectType.SYSTEM, 20),
            new RiskSpec.RiskObject(List.of("Computer"), RiskSpec.ObjectType.SYSTEM, 20)),
        List.of(), List.of(), List.of(), List.of());
    Engine engine = new Engine(List.of(rule(twice, LogSource.ANY)), List.of());
    Row r = Row.builder().add("process_name", "devtunnel.exe").add("dest", "ws1").add("Computer", "ws1").build();
    assertEquals(1, engine.evaluate(r).get(0).riskEvents().size());
  }

  @Test
  void fallbackFieldsTakeTheFirstWithAValue() {
    RiskSpec host = new RiskSpec("m",
        List.of(new RiskSpec.RiskObject(RiskSpec.HOST_FIELDS, RiskSpec.ObjectType.SYSTEM, 25)),
        List.of(), List.of(), List.of(), List.of());
    Engine engine = new Engine(List.of(rule(host, LogSource.ANY)), List.of());
    Row r = Row.builder().add("process_name", "devtunnel.exe").add("dest", "").add("src_ip", "10.0.0.9").build();
    assertEquals("10.0.0.9", engine.evaluate(r).get(0).riskEvents().get(0).riskObject());
  }

  @Test
  void idIsStableForTheSameEventAndDiffersAcrossEvents() {
    Engine engine = new Engine(List.of(rule(risk(0), LogSource.ANY)), List.of());
    String a = engine.evaluate(devtunnelRow().build()).get(0).riskEvents().get(0).id();
    String b = engine.evaluate(devtunnelRow().build()).get(0).riskEvents().get(0).id();
    String c = engine.evaluate(devtunnelRow().time(1790860001).build()).get(0).riskEvents().get(0).id();
    String d = engine.evaluate(devtunnelRow().eventKey("ws1|Sysmon|42").build()).get(0).riskEvents().get(0).id();
    assertEquals(a, b);
    assertNotEquals(a, c);
    assertNotEquals(a, d);
    assertEquals(32, a.length());
  }

  @Test
  void levelScores() {
    assertEquals(5, RiskSpec.scoreForLevel("informational"));
    assertEquals(15, RiskSpec.scoreForLevel("low"));
    assertEquals(25, RiskSpec.scoreForLevel("Medium"));
    assertEquals(50, RiskSpec.scoreForLevel("high"));
    assertEquals(80, RiskSpec.scoreForLevel("critical"));
    assertEquals(-1, RiskSpec.scoreForLevel("severe"));
  }

  @Test
  void eachEngineNumbersItsOwnGatedFieldsOnly() {
    Engine devtunnel = new Engine(List.of(rule(risk(0), LogSource.ANY)), List.of());
    Rule other = new Rule("r-2", "Other", "Other", "low", LogSource.ANY, new Matcher.AllOf(List.of(
        new Matcher.Field("dest_host", new ValueTest.Contains("devtunnels.ms", false)),
        new Matcher.Field("query", new ValueTest.Contains("tunnels.api", false)))), risk(0), "other.yml");
    Engine many = new Engine(List.of(other, rule(risk(0), LogSource.ANY)), List.of());
    assertEquals(1, devtunnel.fieldIndex().size(), "one gated field: process_name");
    assertEquals(2, many.fieldIndex().size(), "dest_host (the longer piece) and process_name");
    assertEquals(0, devtunnel.fieldIndex().find("process_name"));
    assertEquals(-1, devtunnel.fieldIndex().find("dest_host"), "an engine built later adds nothing to this one");
  }

  @Test
  void aRowBuiltForAnotherEngineOrNoneGetsTheSameHits() {
    Engine engine = new Engine(List.of(rule(risk(30), LogSource.ANY)), List.of("dest"));
    Engine other = new Engine(List.of(new Rule("r-2", "Other", "Other", "low", LogSource.ANY,
        new Matcher.Field("dest", new ValueTest.Equals("ws1", false)), risk(0), "other.yml")), List.of());
    List<Hit> own = engine.evaluate(Row.builder(engine.fieldIndex()).add("process_name", "devtunnel.exe")
        .add("dest", "ws1").build());
    List<Hit> foreign = engine.evaluate(Row.builder(other.fieldIndex()).add("process_name", "devtunnel.exe")
        .add("dest", "ws1").build());
    List<Hit> none = engine.evaluate(Row.builder().add("process_name", "devtunnel.exe").add("dest", "ws1").build());
    assertEquals(1, own.size());
    assertEquals(own.get(0).riskEvents(), foreign.get(0).riskEvents());
    assertEquals(own.get(0).riskEvents(), none.get(0).riskEvents());
    assertEquals(List.of(), engine.evaluate(Row.builder(other.fieldIndex()).add("process_name", "code.exe").build()));
  }
}
