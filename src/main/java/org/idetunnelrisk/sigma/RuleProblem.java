package org.idetunnelrisk.sigma;

/**
 * One problem found while loading rules: the file, the 1-based line (0 when it concerns the whole file)
 * and a message saying what was expected and what was found.
 */
public record RuleProblem(String file, int line, String message) {
  /** Longest message kept: a huge bad condition is not quoted back in full. */
  static final int MAX_MESSAGE = 500;

  public RuleProblem {
    if (message != null && message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "... (" + message.length() + " characters)";
    }
  }

  /** {@code file:line: message}, or {@code file: message} for a whole-file problem (line 0). */
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
  }
}
