package org.idetunnelrisk.sigma;

/**
 * A rule file problem as an exception: thrown where the loader cannot continue with one part of a rule,
 * and by callers that want to stop at the first problem. The message is {@link RuleProblem#toString()}.
 */
public final class RuleException extends RuntimeException {
  private final transient RuleProblem problem;

  public RuleException(RuleProblem problem) {
    super(problem.toString());
    this.problem = problem;
  }

  public RuleProblem problem() {
    return problem;
  }
}
