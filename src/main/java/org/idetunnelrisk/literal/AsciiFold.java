package org.idetunnelrisk.literal;

import java.util.BitSet;
import java.util.Locale;

/**
 * Which non-ASCII characters lower-case (Locale.ROOT, as rows fold values) to text holding an ASCII
 * character, such as the Kelvin sign to {@code k}: text holding one may match an ASCII literal its bytes do
 * not show, so byte-level filters treat it as a candidate. Stateless.
 */
public final class AsciiFold {
  private AsciiFold() {}

  /**
   * Whether {@code codePoint} is non-ASCII and its lower case holds an ASCII character; false for a number
   * that is no code point (past U+10FFFF, as a malformed four-byte UTF-8 sequence decodes).
   */
  public static boolean foldsToAscii(int codePoint) {
    if (codePoint < 0x80 || codePoint > Character.MAX_CODE_POINT) {
      return false;
    }
    if (codePoint < 0x10000) {
      return Bmp.SET.get(codePoint);
    }
    return lowerHoldsAscii(codePoint);
  }

  private static boolean lowerHoldsAscii(int codePoint) {
    String lower = new String(Character.toChars(codePoint)).toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      if (lower.charAt(i) < 0x80) {
        return true;
      }
    }
    return false;
  }

  /**
   * The BMP code points that fold to ASCII, computed on first use (when a line with a non-ASCII character is
   * first checked): lower-casing every BMP code point takes tens of milliseconds and loads the JDK's locale
   * data, which most runs never need.
   */
  private static final class Bmp {
    static final BitSet SET = compute();

    private static BitSet compute() {
      BitSet s = new BitSet(0x10000);
      for (int cp = 0x80; cp < 0x10000; cp++) {
        if (lowerHoldsAscii(cp)) {
          s.set(cp);
        }
      }
      return s;
    }
  }
}
