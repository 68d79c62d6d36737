package org.idetunnelrisk.modinput;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Fuzzes {@link InputDefinition#parse} with the XML splunkd writes to stdin. Property: a definition or a
 * {@link ModularInputException} with a message; nothing else; no hang.
 */
class InputDefinitionFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void inputDefinition(byte[] data) {
    check(data);
  }

  static void check(byte[] data) {
    try {
      InputDefinition.parse(new ByteArrayInputStream(data));
    } catch (ModularInputException e) {
      if (e.getMessage() == null || e.getMessage().isEmpty()) {
        throw new AssertionError("modular input error without a message", e);
      }
    }
  }
}
