package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.idetunnelrisk.correlation.Correlator;
import org.idetunnelrisk.engine.Engine;
import org.idetunnelrisk.engine.Hit;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.sigma.RuleSet;
import org.idetunnelrisk.splunk.Checkpoint;
import org.junit.jupiter.api.Test;

/** The modular input's bound on correlation state: what one checkpoint record holds at the cap. */
class StanzaCorrelationsTest {
  private static final RuleSet RULES = new RuleLoader(FieldTable.shipped()).loadShipped();

  @Test
  void stateAtTheCapFitsInOneKvStoreRecordAndWhatIsPastItIsCounted() {
    Correlator correlator = new Correlator(RULES.correlations(), StanzaCorrelations.SETTINGS);
    Engine engine = new Engine(RULES.rules(), FieldTable.shipped().canonicalFields());
    LogSource dns = new LogSource("dns_query", "windows", null);
    double t0 = 1_795_000_000;
    int n = StanzaCorrelations.MAX_HELD_EVENTS;
    // relay lookups within one hour, each host resolving a few long tunnel names: held by the relay name count
    for (int i = 0; i < n; i++) {
      Row row = FieldTable.shipped().normalize(Map.of(
          "Computer", List.of("WS-" + (i / 4) + ".engineering.corp.example.com"),
          "QueryName", List.of("x" + i + "k3m9q2-8080.euw.devtunnels.ms"),
          "Image", List.of("C:\\Users\\someone\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe"),
          "EventRecordID", List.of(Integer.toString(1_000_000 + i))),
          Row.builder().time(t0 + i * 0.1).logSource(dns)).build();
      for (Hit h : engine.evaluate(row)) {
        correlator.accept(correlator.retained(h));
      }
    }
    Correlator.Counts counts = correlator.counts();
    assertEquals(n, counts.held(), "held up to the cap");
    assertTrue(counts.overCap() > 0, "past it, counted: " + counts);
    int bytes = Checkpoint.stateText(correlator.snapshot()).length();
    System.out.printf("correlation state at the cap of %d events: %,d bytes (%d a held event)%n", n, bytes, bytes / n);
    assertTrue(bytes < 8 * 1024 * 1024, "within half the KV store's 16 MB record: " + bytes);
  }
}
