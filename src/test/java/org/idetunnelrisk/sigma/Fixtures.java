package org.idetunnelrisk.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;

/** Shared helpers: a rule from a detection block, rows, problem lines. */
final class Fixtures {
  static final FieldTable FIELDS = FieldTable.shipped();
  /** Three lines; the detection body starts on line 4. */
  static final String HEAD = "title: Test Rule\nlevel: high\ndetection:\n";

  private Fixtures() {}

  static RuleSet load(String yaml) {
    return new RuleLoader(FIELDS).loadText(yaml, "t.yml");
  }

  /** A rule whose detection is {@code detection} (written unindented); fails the test on any problem. */
  static Rule rule(String detection) {
    RuleSet set = load(HEAD + detection.indent(2));
    assertEquals(List.of(), problems(set));
    return set.rules().get(0);
  }

  /** The problems of a detection (written unindented), as {@code file:line: message} strings. */
  static List<String> detectionProblems(String detection) {
    return problems(load(HEAD + detection.indent(2)));
  }

  static List<String> problems(RuleSet set) {
    return set.problems().stream().map(RuleProblem::toString).collect(Collectors.toList());
  }

  static Row row(String... fieldValuePairs) {
    Row.Builder b = Row.builder();
    for (int i = 0; i < fieldValuePairs.length; i += 2) {
      b.add(fieldValuePairs[i], fieldValuePairs[i + 1]);
    }
    return b.build();
  }

  static boolean hits(Rule r, Row row) {
    return r.detection().matches(row);
  }
}
