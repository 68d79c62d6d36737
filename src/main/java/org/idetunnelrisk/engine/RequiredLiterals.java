package org.idetunnelrisk.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;

/**
 * A necessary condition of a detection, as literals: a row can pass the detection only if, for at least
 * one {@link Need}, the named field (or, for a keyword, the raw text or any field) contains the need's
 * piece, compared ASCII case-insensitively. Used to skip rules (in {@link Engine}) and whole records
 * (before parsing) without evaluating anything.
 *
 * <p>Derivation over the {@link Matcher} tree, as {@code spl.Necessary} does for Splunk pushdown (which the
 * engine may not import): a field test with a literal (equals, starts with, ends with, contains, wildcard)
 * needs its longest <em>piece</em>, a maximal run of characters the caller calls safe (always ASCII, so
 * case folding cannot move a character in or out of ASCII; see {@code literal.AsciiFold}); a keyword the
 * same on any field; {@code all of} the alternatives of its most selective child; {@code any of} the
 * union of its children's; everything else (negation, null, exists, regular expression, CIDR, numeric,
 * field reference, a literal with no safe piece) needs nothing, which is always sound. {@link #of} returns
 * null for "needs nothing" and an empty list for a detection that can never pass. Stateless.
 */
public final class RequiredLiterals {
  /**
   * One alternative: {@code field} (null: any field or the raw text) contains {@code piece} (lower-case
   * ASCII); when {@code anchor} is not {@link Anchor#NONE} the piece is the whole needle and the value
   * also equals, starts or ends with it (compared ASCII case-insensitively).
   */
  public record Need(String field, String piece, Anchor anchor) {
    public Need(String field, String piece) {
      this(field, piece, Anchor.NONE);
    }
  }

  /** Where in the value the piece must sit. */
  public enum Anchor { NONE, EQUALS, START, END }

  /**
   * A necessary condition as a tree over pieces (every value contains, case-insensitively): more precise
   * than {@link #of}'s single list of alternatives, since it keeps every conjunct.
   */
  public sealed interface Tree {
    /**
     * The piece occurs in a value of {@code field} (a row field name), or anywhere in the record when the
     * field is null (a keyword, which the engine tests on the raw text); when {@code atStart}, it starts the
     * value (the test is an equality, a starts-with or a wildcard starting with literal text, whose needle
     * starts with it); when {@code atEnd}, it ends the value (likewise for endings).
     */
    record Piece(String field, String text, boolean atStart, boolean atEnd) implements Tree {}

    /** Every part holds. */
    record All(List<Tree> parts) implements Tree {}

    /** Some part holds (none: never). */
    record Any(List<Tree> parts) implements Tree {}
  }

  /** The necessary condition of {@code m} as a tree of pieces, or null when it has none. */
  public static Tree tree(Matcher m, IntPredicate safe) {
    return tree(m, safe, UnaryOperator.identity());
  }

  /**
   * {@link #tree(Matcher, IntPredicate)} with pieces taken from each needle as {@code encode} writes it (a
   * raw format's text for the value, such as JSON's {@code \"} for a quote), so they can hold characters the
   * format writes in its own way. {@code encode} must map each character to a fixed text, so that a value
   * holding the needle is written holding the needle's encoding.
   */
  public static Tree tree(Matcher m, IntPredicate safe, UnaryOperator<String> encode) {
    if (m instanceof Matcher.Field f) {
      String piece = piece(f.test(), safe, encode);
      return piece == null ? null : new Tree.Piece(f.field(), piece, startsWithPiece(f.test(), piece, encode),
          endsWithPiece(f.test(), piece, encode));
    }
    if (m instanceof Matcher.Keyword k) {
      String piece = piece(k.test(), safe, encode);
      return piece == null ? null : new Tree.Piece(null, piece, false, false);
    }
    if (m instanceof Matcher.Const c) {
      return c.value() ? null : new Tree.Any(List.of());
    }
    if (m instanceof Matcher.AllOf a) {
      List<Tree> parts = new ArrayList<>();
      for (Matcher c : a.children()) {
        Tree t = tree(c, safe, encode);
        if (t != null) {
          parts.add(t);
        }
      }
      return parts.isEmpty() ? null : parts.size() == 1 ? parts.get(0) : new Tree.All(List.copyOf(parts));
    }
    if (m instanceof Matcher.AnyOf o) {
      List<Tree> parts = new ArrayList<>();
      for (Matcher c : o.children()) {
        Tree t = tree(c, safe, encode);
        if (t == null) {
          return null;
        }
        parts.add(t);
      }
      return parts.size() == 1 ? parts.get(0) : new Tree.Any(List.copyOf(parts));
    }
    return null;
  }

  /** Whether every value passing {@code t}, encoded, starts with {@code piece} (compared ASCII case-insensitively). */
  static boolean startsWithPiece(ValueTest t, String piece, UnaryOperator<String> encode) {
    String head = anchored(t, true, encode);
    return head != null && head.regionMatches(true, 0, piece, 0, piece.length());
  }

  /** Whether every value passing {@code t}, encoded, ends with {@code piece} (compared ASCII case-insensitively). */
  static boolean endsWithPiece(ValueTest t, String piece, UnaryOperator<String> encode) {
    String tail = anchored(t, false, encode);
    return tail != null && tail.length() >= piece.length()
        && tail.regionMatches(true, tail.length() - piece.length(), piece, 0, piece.length());
  }

  /** The encoded text every value passing {@code t} starts with ({@code start}) or ends with; null when none. */
  private static String anchored(ValueTest t, boolean start, UnaryOperator<String> encode) {
    String text;
    if (t instanceof ValueTest.Equals e) {
      text = e.needle();
    } else if (start && t instanceof ValueTest.StartsWith s) {
      text = s.needle();
    } else if (!start && t instanceof ValueTest.EndsWith e) {
      text = e.needle();
    } else if (t instanceof ValueTest.Wildcard w) {
      text = start ? w.glob().literalPrefix() : w.glob().literalSuffix();
    } else {
      return null;
    }
    return text == null ? null : encode.apply(text);
  }

  /** Pieces for field values as the engine sees them: any printable ASCII. */
  public static final IntPredicate FIELD_SAFE = c -> c > 0x20 && c < 0x7f || c == ' ';

  private RequiredLiterals() {}

  /** The alternatives one of which every passing row satisfies, or null when there is no such literal. */
  public static List<Need> of(Matcher m, IntPredicate safe) {
    if (m instanceof Matcher.Field f) {
      String piece = piece(f.test(), safe);
      return piece == null ? null : List.of(new Need(f.field(), piece, anchor(f.test(), piece)));
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

  /** The anchor of a test whose piece is its whole needle; NONE otherwise. */
  private static Anchor anchor(ValueTest t, String piece) {
    if (t instanceof ValueTest.Equals e && e.needle().equalsIgnoreCase(piece)) {
      return Anchor.EQUALS;
    }
    if (t instanceof ValueTest.StartsWith s && s.needle().equalsIgnoreCase(piece)) {
      return Anchor.START;
    }
    if (t instanceof ValueTest.EndsWith e && e.needle().equalsIgnoreCase(piece)) {
      return Anchor.END;
    }
    return Anchor.NONE;
  }

  /**
   * Cheaper to test first (every alternative anchored and selective: a few steps per value, not a scan of
   * it), then fewer chances of passing: an impossible set, the longer shortest piece, fewer pieces. An
   * anchored test on a short value ({@code Initiated: 'true'}) is cheap but passes on a large share of rows,
   * so it does not win on being anchored.
   */
  private static boolean better(List<Need> a, List<Need> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() && !b.isEmpty();
    }
    boolean aa = cheapAndSelective(a);
    boolean ba = cheapAndSelective(b);
    if (aa != ba) {
      return aa;
    }
    int ma = minLength(a);
    int mb = minLength(b);
    return ma != mb ? ma > mb : a.size() < b.size();
  }

  /** Shortest anchored piece that still counts as selective. */
  private static final int SELECTIVE_LENGTH = 5;

  private static boolean cheapAndSelective(List<Need> n) {
    return n.stream().allMatch(x -> x.anchor() != Anchor.NONE) && minLength(n) >= SELECTIVE_LENGTH;
  }

  private static int minLength(List<Need> n) {
    int m = Integer.MAX_VALUE;
    for (Need x : n) {
      m = Math.min(m, x.piece().length());
    }
    return m;
  }

  private static String piece(ValueTest t, IntPredicate safe) {
    return piece(t, safe, UnaryOperator.identity());
  }

  private static String piece(ValueTest t, IntPredicate safe, UnaryOperator<String> encode) {
    if (t instanceof ValueTest.Equals e) {
      return longestPiece(List.of(encode.apply(e.needle())), safe);
    }
    if (t instanceof ValueTest.StartsWith s) {
      return longestPiece(List.of(encode.apply(s.needle())), safe);
    }
    if (t instanceof ValueTest.EndsWith e) {
      return longestPiece(List.of(encode.apply(e.needle())), safe);
    }
    if (t instanceof ValueTest.Contains c) {
      return longestPiece(List.of(encode.apply(c.needle())), safe);
    }
    if (t instanceof ValueTest.Wildcard w) {
      List<String> runs = new ArrayList<>();
      for (String r : w.glob().literalRuns()) {
        runs.add(encode.apply(r));
      }
      return longestPiece(runs, safe);
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
}
