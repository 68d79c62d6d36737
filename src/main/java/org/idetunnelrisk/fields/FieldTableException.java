package org.idetunnelrisk.fields;

import java.util.List;

/**
 * Malformed field table lines; each problem starts with {@code file:line}. The message is the one problem, or
 * every problem joined by {@code " | "} after a count.
 */
public final class FieldTableException extends RuntimeException {
  private final List<String> problems;

  public FieldTableException(String problem) {
    this(List.of(problem));
  }

  /** @param problems at least one, each {@code file:line: message} */
  public FieldTableException(List<String> problems) {
    super(problems.size() == 1 ? problems.get(0) : problems.size() + " problems: " + String.join(" | ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order found. */
  public List<String> problems() {
    return problems;
  }
}
