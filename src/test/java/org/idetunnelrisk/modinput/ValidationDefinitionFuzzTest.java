package org.idetunnelrisk.modinput;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Fuzzes {@link ValidationDefinition#parse} with the XML splunkd writes to stdin. Property: a definition or a
 * {@link ModularInputException} with a message; nothing else; no hang.
 */
class ValidationDefinitionFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void validationDefinition(byte[] data) {
    check(data);
  }

  static void check(byte[] data) {
    try {
      ValidationDefinition.parse(new ByteArrayInputStream(data));
    } catch (ModularInputException e) {
      if (e.getMessage() == null || e.getMessage().isEmpty()) {
        throw new AssertionError("modular input error without a message", e);
      }
    }
  }
}
