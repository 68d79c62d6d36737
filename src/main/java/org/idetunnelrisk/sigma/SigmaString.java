package org.idetunnelrisk.sigma;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.idetunnelrisk.engine.Glob;
import org.idetunnelrisk.engine.ValueTest;

/**
 * A Sigma string value with its wildcards told apart from literal characters.
 *
 * <p>Escapes as Sigma defines them: {@code \*}, {@code \?} and {@code \\} stand for the literal character;
 * any other backslash is itself literal, so {@code C:\Windows\} stays as written. Unescaped {@code *}
 * (any run) and {@code ?} (one character) are wildcards. Values compile to the cheapest {@link ValueTest}:
 * {@code x}, {@code x*}, {@code *x}, {@code *x*} to Equals, StartsWith, EndsWith, Contains; anything else
 * with wildcards to a {@link Glob}. No regular expression is ever built from a wildcard. Immutable.
 */
final class SigmaString {
  /** The dash variants {@code windash} expands a flag character into, as pySigma does. */
  static final char[] WINDASH = {'-', '/', '\u2013', '\u2014', '\u2015'};
  /** Most flag characters one value may have under {@code windash} (5 variants each). */
  static final int MAX_WINDASH_FLAGS = 4;

  private final String text;
  /** true where the character is an unescaped wildcard. */
  private final boolean[] wild;

  private SigmaString(String text, boolean[] wild) {
    this.text = text;
    this.wild = wild;
  }

  /** Parses a rule value, resolving escapes. */
  static SigmaString parse(String raw) {
    StringBuilder sb = new StringBuilder(raw.length());
    boolean[] w = new boolean[raw.length()];
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        char d = raw.charAt(i + 1);
        if (d == '*' || d == '?' || d == '\\') {
          sb.append(d);
          w[n++] = false;
          i++;
          continue;
        }
      }
      sb.append(c);
      w[n++] = c == '*' || c == '?';
    }
    return new SigmaString(sb.toString(), Arrays.copyOf(w, n));
  }

  /** A value with no wildcards at all (base64 output). */
  static SigmaString literal(String s) {
    return new SigmaString(s, new boolean[s.length()]);
  }

  boolean hasWildcards() {
    for (boolean b : wild) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  /** The text with escapes resolved; only meaningful when {@link #hasWildcards()} is false. */
  String text() {
    return text;
  }

  /** Only unescaped {@code *}, at least one: any value at all. */
  boolean isAnyValue() {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!wild[i] || text.charAt(i) != '*') {
        return false;
      }
    }
    return true;
  }

  SigmaString withLeadingStar() {
    return startsWithStar() ? this : concat(star(), this);
  }

  SigmaString withTrailingStar() {
    return endsWithStar() ? this : concat(this, star());
  }

  private boolean startsWithStar() {
    return !text.isEmpty() && wild[0] && text.charAt(0) == '*';
  }

  private boolean endsWithStar() {
    int last = text.length() - 1;
    return last >= 0 && wild[last] && text.charAt(last) == '*';
  }

  private static SigmaString star() {
    return new SigmaString("*", new boolean[] {true});
  }

  private static SigmaString concat(SigmaString a, SigmaString b) {
    boolean[] w = Arrays.copyOf(a.wild, a.wild.length + b.wild.length);
    System.arraycopy(b.wild, 0, w, a.wild.length, b.wild.length);
    return new SigmaString(a.text + b.text, w);
  }

  /**
   * The {@code windash} variants: each {@code -} or {@code /} that starts a word (no word character
   * before it, one after it) becomes each of {@link #WINDASH}; every combination is produced.
   *
   * @throws IllegalArgumentException when the value has more than {@link #MAX_WINDASH_FLAGS} such characters
   */
  List<SigmaString> windashVariants() {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (wild[i] || (c != '-' && c != '/')) {
        continue;
      }
      boolean wordBefore = i > 0 && isWord(text.charAt(i - 1));
      boolean wordAfter = i + 1 < text.length() && !wild[i + 1] && isWord(text.charAt(i + 1));
      if (!wordBefore && wordAfter) {
        at.add(i);
      }
    }
    if (at.size() > MAX_WINDASH_FLAGS) {
      throw new IllegalArgumentException("'windash' on a value with " + at.size()
          + " flag characters; at most " + MAX_WINDASH_FLAGS + " are supported");
    }
    List<SigmaString> out = new ArrayList<>();
    out.add(this);
    for (int pos : at) {
      List<SigmaString> next = new ArrayList<>(out.size() * WINDASH.length);
      for (SigmaString s : out) {
        for (char d : WINDASH) {
          char[] cs = s.text.toCharArray();
          cs[pos] = d;
          next.add(new SigmaString(new String(cs), s.wild));
        }
      }
      out = next;
    }
    return out;
  }

  private static boolean isWord(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** The cheapest test for this value; the needle folded to lower case (Locale.ROOT) unless {@code cased}. */
  ValueTest toValueTest(boolean cased) {
    int n = text.length();
    int lead = 0;
    while (lead < n && wild[lead] && text.charAt(lead) == '*') {
      lead++;
    }
    int trail = 0;
    while (trail < n - lead && wild[n - 1 - trail] && text.charAt(n - 1 - trail) == '*') {
      trail++;
    }
    for (int i = lead; i < n - trail; i++) {
      if (wild[i]) {
        return glob(cased);
      }
    }
    String core = text.substring(lead, n - trail);
    String needle = cased ? core : core.toLowerCase(Locale.ROOT);
    if (lead > 0 && trail > 0) {
      return new ValueTest.Contains(needle, cased);
    }
    if (lead > 0) {
      return new ValueTest.EndsWith(needle, cased);
    }
    if (trail > 0) {
      return new ValueTest.StartsWith(needle, cased);
    }
    return new ValueTest.Equals(needle, cased);
  }

  /** A glob; folding is per code point so the literal mask stays aligned when folding changes lengths. */
  private ValueTest glob(boolean cased) {
    StringBuilder p = new StringBuilder(text.length());
    boolean[] lit = new boolean[text.length() * 3];
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int len = Character.charCount(cp);
      String piece = new String(Character.toChars(cp));
      if (!cased) {
        piece = piece.toLowerCase(Locale.ROOT);
      }
      boolean literal = !wild[i];
      for (int k = 0; k < piece.length(); k++) {
        if (p.length() >= lit.length) {
          lit = Arrays.copyOf(lit, lit.length * 2);
        }
        lit[p.length()] = literal;
        p.append(piece.charAt(k));
      }
      i += len;
    }
    return new ValueTest.Wildcard(new Glob(p.toString(), Arrays.copyOf(lit, p.length())), cased);
  }

  @Override
  public String toString() {
    return text;
  }
}
