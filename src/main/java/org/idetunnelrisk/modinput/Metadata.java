package org.idetunnelrisk.modinput;

import java.util.Optional;
import org.idetunnelrisk.splunk.SessionKey;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What splunkd tells the modular input about itself in both {@code <input>} and {@code <items>}: the server
 * host, the management URI, the session key, the checkpoint folder, and any other element it adds (kept by
 * name, so new fields do not break parsing). {@link #toString()} never shows the session key.
 *
 * @param serverHost {@code server_host}, empty when absent
 * @param serverUri {@code server_uri}, e.g. {@code https://127.0.0.1:8089}, empty when absent
 * @param sessionKey {@code session_key}, empty when absent or blank
 * @param checkpointDir {@code checkpoint_dir}, empty when absent
 * @param extra every other metadata element by name, in document order
 */
public record Metadata(
    String serverHost, String serverUri, Optional<SessionKey> sessionKey, String checkpointDir,
    Map<String, String> extra) {
  static final String SESSION_KEY = "session_key";

  public Metadata {
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** Builds metadata from the text children of the root, skipping {@code skip} (the payload element). */
  static Metadata from(XmlElement root, String skip, String what) {
    Map<String, String> values = new LinkedHashMap<>();
    for (XmlElement child : root.children()) {
      if (child.name().equals(skip)) {
        continue;
      }
      if (!child.children().isEmpty()) {
        throw new ModularInputException(
            what + ": line " + child.line() + ": expected text in <" + child.name() + ">, found elements");
      }
      values.put(child.name(), child.text().strip());
    }
    String secret = values.remove(SESSION_KEY);
    Optional<SessionKey> key = secret == null || secret.isBlank() ? Optional.empty()
        : Optional.of(new SessionKey(secret.strip()));
    String host = values.getOrDefault("server_host", "");
    String uri = values.getOrDefault("server_uri", "");
    String checkpoint = values.getOrDefault("checkpoint_dir", "");
    values.remove("server_host");
    values.remove("server_uri");
    values.remove("checkpoint_dir");
    return new Metadata(host, uri, key, checkpoint, values);
  }
}
