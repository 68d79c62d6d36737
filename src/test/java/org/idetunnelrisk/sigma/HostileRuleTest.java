package org.idetunnelrisk.sigma;

import static org.idetunnelrisk.sigma.Fixtures.detectionProblems;
import static org.idetunnelrisk.sigma.Fixtures.hits;
import static org.idetunnelrisk.sigma.Fixtures.load;
import static org.idetunnelrisk.sigma.Fixtures.problems;
import static org.idetunnelrisk.sigma.Fixtures.row;
import static org.idetunnelrisk.sigma.Fixtures.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.idetunnelrisk.engine.Rule;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input matrix for rule files: regular expressions that backtrack catastrophically elsewhere
 * run in linear time on RE2/J (checked by a correct answer on a 100k-character value, not by timing);
 * constructs RE2 cannot run are refused at load with {@code file:line}; deep nesting in YAML or in a
 * condition is a problem, never a stack overflow; malformed conditions are problems.
 */
class HostileRuleTest {
  private static final String A100K = "a".repeat(100_000);
  private static final String SELECTIONS = "sel_a:\n  Image|endswith: '\\devtunnel.exe'\n"
      + "sel_b:\n  CommandLine|contains: host\n";

  @Test
  void nestedQuantifierMatchesCorrectlyOnAHundredThousandCharacters() {
    Rule r = rule("sel:\n  CommandLine|re: '(a+)+$'\ncondition: sel");
    assertTrue(hits(r, row("process", A100K)));
    Rule anchored = rule("sel:\n  CommandLine|re: '^(a+)+$'\ncondition: sel");
    assertFalse(hits(anchored, row("process", A100K + "!")));
  }

  @Test
  void alternationBlowUpMatchesCorrectlyOnAHundredThousandCharacters() {
    Rule r = rule("sel:\n  CommandLine|re: '^(a|aa|a?)+b$'\ncondition: sel");
    assertFalse(hits(r, row("process", A100K)));
    assertTrue(hits(r, row("process", A100K + "b")));
  }

  @Test
  void nestedQuantifierWithCaseFoldingOnAHundredThousandCharacters() {
    Rule r = rule("sel:\n  CommandLine|re|i: '^(x+x+)+y$'\ncondition: sel");
    assertFalse(hits(r, row("process", "X".repeat(100_000))));
    assertTrue(hits(r, row("process", "X".repeat(100_000) + "Y")));
  }

  @Test
  void lookaheadIsRefusedAtLoad() {
    assertEquals(List.of("t.yml:5: modifier 're': 'code(?=tunnel)' is not an RE2 regular expression: "
            + "invalid or unsupported Perl syntax (RE2 has no backreferences or lookaround)"),
        detectionProblems("sel:\n  CommandLine|re: 'code(?=tunnel)'\ncondition: sel"));
  }

  @Test
  void lookbehindIsRefusedAtLoad() {
    assertEquals(List.of("t.yml:5: modifier 're': '(?<!vs)code' is not an RE2 regular expression: "
            + "invalid named capture (RE2 has no backreferences or lookaround)"),
        detectionProblems("sel:\n  CommandLine|re: '(?<!vs)code'\ncondition: sel"));
  }

  @Test
  void namedBackreferenceIsRefusedAtLoad() {
    assertEquals(List.of("t.yml:5: modifier 're': '(?P<q>a)\\k<q>' is not an RE2 regular expression: "
            + "invalid escape sequence (RE2 has no backreferences or lookaround)"),
        detectionProblems("sel:\n  CommandLine|re: '(?P<q>a)\\k<q>'\ncondition: sel"));
  }

  @Test
  void hundredThousandDeepYamlIsAProblem() {
    String yaml = Fixtures.HEAD + "  sel:\n    CommandLine: " + "[".repeat(100_000) + "]".repeat(100_000)
        + "\n  condition: sel\n";
    assertEquals(List.of("t.yml:5: invalid YAML: maps and lists nested deeper than 64 levels"), problems(load(yaml)));
  }

  @Test
  void thousandDeepBlockMapsAreAProblem() {
    StringBuilder yaml = new StringBuilder(Fixtures.HEAD).append("  sel:\n    CommandLine: x\n  condition: sel\nx:\n");
    for (int i = 1; i < 1000; i++) {
      yaml.append(" ".repeat(i)).append("k:\n");
    }
    assertEquals(List.of("t.yml:71: invalid YAML: maps and lists nested deeper than 64 levels"), problems(load(yaml.toString())));
  }

  @Test
  void hundredThousandDeepParenthesesInAConditionAreAProblem() {
    String condition = "(".repeat(100_000) + "sel_a" + ")".repeat(100_000);
    assertEquals(List.of("t.yml:8: condition nested deeper than 64 levels"),
        detectionProblems(SELECTIONS + "condition: '" + condition + "'"));
  }

  @Test
  void hundredThousandNotsInAConditionAreAProblem() {
    String condition = "not ".repeat(100_000) + "sel_a";
    assertEquals(List.of("t.yml:8: condition nested deeper than 64 levels"),
        detectionProblems(SELECTIONS + "condition: '" + condition + "'"));
  }

  @Test
  void deepButReasonableConditionStillLoads() {
    String condition = "(".repeat(30) + "sel_a and not not sel_b" + ")".repeat(30);
    assertEquals(List.of(), detectionProblems(SELECTIONS + "condition: '" + condition + "'"));
  }

  @Test
  void malformedConditionsAreProblemsWithTheirLine() {
    assertEquals(List.of("t.yml:8: condition 'sel_a)': expected 'and', 'or' or the end but found ')'"),
        detectionProblems(SELECTIONS + "condition: 'sel_a)'"));
    assertEquals(List.of("t.yml:8: condition '()': expected a search identifier but found ')'"),
        detectionProblems(SELECTIONS + "condition: '()'"));
    assertEquals(List.of("t.yml:8: condition '1 of' ends early: expected 'them' or a search identifier pattern"),
        detectionProblems(SELECTIONS + "condition: '1 of'"));
    assertEquals(List.of("t.yml:8: condition 'all of (': expected 'them' or a search identifier pattern after 'of'"
            + " but found '('"),
        detectionProblems(SELECTIONS + "condition: 'all of ('"));
    assertEquals(List.of("t.yml:8: empty condition"), detectionProblems(SELECTIONS + "condition: '  '"));
    assertEquals(List.of("t.yml:8: condition 'sel_a and' ends early: expected a search identifier, '(', 'not',"
            + " '1 of' or 'all of'"),
        detectionProblems(SELECTIONS + "condition: 'sel_a and'"));
  }
}
