package org.idetunnelrisk.splunk;

/**
 * What goes into the {@code Authorization} header. A closed set: a splunkd session key, a Splunk
 * authentication token (JWT) or an HTTP Event Collector token. {@code toString()} never shows the secret.
 */
public sealed interface Credential permits SessionKey, BearerToken, HecToken {

  /** The full header value, e.g. {@code Splunk <key>}. Only the transport calls this. */
  String authorization();

  /** The secret itself, for a {@link Redactor}. */
  String secret();

  /** Throws when the secret is null or blank; returns it otherwise. */
  static String requireSecret(String secret, String what) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    return secret;
  }
}
