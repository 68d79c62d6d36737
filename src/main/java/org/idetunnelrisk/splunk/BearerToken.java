package org.idetunnelrisk.splunk;

/**
 * A Splunk authentication token (Settings &gt; Tokens), sent as {@code Authorization: Bearer <token>}.
 * {@code toString()} is redacted.
 */
public record BearerToken(String secret) implements Credential {

  public BearerToken {
    Credential.requireSecret(secret, "bearer token");
  }

  @Override
  public String authorization() {
    return "Bearer " + secret;
  }

  @Override
  public String toString() {
    return "BearerToken[****]";
  }
}
