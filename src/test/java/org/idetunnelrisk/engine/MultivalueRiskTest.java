package org.idetunnelrisk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A field with several values never multiplies the risk of one risk object: a DNS query with three answers is
 * one risk event at the rule's score, whatever the answers; only distinct risk objects (two hosts named in one
 * result) get a risk event each, as each is a different entity at risk.
 */
class MultivalueRiskTest {
  static final RiskSpec DNS_RISK = new RiskSpec("relay $query$ looked up",
      List.of(new RiskSpec.RiskObject(List.of("src", "dest"), RiskSpec.ObjectType.SYSTEM, 20)),
      List.of(new RiskSpec.ThreatObject("query", "domain"), new RiskSpec.ThreatObject("answer", "ip_address")),
      List.of("T1219.001"), List.of(), List.of());
  static final Rule DNS_RULE = new Rule("dns-1", "Relay Lookup", Rule.searchNameFor("Relay Lookup"), "low",
      LogSource.ANY, new Matcher.Field("query", new ValueTest.EndsWith(".devtunnels.ms", false)), DNS_RISK, "t.yml");

  static Row.Builder query() {
    return Row.builder().add("src", "10.1.2.3").add("query", "abc.euw.devtunnels.ms").add("record_type", "A")
        .time(1790860000).logSource(new LogSource("dns_query", null, null));
  }

  @Test
  void aQueryWithThreeAnswersIsOneRiskEventAtTheRulesScore() {
    Row r = query().add("answer", "20.1.1.1").add("answer", "20.1.1.2").add("answer", "20.1.1.3").build();
    List<RiskEvent> events = new Engine(List.of(DNS_RULE), List.of()).evaluate(r).get(0).riskEvents();
    assertEquals(1, events.size());
    assertEquals(20, events.get(0).riskScore());
    assertEquals(List.of("abc.euw.devtunnels.ms", "20.1.1.1", "20.1.1.2", "20.1.1.3"), events.get(0).threatObjects());
  }

  @Test
  void theSameRiskObjectRepeatedInAMultivalueFieldIsOneRiskEvent() {
    Row r = query().add("src", "10.1.2.3").add("src", "10.1.2.3").build();
    assertEquals(1, new Engine(List.of(DNS_RULE), List.of()).evaluate(r).get(0).riskEvents().size());
  }

  @Test
  void distinctRiskObjectsInOneFieldAreEachAtRiskOnce() {
    Row r = query().add("src", "10.1.2.4").add("src", "10.1.2.3").build();
    List<RiskEvent> events = new Engine(List.of(DNS_RULE), List.of()).evaluate(r).get(0).riskEvents();
    assertEquals(List.of("10.1.2.3", "10.1.2.4"), events.stream().map(RiskEvent::riskObject).toList());
    assertEquals(List.of(20, 20), events.stream().map(RiskEvent::riskScore).toList());
  }
}
