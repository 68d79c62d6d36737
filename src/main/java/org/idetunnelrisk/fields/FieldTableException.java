package org.idetunnelrisk.fields;

/** A malformed field table line; the message starts with {@code file:line}. */
public final class FieldTableException extends RuntimeException {
  public FieldTableException(String message) {
    super(message);
  }
}
