package org.idetunnelrisk.read;

/**
 * A record or file that could not be read. The message names the input and the place
 * ({@code file:line: reason}); it never carries a stack trace to the user. Whether reading can go on
 * after it is told by {@link #recoverable()}.
 */
public final class InputException extends RuntimeException {
  private final boolean recoverable;

  public InputException(String message, boolean recoverable) {
    super(message);
    this.recoverable = recoverable;
  }

  public InputException(String message, boolean recoverable, Throwable cause) {
    super(message, cause);
    this.recoverable = recoverable;
  }

  /** True when the reader skipped the bad record and {@link RecordReader#next()} may be called again. */
  public boolean recoverable() {
    return recoverable;
  }
}
