package org.idetunnelrisk.alert;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link AlertPayload#parse} with whole stdin documents. Property: a payload or an
 * {@link AlertException} with a message; nothing else; no hang; a parsed payload's {@code toString} never
 * shows its session key.
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
      String key = com.google.gson.JsonParser.parseString(new String(data, StandardCharsets.UTF_8))
          .getAsJsonObject().get("session_key").getAsString();
      if (key.length() >= 6 && p.toString().contains(key)) {
        throw new AssertionError("toString shows the session key");
      }
    } catch (AlertException e) {
      if (e.getMessage() == null || e.getMessage().isEmpty()) {
        throw new AssertionError("alert error without a message", e);
      }
    }
  }
}
