package org.idetunnelrisk.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobTest {
  private static Glob glob(String p) {
    return new Glob(p, new boolean[p.length()]);
  }

  @Test
  void starMatchesAnyRunIncludingEmpty() {
    Glob g = glob("c:\\*\\code*.exe");
    assertTrue(g.matches("c:\\x\\code.exe"));
    assertTrue(g.matches("c:\\a\\b\\code-tunnel.exe"));
    assertFalse(g.matches("d:\\x\\code.exe"));
    assertFalse(g.matches("c:\\x\\code.exe.bak"));
  }

  @Test
  void questionMarkMatchesExactlyOne() {
    Glob g = glob("a?c");
    assertTrue(g.matches("abc"));
    assertFalse(g.matches("ac"));
    assertFalse(g.matches("abbc"));
  }

  @Test
  void literalMaskedStarIsNotAWildcard() {
    boolean[] mask = {false, true, false};
    Glob g = new Glob("a*c", mask);
    assertTrue(g.matches("a*c"));
    assertFalse(g.matches("abc"));
  }

  @Test
  void backtracksOverRepeatedPrefixes() {
    Glob g = glob("*aab*b");
    assertTrue(g.matches("aaaabxxb"));
    assertFalse(g.matches("aaaabxx"));
  }

  @Test
  void maskLengthMustMatch() {
    assertThrows(IllegalArgumentException.class, () -> new Glob("ab", new boolean[1]));
  }
}
