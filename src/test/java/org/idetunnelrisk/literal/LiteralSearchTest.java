package org.idetunnelrisk.literal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link LiteralAutomaton} and {@link SkipSearch} against a plain case-insensitive {@code contains}. */
class LiteralSearchTest {
  private static final List<String> LITERALS = List.of("devtunnel.exe", "tunnel", " tunnel ", "nnel.e", "code.exe", "sh", "ab");

  @Test
  void automatonMarksEveryLiteralThatOccursCaseInsensitively() {
    LiteralAutomaton a = LiteralAutomaton.of(LITERALS, List.of(0, 1, 2, 3, 4, 5, 6));
    assertEquals(0b0001011L, a.markBits("C:\\X\\DevTunnel.EXE host", null));
    byte[] b = "Code.exe Tunnel ".getBytes(StandardCharsets.US_ASCII);
    boolean[] m2 = new boolean[7];
    assertTrue(a.mark(b, 0, b.length, m2));
    assertArrayEquals(new boolean[] {false, true, true, false, true, false, false}, m2);
    assertFalse(a.anyIn("chrome.exe --type=renderer"));
    assertTrue(a.anyIn("\u212Aelvin \u212A? no: but ssh"), "sh in ssh");
  }

  @Test
  void tagsOf64AndMoreGoToFurtherWords() {
    LiteralAutomaton a = LiteralAutomaton.of(List.of("alpha", "beta", "gamma"), List.of(3, 64, 130));
    long[] more = TagBits.moreFor(131);
    assertEquals(2, more.length);
    assertEquals(1L << 3, a.markBits("xx ALPHA beta gamma", more));
    assertArrayEquals(new long[] {1L, 1L << 2}, more);
  }

  @Test
  void kelvinSignCountsAsKForTheEngineButNotForBytes() {
    LiteralAutomaton a = LiteralAutomaton.of(List.of("kit"));
    assertTrue(a.anyIn("\u212Ait"));
    byte[] b = "\u212Ait".getBytes(StandardCharsets.UTF_8);
    assertFalse(a.anyIn(b, 0, b.length), "bytes: the prefilter's escape check handles it instead");
  }

  @Test
  void bothAgreeWithContainsOnRandomText() {
    LiteralAutomaton a = LiteralAutomaton.of(LITERALS);
    SkipSearch s = SkipSearch.of(List.of("devtunnel.exe", "tunnel", " tunnel ", "nnel.e", "code.exe"));
    SplittableRandom rnd = new SplittableRandom(1);
    String alphabet = "deEvtTuUnNl.xXcCoOsShab  -\\";
    for (int k = 0; k < 20_000; k++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(40);
      for (int i = 0; i < len; i++) {
        sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      String text = sb.toString();
      String lower = text.toLowerCase(Locale.ROOT);
      boolean all = LITERALS.stream().anyMatch(lower::contains);
      boolean five = LITERALS.subList(0, 5).stream().anyMatch(lower::contains);
      byte[] b = ("xx" + text + "yy").getBytes(StandardCharsets.US_ASCII);
      assertEquals(all, a.anyIn(text), text);
      assertEquals(all, a.anyIn(b, 2, b.length - 2), text);
      assertEquals(five, s.anyIn(b, 2, b.length - 2), text);
    }
  }

  @Test
  void skipSearchNeedsLiteralsOfFourCharactersOrMore() {
    assertNull(SkipSearch.of(List.of("abc", "tunnel")));
    assertNull(SkipSearch.of(new ArrayList<>()));
    assertEquals(6, SkipSearch.of(List.of("tunnel", "devtunnel.exe")).window());
    assertEquals(3, SkipSearch.of(List.of("tunnel", "devtunnel.exe")).stride());
    assertEquals(1, SkipSearch.of(List.of("code", "devtunnel.exe")).stride());
    assertEquals(SkipSearch.MAX_STRIDE, SkipSearch.of(List.of("tunnels.api.visualstudio.com")).stride());
  }

  /**
   * Random literal sets (every length from 4 to 20, so every stride) against {@code contains} on text made
   * of the literals' letters in both cases, bytes that equal them once their 0x20 bit is set ({@code @ [ \ _}
   * and control characters beside {@code ` { | DEL} and digits), and planted literals at every offset.
   */
  @Test
  void skipSearchAgreesWithContainsForEveryStride() {
    SplittableRandom rnd = new SplittableRandom(7);
    String letters = "abcdefghijklmnopqrstuvwxyz0123456789.-_\\ :`{|@[";
    int found = 0;
    for (int set = 0; set < 400; set++) {
      List<String> lits = new ArrayList<>();
      int count = 1 + rnd.nextInt(6);
      for (int i = 0; i < count; i++) {
        StringBuilder l = new StringBuilder();
        int len = 4 + rnd.nextInt(17);
        for (int k = 0; k < len; k++) {
          l.append(letters.charAt(rnd.nextInt(8) == 0 ? rnd.nextInt(letters.length()) : rnd.nextInt(6)));
        }
        lits.add(l.toString().toLowerCase(Locale.ROOT));
      }
      SkipSearch s = SkipSearch.of(lits);
      LiteralAutomaton automaton = LiteralAutomaton.of(lits);
      for (int k = 0; k < 200; k++) {
        byte[] text = new byte[rnd.nextInt(60)];
        for (int i = 0; i < text.length; i++) {
          int pick = rnd.nextInt(10);
          char c = letters.charAt(pick < 7 ? rnd.nextInt(6) : rnd.nextInt(letters.length()));
          text[i] = (byte) (pick == 9 ? c ^ 0x20 : rnd.nextBoolean() ? Character.toUpperCase(c) : c);
          if (rnd.nextInt(40) == 0) {
            text[i] = (byte) rnd.nextInt(256);
          }
        }
        if (text.length > 0 && rnd.nextBoolean()) {
          String lit = lits.get(rnd.nextInt(lits.size()));
          int at = rnd.nextInt(text.length);
          for (int i = 0; i < lit.length() && at + i < text.length; i++) {
            char c = lit.charAt(i);
            text[at + i] = (byte) (rnd.nextBoolean() ? Character.toUpperCase(c) : c);
          }
        }
        int from = text.length == 0 ? 0 : rnd.nextInt(Math.min(5, text.length + 1));
        int to = from + rnd.nextInt(text.length - from + 1);
        String window = asciiLower(text, from, to);
        boolean expected = lits.stream().anyMatch(window::contains);
        found += expected ? 1 : 0;
        assertEquals(expected, s.anyIn(text, from, to), () -> lits + " in [" + window + "]");
        // as text: the automaton's reading (non-ASCII folding to ASCII, as the Kelvin sign) is never missed
        String chars = new String(text, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1)
            .replace('K', rnd.nextBoolean() ? 'K' : '\u212A');
        if (automaton.anyIn(chars)) {
          assertTrue(s.mayOccurIn(chars), () -> lits + " in text [" + chars + "]");
        }
      }
    }
    assertTrue(found > 5_000, "planted literals are found often enough to test the hits: " + found);
  }

  /** Bytes {@code [from, to)} with only A–Z folded, each byte as one char (ISO-8859-1). */
  private static String asciiLower(byte[] b, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      int c = b[i] & 0xff;
      sb.append((char) (c >= 'A' && c <= 'Z' ? c + 32 : c));
    }
    return sb.toString();
  }
}
