package org.idetunnelrisk.splunk;

/**
 * A splunkd session key, the one credential the app uses: sent as {@code Authorization: Splunk <key>} (from
 * {@code session_key} in the modular input's definition or the alert payload). {@code toString()} is redacted.
 *
 * @param secret the key itself, for the transport's header and a {@link Redactor}
 */
public record SessionKey(String secret) {

  public SessionKey {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("session key is empty");
    }
  }

  /** The full header value, {@code Splunk <key>}. Only the transport calls this. */
  public String authorization() {
    return "Splunk " + secret;
  }

  @Override
  public String toString() {
    return "SessionKey[****]";
  }
}
