package org.idetunnelrisk.splunk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Masks known secrets in text before it is logged or put in an exception message: each occurrence of a
 * registered secret becomes {@code ****}. Thread-safe; secrets can be added at any time.
 */
public final class Redactor {
  private static final String MASK = "****";
  private final List<String> secrets = new CopyOnWriteArrayList<>();

  /** Registers the session key's secret. */
  public Redactor add(SessionKey key) {
    return add(key.secret());
  }

  /** Registers a secret; blank strings are ignored. */
  public Redactor add(String secret) {
    if (secret != null && !secret.isBlank() && !secrets.contains(secret)) {
      secrets.add(secret);
    }
    return this;
  }

  /** The text with every registered secret replaced by {@code ****}. */
  public String redact(String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, MASK);
    }
    return out;
  }
}
