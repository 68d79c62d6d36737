package org.idetunnelrisk.literal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AsciiFoldTest {
  @Test
  void theKelvinSignAndDottedCapitalIFoldToAsciiOthersDoNot() {
    assertTrue(AsciiFold.foldsToAscii(0x212A), "Kelvin sign -> k");
    assertTrue(AsciiFold.foldsToAscii(0x0130), "I with dot above -> i + combining dot");
    assertFalse(AsciiFold.foldsToAscii('k'), "ASCII itself is not counted");
    assertFalse(AsciiFold.foldsToAscii(0x00E9));
    assertFalse(AsciiFold.foldsToAscii(0x1F600));
  }

  /** crash-89c9a080...: a malformed four-byte UTF-8 sequence decodes past U+10FFFF; no character, no fold. */
  @Test
  void aNumberPastTheLastCodePointFoldsToNothing() {
    assertFalse(AsciiFold.foldsToAscii(0x1FFFFF));
    assertFalse(AsciiFold.foldsToAscii(Character.MAX_CODE_POINT + 1));
  }
}
