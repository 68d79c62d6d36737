package org.idetunnelrisk.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link RawPrefilter#escapes}: its one-pass ASCII check against the definition, read off a String. */
class RawPrefilterEscapesTest {
  /** The definition for ASCII text: an odd backslash run before u or /, or &# or &amp;#. */
  private static boolean reference(String s) {
    for (int i = 0; i + 1 < s.length(); i++) {
      if (s.charAt(i) == '\\' && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == '/')) {
        int run = 0;
        for (int k = i; k >= 0 && s.charAt(k) == '\\'; k--) {
          run++;
        }
        if (run % 2 == 1) {
          return true;
        }
      }
    }
    return s.contains("&#") || s.contains("&amp;#");
  }

  @Test
  void oneAsciiPassAgreesWithTheDefinitionAtEveryOffset() {
    String alphabet = "\\\\\\u/&&#amp;xC:";
    SplittableRandom r = new SplittableRandom(11);
    int escapes = 0;
    for (int round = 0; round < 20_000; round++) {
      int len = r.nextInt(30);
      StringBuilder sb = new StringBuilder("pad");
      for (int k = 0; k < len; k++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      byte[] b = sb.toString().getBytes(StandardCharsets.US_ASCII);
      int from = r.nextInt(4);
      int to = from + r.nextInt(b.length - from + 1);
      boolean expected = reference(new String(b, from, to - from, StandardCharsets.US_ASCII));
      escapes += expected ? 1 : 0;
      assertEquals(expected ? 1 : 0, RawPrefilter.asciiEscapes(b, from, to), () -> sb + " [" + from + "," + to + ")");
      assertEquals(expected, RawPrefilter.escapes(b, from, to), sb::toString);
    }
    assertTrue(escapes > 1000, "the alphabet makes escapes often: " + escapes);
  }

  @Test
  void nonAsciiIsLeftToTheFullCheck() {
    byte[] kelvin = "C:\\Windows\\\u212Aey".getBytes(StandardCharsets.UTF_8);
    byte[] accent = "C:\\Users\\Ren\u00e9\\code.exe".getBytes(StandardCharsets.UTF_8);
    assertEquals(-1, RawPrefilter.asciiEscapes(kelvin, 0, kelvin.length));
    assertTrue(RawPrefilter.escapes(kelvin, 0, kelvin.length), "Kelvin sign folds to k");
    assertFalse(RawPrefilter.escapes(accent, 0, accent.length));
    byte[] path = "C:\\Windows\\System32\\cmd.exe \\\\u0041 C:\\\\/x".getBytes(StandardCharsets.UTF_8);
    assertFalse(RawPrefilter.escapes(path, 0, path.length), "even backslash runs escape the backslash itself");
  }
}
