package org.idetunnelrisk.cli;

/** Process exit codes of every command. */
public final class ExitCode {
  /** Every input was read (hits or not). */
  public static final int OK = 0;
  /**
   * Some record or file could not be read, or a rule is invalid ({@code rules check}, also for a warning with
   * {@code --strict}); the rest was processed.
   */
  public static final int INPUT_ERROR = 1;
  /** Bad usage: unknown option, missing argument, unusable rules or field table. */
  public static final int USAGE = 2;
  /** A fault of ours; the message says what, without a stack trace. */
  public static final int INTERNAL = 70;

  private ExitCode() {}
}
