package org.idetunnelrisk.modinput;

import java.util.Objects;

/**
 * The session key splunkd hands to the modular input and the alert action, kept apart from other strings so
 * it cannot be printed by accident: {@link #toString()} is redacted, only {@link #reveal()} gives the value
 * (for the {@code Authorization: Splunk <key>} header). Immutable, thread-safe.
 */
public final class SessionKey {
  private static final SessionKey NONE = new SessionKey("");
  private final String value;

  private SessionKey(String value) {
    this.value = value;
  }

  /** Wraps a key; null or blank gives {@link #none()}. */
  public static SessionKey of(String value) {
    return value == null || value.isBlank() ? NONE : new SessionKey(value.strip());
  }

  /** The absent key. */
  public static SessionKey none() {
    return NONE;
  }

  public boolean isPresent() {
    return !value.isEmpty();
  }

  /** The secret itself; pass it only to the HTTP client. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return isPresent() ? "SessionKey[********]" : "SessionKey[none]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionKey other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }
}
