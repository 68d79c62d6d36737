package org.idetunnelrisk.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.RiskEvent;
import org.junit.jupiter.api.Test;

/** A copied field named like Splunk's metadata (a custom field table can bring one in) is never written. */
class RiskEventTextMetadataTest {
  @Test
  void copiedMetadataFieldsAreLeftOut() {
    Map<String, List<String>> extra = new LinkedHashMap<>();
    for (String name : List.of("index", "source", "sourcetype", "host", "splunk_server", "_time", "_raw", "user")) {
      extra.put(name, List.of("forged-" + name));
    }
    RiskEvent e = Fixtures.event("e1", "ws1", extra);
    List<Map.Entry<String, String>> pairs = StashPairs.parse(RiskEventText.render(e, 0));
    assertEquals(List.of("forged-user"), RiskEventTextTest.values(pairs, "user"));
    for (String name : List.of("index", "source", "sourcetype", "host", "splunk_server", "_raw")) {
      assertEquals(List.of(), RiskEventTextTest.values(pairs, name), name);
    }
    assertEquals(1, RiskEventTextTest.values(pairs, "_time").size());
    assertEquals(List.of("1790860000.123"), RiskEventTextTest.values(pairs, "_time"), "the time is the event's own");
  }
}
