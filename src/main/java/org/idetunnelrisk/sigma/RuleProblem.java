package org.idetunnelrisk.sigma;

/**
 * One problem found while loading rules: the file, the 1-based line (0 when it concerns the whole file)
 * and a message saying what was expected and what was found.
 */
public record RuleProblem(String file, int line, String message) {

  /** {@code file:line: message}, or {@code file: message} for a whole-file problem (line 0). */
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
  }
}
