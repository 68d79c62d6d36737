package org.idetunnelrisk.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.output.RiskEventJson;
import org.idetunnelrisk.read.InputException;
import org.idetunnelrisk.read.ReadLimits;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.scoring.Scorer;
import org.idetunnelrisk.sigma.RuleLoader;

/**
 * Fuzzes the whole scan pipeline on one input: any format through {@link Readers}, every record normalized
 * by its source ({@link Normalizer}: times, event ids, task XML), evaluated by the shipped rules, each risk
 * event rendered as JSON. Property: no exception but {@link InputException} from reading; no hang.
 */
class PipelineFuzzTest {
  static final FieldTable FIELDS = FieldTable.shipped();
  static final List<org.idetunnelrisk.engine.Rule> RULES = new RuleLoader(FIELDS).loadShipped().rules();
  static final ReadLimits LIMITS = new ReadLimits(4096, 16);

  @FuzzTest(maxDuration = "2m")
  void pipeline(byte[] data) throws IOException {
    check(data);
  }

  static void check(byte[] data) throws IOException {
    Scorer scorer = new Scorer(RULES, FIELDS);
    RecordReader reader;
    try {
      reader = Readers.open(new ByteArrayInputStream(data), "fuzz.in", LIMITS);
    } catch (InputException e) {
      return;
    }
    try (reader) {
      for (int i = 0; i <= data.length; i++) {
        Record r;
        try {
          r = reader.next();
        } catch (InputException e) {
          if (e.recoverable()) {
            continue;
          }
          return;
        }
        if (r == null) {
          return;
        }
        scorer.score(r, PipelineFuzzTest::render);
      }
    }
  }

  private static void render(RiskEvent e, Record from) {
    if (RiskEventJson.toJson(e, from.location()).indexOf('\n') >= 0) {
      throw new AssertionError("a risk event's JSON spans lines");
    }
  }
}
