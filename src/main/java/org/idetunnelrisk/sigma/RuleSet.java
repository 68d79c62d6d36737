package org.idetunnelrisk.sigma;

import java.util.List;
import org.idetunnelrisk.engine.Rule;

/**
 * What a load produced: the rules that compiled (in file order) and every problem found (a file with a
 * problem contributes no rule). Callers choose: {@code rules check} prints every problem, {@code scan}
 * refuses to start unless {@link #ok()}.
 */
public record RuleSet(List<Rule> rules, List<RuleProblem> problems) {
  public RuleSet {
    rules = List.copyOf(rules);
    problems = List.copyOf(problems);
  }

  /** True when no problem was found. */
  public boolean ok() {
    return problems.isEmpty();
  }
}
