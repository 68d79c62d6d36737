package org.idetunnelrisk.alert;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link AlertPayload#parse} with whole stdin documents. Property: a payload or an
 * {@link AlertException} whose message starts with {@code payload} or names a key; nothing else; no hang.
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
    } catch (AlertException e) {
      if (e.getMessage() == null || e.getMessage().isEmpty()) {
        throw new AssertionError("alert error without a message", e);
      }
    }
  }
}
