package org.idetunnelrisk.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.correlation.Correlator;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.sigma.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modular input's use of correlations, through {@link Scorer}: a chain whose events fall in two polls (a
 * scorer each, the correlator's snapshot saved as JSON between them) fires exactly once, and a poll re-run
 * from the same checkpoint after a kill gives the same risk event id.
 */
class ScorerCorrelationTest {
  private static final Path CHAIN =
      Path.of("src/test/resources/events/sysmon/ide_tunnel_chain_established/devtunnel_host_then_relay_lookup.xml");
  private static final String ESTABLISHED = "3b7c6f0e-2d4a-4e8b-9c61-5a0f7d2e8b14";
  private static final RuleSet RULES = new RuleLoader(FieldTable.shipped()).loadShipped();
  private static final Gson GSON = new Gson();
  @TempDir Path dir;

  /** One poll: a fresh scorer, the checkpoint's state restored, the file scored, advanced; returns the chain's events. */
  private List<RiskEvent> poll(Path file, String checkpoint, String[] next) throws IOException {
    Scorer scorer = new Scorer(RULES.rules(), FieldTable.shipped(), RULES.correlations(), Correlator.Settings.LIVE);
    if (checkpoint != null) {
      scorer.correlator().restore(GSON.fromJson(checkpoint, new TypeToken<Map<String, Object>>() { }.getType()));
    }
    List<RiskEvent> out = new ArrayList<>();
    Scorer.Sink sink = (e, from) -> {
      if (e.ruleId().equals(ESTABLISHED)) {
        out.add(e);
      }
    };
    try (RecordReader r = Readers.open(file)) {
      Record rec;
      while ((rec = r.next()) != null) {
        scorer.score(rec, sink);
      }
    }
    scorer.advance(sink);
    next[0] = GSON.toJson(scorer.correlator().snapshot());
    return out;
  }

  @Test
  void chainAcrossTwoPollsFiresOnceAndAReRunGivesTheSameId() throws IOException {
    List<String> lines = Files.readAllLines(CHAIN);
    Path first = Files.writeString(dir.resolve("poll1.xml"), lines.get(1) + "\n");
    Path second = Files.writeString(dir.resolve("poll2.xml"), lines.get(0) + "\n");
    String[] cp1 = new String[1];
    assertEquals(List.of(), poll(first, null, cp1));
    String[] cp2 = new String[1];
    List<RiskEvent> fired = poll(second, cp1[0], cp2);
    assertEquals(1, fired.size());
    String[] ignored = new String[1];
    List<RiskEvent> rerun = poll(second, cp1[0], ignored);
    assertEquals(List.of(fired.get(0).id()), rerun.stream().map(RiskEvent::id).toList(), "killed before saving cp2");
    assertEquals(List.of(), poll(second, cp2[0], ignored), "the next poll's window overlaps the last");
  }

  @Test
  void aDeferringScorerHandsTheHitsOverAndTheyGiveTheSameChainAsScoringWithACorrelator() throws IOException {
    List<String> correlating = new ArrayList<>();
    poll(CHAIN, null, new String[1]).forEach(e -> correlating.add(e.id()));
    assertEquals(1, correlating.size());

    Correlator correlator = new Correlator(RULES.correlations(), Correlator.Settings.LIVE);
    List<org.idetunnelrisk.engine.Hit> handed = new ArrayList<>();
    Scorer deferring = Scorer.deferring(RULES.rules(), FieldTable.shipped(), RULES.correlations(),
        h -> handed.add(correlator.retained(h)));
    List<String> own = new ArrayList<>();
    try (RecordReader r = Readers.open(CHAIN)) {
      Record rec;
      while ((rec = r.next()) != null) {
        deferring.score(rec, (e, from) -> own.add(e.ruleId()));
      }
    }
    assertEquals(2, handed.size(), "the start and the lookup");
    assertEquals(false, own.contains(ESTABLISHED), "the scorer correlates nothing itself");
    assertEquals(2, own.size(), "the base rules keep their risk events (generate: true)");
    List<String> deferred = new ArrayList<>();
    handed.sort((x, y) -> Double.compare(x.row().time(), y.row().time()));
    handed.forEach(h -> correlator.accept(h).forEach(res -> deferred.add(res.event().id())));
    assertEquals(correlating, deferred);
  }
}
