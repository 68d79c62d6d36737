package org.idetunnelrisk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.idetunnelrisk.engine.Engine;
import org.idetunnelrisk.engine.Hit;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With more rules than one word of marks holds (500: the shipped ones and generated SigmaHQ-shaped ones),
 * the engine's gating finds exactly the rules, in rule order, that evaluating every rule on every row finds.
 */
class ManyRulesGatingTest {
  @TempDir Path dir;

  @Test
  void gatedEvaluationEqualsRuleAfterRuleWithFiveHundredRules() throws IOException {
    FieldTable fields = FieldTable.shipped();
    List<Rule> rules = new ArrayList<>(SyntheticRules.load(500, fields));
    assertEquals(500, rules.size());
    java.util.Collections.reverse(rules); // the shipped rules, which the corpus hits, last: past the first word
    Engine engine = new Engine(rules, fields.canonicalFields());
    Path file = new CorpusGenerator(17, 0.02).write(CorpusGenerator.Format.JSONL, 6000, dir.resolve("c.jsonl")).file();
    int hits = 0;
    int late = 0;
    for (Row row : Workloads.rows(file, engine.fieldIndex())) {
      List<String> expected = new ArrayList<>();
      for (Rule r : rules) {
        if (r.logSource().accepts(row.logSource()) && r.detection().matches(row)) {
          expected.add(r.id());
        }
      }
      List<String> got = new ArrayList<>();
      for (Hit h : engine.evaluate(row)) {
        got.add(h.rule().id());
        late += rules.indexOf(h.rule()) >= 64 ? 1 : 0;
      }
      assertEquals(expected, got, row::toString);
      hits += got.size();
    }
    assertTrue(hits >= 100, "hits: " + hits);
    assertTrue(late >= 10, "hits of rules past the first 64: " + late);
  }
}
