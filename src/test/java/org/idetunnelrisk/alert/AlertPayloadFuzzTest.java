package org.idetunnelrisk.alert;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.idetunnelrisk.splunk.SessionKey;

/**
 * Fuzzes {@link AlertPayload#parse} with whole stdin documents. Property: a payload or an
 * {@link AlertException} with a message; nothing else; no hang; a parsed payload's {@code toString} does not
 * depend on its session key.
 */
class AlertPayloadFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void payload(byte[] data) {
    check(data);
  }

  static void check(byte[] data) {
    try {
      AlertPayload p = AlertPayload.parse(new String(data, StandardCharsets.UTF_8));
      if (p.serverUri() == null || p.resultsFile() == null || p.sessionKey() == null) {
        throw new AssertionError("a required field is missing from a parsed payload");
      }
      // The text of toString must not depend on the key (the key's text may also sit inside another field,
      // as in the find key-inside-server-uri, where the key " - Feed" is part of the server URI).
      AlertPayload other = new AlertPayload(p.app(), p.owner(), p.serverHost(), p.serverUri(),
          Optional.of(new SessionKey("another-key-" + p.sessionKey().map(k -> k.secret().length()).orElse(0))),
          p.sid(), p.searchName(), p.resultsFile(), p.resultsLink(), p.searchUri(), p.configuration(), p.result());
      if (p.sessionKey().isPresent() && !p.toString().equals(other.toString())) {
        throw new AssertionError("toString shows the session key");
      }
    } catch (AlertException e) {
      if (e.getMessage() == null || e.getMessage().isEmpty()) {
        throw new AssertionError("alert error without a message", e);
      }
    }
  }
}
