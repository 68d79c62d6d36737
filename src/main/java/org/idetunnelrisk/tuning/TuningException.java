package org.idetunnelrisk.tuning;

import java.util.List;

/**
 * Tuning files (conf or lookup) that cannot be used. Each problem starts with {@code file:line}; the message is
 * the one problem, or every problem joined by {@code " | "} after a count, so an admin fixes them all in one go.
 */
public final class TuningException extends RuntimeException {
  private final List<String> problems;

  public TuningException(String problem) {
    this(List.of(problem));
  }

  /** @param problems at least one, each {@code file:line: message} */
  public TuningException(List<String> problems) {
    this(problems.size() == 1 ? problems.get(0)
        : problems.size() + " problems: " + String.join(" | ", problems), problems);
  }

  /** With a message of the caller's own wording around the problems. */
  public TuningException(String message, List<String> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  /** Throws one for {@code problems} when there is any. */
  static void throwIfAny(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new TuningException(problems);
    }
  }

  /** Every problem, {@code file:line: message} each, in the order found. */
  public List<String> problems() {
    return problems;
  }
}
