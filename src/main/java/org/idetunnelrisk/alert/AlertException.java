package org.idetunnelrisk.alert;

/**
 * A payload, setting, or results file the alert action cannot use. The message names the key or file and
 * says what was expected and found; it never carries the session key.
 */
public final class AlertException extends RuntimeException {
  public AlertException(String message) {
    super(message);
  }

  public AlertException(String message, Throwable cause) {
    super(message, cause);
  }
}
