package org.idetunnelrisk.modinput;

/**
 * Input from splunkd or an admin that the modular input cannot use: a malformed definition document or a
 * bad stanza setting. The message is meant for the admin (it names the input and the place) and never
 * carries the session key.
 */
public final class ModularInputException extends RuntimeException {
  public ModularInputException(String message) {
    super(message);
  }

  public ModularInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
