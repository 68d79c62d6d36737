package org.idetunnelrisk.prefilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RawPrefilter#escapes}: its one-pass ASCII check against the definition, read off a String; and
 * {@link JsonObjectCheck#plainJson} against escapes and wellFormed.
 */
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

  /**
   * The fused pass against the two checks it stands for. Lines are well-formed JSON objects (nested objects
   * and arrays, strings holding quotes, backslashes, {@code \\u} and {@code \\/} escapes, ampersands,
   * character references, brackets, now and then a non-ASCII character, nesting past the limit), half of
   * them then broken by one inserted, deleted or replaced byte; checked at several offsets, so the
   * eight-byte words start everywhere.
   */
  @Test
  void plainJsonIsEscapesAndWellFormedInOnePass() {
    SplittableRandom r = new SplittableRandom(23);
    int[] answers = new int[3];
    for (int round = 0; round < 50_000; round++) {
      StringBuilder sb = new StringBuilder();
      object(sb, r, 0, r.nextInt(30) == 0 ? RawPrefilter.MAX_DEPTH + 2 : 4);
      if (r.nextBoolean()) {
        int at = r.nextInt(sb.length());
        String marks = "\"\\{}[]&#u/x|~^\u0002\u0006";
        char c = marks.charAt(r.nextInt(marks.length()));
        switch (r.nextInt(3)) {
          case 0: sb.insert(at, c); break;
          case 1: sb.deleteCharAt(at); break;
          default: sb.setCharAt(at, c);
        }
      }
      byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
      for (int from = 0; from < Math.min(3, b.length); from++) {
        int to = r.nextInt(4) == 0 ? from + r.nextInt(b.length - from + 1) : b.length;
        int f = from;
        int got = JsonObjectCheck.plainJson(b, from, to);
        answers[got + 1]++;
        if (got < 0) {
          boolean nonAscii = false;
          for (int i = from; i < to; i++) {
            nonAscii |= b[i] < 0;
          }
          assertTrue(nonAscii || to - from < 8, () -> "undecided without a non-ASCII byte: " + sb);
        } else {
          boolean candidate = RawPrefilter.escapes(b, from, to) || !JsonObjectCheck.wellFormed(b, from, to);
          assertEquals(candidate ? 0 : 1, got, () -> sb + " [" + f + "," + to + ")");
        }
      }
    }
    assertTrue(answers[0] > 5_000 && answers[1] > 20_000 && answers[2] > 10_000, () -> java.util.Arrays.toString(answers));
  }

  private static final String[] STRING_PARTS = {"\\\"", "\\\\", "&", "&amp;", "{", "}", "[", "]", "C:\\\\Windows", "u", "/",
      "|", "~", "^", "\u0002", "\u0006",
      "#", "abcdefgh", " ", ":", ","};
  private static final String[] ESCAPES = {"\\u0041", "\\/", "&#65;", "&amp;#65;", "\u00e9", "\\\\\\u0041"};

  private static void object(StringBuilder sb, SplittableRandom r, int depth, int maxDepth) {
    sb.append('{');
    int n = r.nextInt(5);
    for (int k = 0; k < n; k++) {
      if (k > 0) {
        sb.append(',');
      }
      string(sb, r);
      sb.append(':');
      value(sb, r, depth, maxDepth);
    }
    sb.append('}');
  }

  private static void value(StringBuilder sb, SplittableRandom r, int depth, int maxDepth) {
    int kind = depth + 1 < maxDepth ? r.nextInt(6) : r.nextInt(3);
    if (kind == 0) {
      sb.append(r.nextInt(1000));
    } else if (kind <= 2) {
      string(sb, r);
    } else if (kind <= 4) {
      object(sb, r, depth + 1, maxDepth);
    } else {
      sb.append('[');
      value(sb, r, depth + 1, maxDepth);
      sb.append(",true]");
    }
  }

  private static void string(StringBuilder sb, SplittableRandom r) {
    sb.append('"');
    int n = r.nextInt(6);
    for (int k = 0; k < n; k++) {
      sb.append(r.nextInt(60) == 0 ? ESCAPES[r.nextInt(ESCAPES.length)] : STRING_PARTS[r.nextInt(STRING_PARTS.length)]);
    }
    sb.append('"');
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
