package org.idetunnelrisk.splunk;

/**
 * A splunkd session key, sent as {@code Authorization: Splunk <key>} (from {@code session_key} in the
 * modular input or alert payload, or from {@code auth/login}). {@code toString()} is redacted.
 */
public record SessionKey(String secret) implements Credential {

  public SessionKey {
    Credential.requireSecret(secret, "session key");
  }

  @Override
  public String authorization() {
    return "Splunk " + secret;
  }

  @Override
  public String toString() {
    return "SessionKey[****]";
  }
}
