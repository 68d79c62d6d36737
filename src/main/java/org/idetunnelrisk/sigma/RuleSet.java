package org.idetunnelrisk.sigma;

import java.util.List;
import org.idetunnelrisk.correlation.Correlations;
import org.idetunnelrisk.engine.Rule;

/**
 * What a load produced: the rules that compiled (in file order, each with the filters that name it applied),
 * every problem found (a file with a problem contributes nothing), warnings (what loads but does less than
 * written: a filter naming no loaded rule), and the correlation rules. Callers choose: {@code rules check}
 * prints every problem and warning, {@code scan} refuses to start unless {@link #ok()}.
 */
public record RuleSet(List<Rule> rules, List<RuleProblem> problems, List<RuleProblem> warnings,
    Correlations correlations) {
  public RuleSet {
    rules = List.copyOf(rules);
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
  }

  /** Rules and problems, no warning, no correlation. */
  public RuleSet(List<Rule> rules, List<RuleProblem> problems) {
    this(rules, problems, List.of(), Correlations.NONE);
  }

  /** True when no problem was found (warnings do not count). */
  public boolean ok() {
    return problems.isEmpty();
  }
}
