package org.idetunnelrisk.tuning;

/** A tuning file (conf or lookup) that cannot be used; the message starts with {@code file:line}. */
public final class TuningException extends RuntimeException {
  public TuningException(String message) {
    super(message);
  }
}
