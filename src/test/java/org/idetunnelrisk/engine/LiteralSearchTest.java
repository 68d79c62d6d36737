package org.idetunnelrisk.engine;

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
    boolean[] marks = new boolean[7];
    a.mark("C:\\X\\DevTunnel.EXE host", marks);
    assertArrayEquals(new boolean[] {true, true, false, true, false, false, false}, marks);
    byte[] b = "Code.exe Tunnel ".getBytes(StandardCharsets.US_ASCII);
    boolean[] m2 = new boolean[7];
    assertTrue(a.mark(b, 0, b.length, m2));
    assertArrayEquals(new boolean[] {false, true, true, false, true, false, false}, m2);
    assertFalse(a.anyIn("chrome.exe --type=renderer"));
    assertTrue(a.anyIn("\u212Aelvin \u212A? no: but ssh"), "sh in ssh");
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
  void skipSearchNeedsLiteralsOfThreeCharactersOrMore() {
    assertNull(SkipSearch.of(List.of("ab", "tunnel")));
    assertNull(SkipSearch.of(new ArrayList<>()));
    assertEquals(6, SkipSearch.of(List.of("tunnel", "devtunnel.exe")).window());
  }
}
