package org.idetunnelrisk.splunk;

/**
 * An HTTP Event Collector token, sent to the HEC port as {@code Authorization: Splunk <token>}; a different
 * credential from the session key. {@code toString()} is redacted.
 */
public record HecToken(String secret) implements Credential {

  public HecToken {
    Credential.requireSecret(secret, "HEC token");
  }

  @Override
  public String authorization() {
    return "Splunk " + secret;
  }

  @Override
  public String toString() {
    return "HecToken[****]";
  }
}
