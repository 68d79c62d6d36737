package org.idetunnelrisk.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * A necessary condition of a detection, as literals: a row can pass the detection only if, for at least
 * one {@link Need}, the named field (or, for a keyword, the raw text or any field) contains the need's
 * piece, compared ASCII case-insensitively. Used to skip rules (in {@link Engine}) and whole records
 * (before parsing) without evaluating anything.
 *
 * <p>Derivation over the {@link Matcher} tree, as {@code spl.Necessary} does for Splunk pushdown (which the
 * engine may not import): a field test with a literal (equals, starts with, ends with, contains, wildcard)
 * needs its longest <em>piece</em>, a maximal run of characters the caller calls safe (always ASCII, so
 * case folding cannot move a character in or out of ASCII; see {@link #foldsToAscii(int)}); a keyword the
 * same on any field; {@code all of} the alternatives of its most selective child; {@code any of} the
 * union of its children's; everything else (negation, null, exists, regular expression, CIDR, numeric,
 * field reference, a literal with no safe piece) needs nothing, which is always sound. {@link #of} returns
 * null for "needs nothing" and an empty list for a detection that can never pass. Stateless.
 */
public final class RequiredLiterals {
  /** One alternative: {@code field} (null: any field or the raw text) contains {@code piece} (lower-case ASCII). */
  public record Need(String field, String piece) {}

  /** Pieces for field values as the engine sees them: any printable ASCII. */
  public static final IntPredicate FIELD_SAFE = c -> c > 0x20 && c < 0x7f || c == ' ';

  private RequiredLiterals() {}

  /** The alternatives one of which every passing row satisfies, or null when there is no such literal. */
  public static List<Need> of(Matcher m, IntPredicate safe) {
    if (m instanceof Matcher.Field f) {
      String piece = piece(f.test(), safe);
      return piece == null ? null : List.of(new Need(f.field(), piece));
    }
    if (m instanceof Matcher.Keyword k) {
      String piece = piece(k.test(), safe);
      return piece == null ? null : List.of(new Need(null, piece));
    }
    if (m instanceof Matcher.Const c) {
      return c.value() ? null : List.of();
    }
    if (m instanceof Matcher.AllOf a) {
      List<Need> best = null;
      for (Matcher c : a.children()) {
        List<Need> n = of(c, safe);
        if (n != null && (best == null || better(n, best))) {
          best = n;
        }
      }
      return best;
    }
    if (m instanceof Matcher.AnyOf o) {
      List<Need> all = new ArrayList<>();
      for (Matcher c : o.children()) {
        List<Need> n = of(c, safe);
        if (n == null) {
          return null;
        }
        for (Need x : n) {
          if (!all.contains(x)) {
            all.add(x);
          }
        }
      }
      return all;
    }
    return null;
  }

  /** Fewer chances of passing first: an impossible set, then the longer shortest piece, then fewer pieces. */
  private static boolean better(List<Need> a, List<Need> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() && !b.isEmpty();
    }
    int ma = minLength(a);
    int mb = minLength(b);
    return ma != mb ? ma > mb : a.size() < b.size();
  }

  private static int minLength(List<Need> n) {
    int m = Integer.MAX_VALUE;
    for (Need x : n) {
      m = Math.min(m, x.piece().length());
    }
    return m;
  }

  private static String piece(ValueTest t, IntPredicate safe) {
    if (t instanceof ValueTest.Equals e) {
      return longestPiece(List.of(e.needle()), safe);
    }
    if (t instanceof ValueTest.StartsWith s) {
      return longestPiece(List.of(s.needle()), safe);
    }
    if (t instanceof ValueTest.EndsWith e) {
      return longestPiece(List.of(e.needle()), safe);
    }
    if (t instanceof ValueTest.Contains c) {
      return longestPiece(List.of(c.needle()), safe);
    }
    if (t instanceof ValueTest.Wildcard w) {
      return longestPiece(w.glob().literalRuns(), safe);
    }
    return null;
  }

  /** The longest run of safe ASCII characters in any of the texts, lower-cased; null when there is none. */
  static String longestPiece(List<String> texts, IntPredicate safe) {
    String best = null;
    for (String text : texts) {
      int start = 0;
      for (int i = 0; i <= text.length(); i++) {
        boolean ok = i < text.length() && text.charAt(i) < 0x80 && safe.test(text.charAt(i));
        if (!ok) {
          if (i > start && (best == null || i - start > best.length())) {
            best = text.substring(start, i).toLowerCase(Locale.ROOT);
          }
          start = i + 1;
        }
      }
    }
    return best;
  }

  /**
   * Whether a non-ASCII code point lower-cases (Locale.ROOT, as rows fold values) to text holding an ASCII
   * character, such as the Kelvin sign to {@code k}: text containing one may match an ASCII piece that its
   * bytes do not show, so byte-level prefilters treat it as a candidate.
   */
  public static boolean foldsToAscii(int codePoint) {
    if (codePoint < 0x80) {
      return false;
    }
    String lower = new String(Character.toChars(codePoint)).toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      if (lower.charAt(i) < 0x80) {
        return true;
      }
    }
    return false;
  }
}
