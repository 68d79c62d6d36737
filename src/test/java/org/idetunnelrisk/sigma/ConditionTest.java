package org.idetunnelrisk.sigma;

import static org.idetunnelrisk.sigma.Fixtures.detectionProblems;
import static org.idetunnelrisk.sigma.Fixtures.hits;
import static org.idetunnelrisk.sigma.Fixtures.row;
import static org.idetunnelrisk.sigma.Fixtures.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.engine.Rule;
import org.junit.jupiter.api.Test;

class ConditionTest {
  /** Three selections on fields a, b, c (each equals "1"), and a filter _f on field f. */
  private static final String SELECTIONS =
      "sel_a:\n  a: '1'\nsel_b:\n  b: '1'\nsel_c:\n  c: '1'\n_f:\n  f: '1'\n";

  private static Rule cond(String condition) {
    return rule(SELECTIONS + "condition: " + condition);
  }

  private static Row r(String... trueFields) {
    Row.Builder b = Row.builder().add("x", "0");
    for (String f : trueFields) {
      b.add(f, "1");
    }
    return b.build();
  }

  @Test
  void notBindsTighterThanAnd() {
    Rule rule = cond("not sel_a and sel_b");
    assertTrue(hits(rule, r("b")));
    assertFalse(hits(rule, r("a", "b")));
    assertFalse(hits(rule, r()));
  }

  @Test
  void andBindsTighterThanOr() {
    Rule rule = cond("sel_a or sel_b and sel_c");
    assertTrue(hits(rule, r("a")));
    assertFalse(hits(rule, r("b")));
    assertTrue(hits(rule, r("b", "c")));
  }

  @Test
  void parenthesesGroup() {
    Rule rule = cond("(sel_a or sel_b) and sel_c");
    assertFalse(hits(rule, r("a")));
    assertTrue(hits(rule, r("a", "c")));
  }

  @Test
  void notAppliesToParenthesisedGroup() {
    Rule rule = cond("sel_a and not (sel_b or sel_c)");
    assertTrue(hits(rule, r("a")));
    assertFalse(hits(rule, r("a", "c")));
  }

  @Test
  void oneOfPatternOrsMatchingSelections() {
    Rule rule = cond("1 of sel_*");
    assertTrue(hits(rule, r("c")));
    assertFalse(hits(rule, r("f")));
  }

  @Test
  void anyOfIsSynonymOfOneOf() {
    Rule rule = cond("any of sel_*");
    assertTrue(hits(rule, r("b")));
    assertFalse(hits(rule, r()));
  }

  @Test
  void allOfPatternAndsMatchingSelections() {
    Rule rule = cond("all of sel_*");
    assertTrue(hits(rule, r("a", "b", "c")));
    assertFalse(hits(rule, r("a", "b")));
  }

  @Test
  void themExcludesUnderscoreIdentifiers() {
    Rule all = cond("all of them");
    assertTrue(hits(all, r("a", "b", "c")));
    Rule one = cond("1 of them");
    assertFalse(hits(one, r("f")));
  }

  @Test
  void explicitUnderscorePatternIncludesThem() {
    Rule rule = cond("sel_a and not 1 of _*");
    assertTrue(hits(rule, r("a")));
    assertFalse(hits(rule, r("a", "f")));
  }

  @Test
  void keywordsAreCaseInsensitive() {
    Rule rule = cond("sel_a AND NOT sel_b Or 1 OF sel_c");
    assertFalse(hits(rule, r("a", "b")));
    assertTrue(hits(rule, r("a")));
    assertTrue(hits(rule, r("c")));
    assertTrue(hits(cond("All Of Them"), r("a", "b", "c")));
  }

  @Test
  void conditionListIsOr() {
    Rule rule = rule(SELECTIONS + "condition:\n  - sel_a and sel_b\n  - sel_c");
    assertTrue(hits(rule, r("c")));
    assertTrue(hits(rule, r("a", "b")));
    assertFalse(hits(rule, r("a")));
  }

  @Test
  void unknownIdentifierIsProblem() {
    assertEquals(List.of("t.yml:12: unknown search identifier 'sel_d' in condition (defined: sel_a, sel_b, sel_c, _f)"),
        detectionProblems(SELECTIONS + "condition: sel_a or sel_d"));
  }

  @Test
  void patternMatchingNothingIsProblem() {
    assertEquals(List.of("t.yml:12: '1 of filter_*' in condition matches no search identifier (defined: sel_a, sel_b, sel_c, _f)"),
        detectionProblems(SELECTIONS + "condition: sel_a and not 1 of filter_*"));
  }

  @Test
  void badSyntaxIsProblem() {
    assertEquals(List.of("t.yml:12: condition 'sel_a sel_b': expected 'and', 'or' or the end but found 'sel_b'"),
        detectionProblems(SELECTIONS + "condition: sel_a sel_b"));
    assertEquals(List.of("t.yml:12: condition '(sel_a or sel_b' ends early: expected ')'"),
        detectionProblems(SELECTIONS + "condition: (sel_a or sel_b"));
    assertEquals(List.of("t.yml:12: condition 'sel_a and or sel_b': expected a search identifier but found 'or'"),
        detectionProblems(SELECTIONS + "condition: sel_a and or sel_b"));
  }

  @Test
  void bareWildcardIsProblem() {
    assertEquals(List.of("t.yml:12: condition 'sel_*': pattern 'sel_*' needs '1 of' or 'all of' before it"),
        detectionProblems(SELECTIONS + "condition: sel_*"));
  }

  @Test
  void aggregationIsUnsupported() {
    assertEquals(List.of("t.yml:12: unsupported feature: aggregation expression '| count() by dest > 5' in condition "
            + "(Sigma v1 aggregations are not supported)"),
        detectionProblems(SELECTIONS + "condition: sel_a | count() by dest > 5"));
  }

  @Test
  void nearIsUnsupported() {
    assertEquals(List.of("t.yml:12: unsupported feature: 'near' in condition (Sigma v1 aggregations are not supported)"),
        detectionProblems(SELECTIONS + "condition: sel_a near sel_b"));
  }

  @Test
  void missingConditionIsProblem() {
    assertEquals(List.of("t.yml:4: detection has no condition"), detectionProblems("sel:\n  a: '1'"));
  }

  @Test
  void timeframeIsUnsupported() {
    assertEquals(List.of("t.yml:6: unsupported feature: 'timeframe' in detection (Sigma v1 aggregations are not supported)"),
        detectionProblems("sel:\n  a: '1'\ntimeframe: 5m\ncondition: sel"));
  }
}
