package org.idetunnelrisk.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;

/**
 * A necessary condition of a detection: every row the detection matches satisfies it (it may hold on more).
 * Derived once per rule from the compiled {@link Matcher} tree when the {@link Rule} is built
 * ({@link Rule#necessary()}); everything that skips work before a rule is evaluated reads it: the SPL
 * pushdown ({@code spl/}), the engine's gates ({@link Engine}) and the byte prefilters ({@code prefilter/}).
 *
 * <p>Derivation: a field test with a literal (equals, starts with, ends with, contains, wildcard) is a
 * {@link Literal} on that field, a keyword with one a {@link Literal} with no field; {@code field|exists: true}
 * is {@link Present}, {@code field: null} is {@link Absent}; {@code all of} is {@link All} of its children's
 * conditions; {@code any of} is {@link Any} of them, or {@link Anything} as soon as one child has none; a constant
 * false, or an empty {@code any of}, is {@link #NEVER}; negations, regular expressions, CIDR, numeric and
 * field-reference tests give {@link Anything} (a necessary condition may always be weaker).
 *
 * <p>Readers see a literal through what they can look for: {@link Literal#piece} (the longest run of
 * characters a reader calls safe, as a format writes the needle) and {@link #alternatives} (literals one of
 * which holds whenever the condition does, the reader choosing among the parts of an {@link All}); a reader
 * that numbers what it looks for evaluates the condition with {@link #holds}, a literal it cannot look for
 * counting as holding, and an {@link Absent} as holding unless the reader saw the field with a value. Immutable
 * and thread-safe.
 */
public sealed interface Necessary {

  /** No condition: every row may pass. */
  record Anything() implements Necessary {}

  /**
   * Some value of {@code field} passes {@code test}, a literal test; a null field is a keyword, which the
   * engine tests on the raw text (or, with none, on every field). {@code leaf} numbers the rule's literals
   * from 0 in the order of {@link #literals()}.
   */
  record Literal(int leaf, String field, ValueTest test) implements Necessary {
    /**
     * What a reader can look for of this literal, or null when the needle has no run of safe characters:
     * the longest such run of the needle as {@code encode} writes it (a format's text for the value, such as
     * JSON's {@code \"} for a quote; it must map each character to a fixed text, so that a value holding the
     * needle is written holding the needle's encoding), lower-cased. Only ASCII characters are ever safe,
     * so case folding cannot move one in or out of a piece.
     */
    public Piece piece(IntPredicate safe, UnaryOperator<String> encode) {
      List<String> texts = new ArrayList<>();
      if (test instanceof ValueTest.Wildcard w) {
        for (String r : w.glob().literalRuns()) {
          texts.add(encode.apply(r));
        }
      } else {
        texts.add(encode.apply(needle(test)));
      }
      String text = longestRun(texts, safe);
      if (text == null) {
        return null;
      }
      String head = anchored(true, encode);
      String tail = anchored(false, encode);
      boolean atStart = head != null && head.regionMatches(true, 0, text, 0, text.length());
      boolean atEnd = tail != null && tail.length() >= text.length()
          && tail.regionMatches(true, tail.length() - text.length(), text, 0, text.length());
      boolean whole = test instanceof ValueTest.Equals && head.length() == text.length();
      return new Piece(text, atStart, atEnd, whole);
    }

    /** The encoded text every passing value starts ({@code start}) or ends with; null when none. */
    private String anchored(boolean start, UnaryOperator<String> encode) {
      String text;
      if (test instanceof ValueTest.Equals e) {
        text = e.needle();
      } else if (start && test instanceof ValueTest.StartsWith s) {
        text = s.needle();
      } else if (!start && test instanceof ValueTest.EndsWith e) {
        text = e.needle();
      } else if (test instanceof ValueTest.Wildcard w) {
        text = start ? w.glob().literalPrefix() : w.glob().literalSuffix();
      } else {
        return null;
      }
      return text == null ? null : encode.apply(text);
    }

    private static String needle(ValueTest t) {
      if (t instanceof ValueTest.Equals e) {
        return e.needle();
      }
      if (t instanceof ValueTest.StartsWith s) {
        return s.needle();
      }
      if (t instanceof ValueTest.EndsWith e) {
        return e.needle();
      }
      return ((ValueTest.Contains) t).needle();
    }
  }

  /**
   * What a reader looks for of a {@link Literal}: every passing value (as the reader's format writes it)
   * contains {@code text}, ASCII case-insensitively; when {@code atStart} it starts with it, when {@code atEnd}
   * it ends with it, when {@code whole} it is {@code text}.
   */
  record Piece(String text, boolean atStart, boolean atEnd, boolean whole) {}

  /** The field is present. */
  record Present(String field) implements Necessary {}

  /**
   * The field has no value, as {@link Matcher.FieldNull} reads it ({@code own}: the rule's own name for a
   * source field, read first; see {@link Row#values(String, String)}). {@code slot} numbers the rule's
   * absences from 0 in the order of {@link #absences()}. A reader that cannot tell counts it as holding.
   */
  record Absent(int slot, String field, String own) implements Necessary {}

  /** Every part holds. */
  record All(List<Necessary> parts) implements Necessary {
    public All {
      parts = List.copyOf(parts);
    }
  }

  /** Some part holds; with no part, none can ({@link #NEVER}). */
  record Any(List<Necessary> parts) implements Necessary {
    public Any {
      parts = List.copyOf(parts);
    }
  }

  Necessary ANYTHING = new Anything();
  Necessary NEVER = new Any(List.of());

  /** Characters of a piece of a value as the engine sees it: any printable ASCII character. */
  IntPredicate FIELD_SAFE = c -> c > 0x20 && c < 0x7f || c == ' ';

  /** The necessary condition of a detection. */
  static Necessary of(Matcher m) {
    return numbered(derive(m), new int[2]);
  }

  /** The condition with its literals numbered from {@code next[0]} on, its absences from {@code next[1]}, in the order they appear. */
  private static Necessary numbered(Necessary n, int[] next) {
    if (n instanceof Literal l) {
      return new Literal(next[0]++, l.field(), l.test());
    }
    if (n instanceof Absent a) {
      return new Absent(next[1]++, a.field(), a.own());
    }
    if (n instanceof All a) {
      List<Necessary> parts = new ArrayList<>();
      a.parts().forEach(p -> parts.add(numbered(p, next)));
      return new All(parts);
    }
    if (n instanceof Any a) {
      List<Necessary> parts = new ArrayList<>();
      a.parts().forEach(p -> parts.add(numbered(p, next)));
      return a.parts().isEmpty() ? NEVER : new Any(parts);
    }
    return n;
  }

  /** The condition of {@code m}, its literals not numbered yet. */
  private static Necessary derive(Matcher m) {
    if (m instanceof Matcher.Field f) {
      return literal(f.test()) ? new Literal(-1, f.field(), f.test()) : ANYTHING;
    }
    if (m instanceof Matcher.Keyword k) {
      return literal(k.test()) ? new Literal(-1, null, k.test()) : ANYTHING;
    }
    if (m instanceof Matcher.FieldExists e) {
      return e.expected() ? new Present(e.field()) : ANYTHING;
    }
    if (m instanceof Matcher.FieldNull n) {
      return new Absent(-1, n.field(), n.own());
    }
    if (m instanceof Matcher.Const c) {
      return c.value() ? ANYTHING : NEVER;
    }
    if (m instanceof Matcher.AllOf a) {
      List<Necessary> parts = new ArrayList<>();
      for (Matcher c : a.children()) {
        Necessary n = derive(c);
        if (!(n instanceof Anything)) {
          parts.add(n);
        }
      }
      return parts.isEmpty() ? ANYTHING : parts.size() == 1 ? parts.get(0) : new All(parts);
    }
    if (m instanceof Matcher.AnyOf o) {
      List<Necessary> parts = new ArrayList<>();
      boolean anything = false;
      for (Matcher c : o.children()) {
        Necessary n = derive(c);
        anything |= n instanceof Anything;
        parts.add(n);
      }
      return anything ? ANYTHING : parts.size() == 1 ? parts.get(0) : new Any(parts);
    }
    return ANYTHING;
  }

  private static boolean literal(ValueTest t) {
    return t instanceof ValueTest.Equals || t instanceof ValueTest.StartsWith || t instanceof ValueTest.EndsWith
        || t instanceof ValueTest.Contains || t instanceof ValueTest.Wildcard;
  }

  /** The disjunction of several conditions ({@link Anything} when any is, or the list is empty). */
  static Necessary anyOf(List<Necessary> conditions) {
    if (conditions.isEmpty()) {
      return ANYTHING;
    }
    for (Necessary n : conditions) {
      if (n instanceof Anything) {
        return ANYTHING;
      }
    }
    return conditions.size() == 1 ? conditions.get(0) : new Any(conditions);
  }

  /** The literals of the condition, in leaf order ({@code literals().get(i).leaf() == i}). */
  default List<Literal> literals() {
    List<Literal> out = leaves(this, Literal.class, new ArrayList<>());
    out.sort((a, b) -> Integer.compare(a.leaf(), b.leaf()));
    return out;
  }

  /** The absences of the condition, in slot order ({@code absences().get(i).slot() == i}). */
  default List<Absent> absences() {
    List<Absent> out = leaves(this, Absent.class, new ArrayList<>());
    out.sort((a, b) -> Integer.compare(a.slot(), b.slot()));
    return out;
  }

  /** The leaves of {@code n} of one kind, added to {@code out} in the order they appear. */
  private static <T extends Necessary> List<T> leaves(Necessary n, Class<T> kind, List<T> out) {
    if (kind.isInstance(n)) {
      out.add(kind.cast(n));
    } else if (n instanceof All a) {
      a.parts().forEach(p -> leaves(p, kind, out));
    } else if (n instanceof Any a) {
      a.parts().forEach(p -> leaves(p, kind, out));
    }
    return out;
  }

  /**
   * Whether the condition holds when literal {@code i} holds iff {@code found[atomOf[i]]}; a literal whose
   * atom is negative (one the reader cannot look for), {@link Present} and {@link Absent} count as holding.
   */
  default boolean holds(boolean[] found, int[] atomOf) {
    return holds(found, atomOf, 0L, null);
  }

  /**
   * {@link #holds(boolean[], int[])} where absence {@code i} fails iff the reader saw its field with a value:
   * bit {@code bitOf[i]} of {@code valued} is set (a negative bit, or no {@code bitOf}, is not seen).
   */
  default boolean holds(boolean[] found, int[] atomOf, long valued, int[] bitOf) {
    if (this instanceof Literal l) {
      int a = atomOf[l.leaf()];
      return a < 0 || found[a];
    }
    if (this instanceof Absent x) {
      int bit = bitOf == null ? -1 : bitOf[x.slot()];
      return bit < 0 || (valued & 1L << bit) == 0;
    }
    if (this instanceof All a) {
      for (Necessary p : a.parts()) {
        if (!p.holds(found, atomOf, valued, bitOf)) {
          return false;
        }
      }
      return true;
    }
    if (this instanceof Any a) {
      for (Necessary p : a.parts()) {
        if (p.holds(found, atomOf, valued, bitOf)) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  /**
   * Alternatives one of which holds whenever the condition does, as {@code option} turns each literal into
   * one (null: the literal cannot be looked for); null when there are none (the condition may hold on
   * anything), an empty list when it never holds. {@link Any} gives the union of its parts'; {@link All}
   * those of the part the reader prefers: a part's replace the best so far when {@code better(part's, best)}.
   */
  default <T> List<T> alternatives(Function<Literal, T> option, BiPredicate<List<T>, List<T>> better) {
    if (this instanceof Literal l) {
      T t = option.apply(l);
      return t == null ? null : List.of(t);
    }
    if (this instanceof All a) {
      List<T> best = null;
      for (Necessary p : a.parts()) {
        List<T> n = p.alternatives(option, better);
        if (n != null && (best == null || better.test(n, best))) {
          best = n;
        }
      }
      return best;
    }
    if (this instanceof Any a) {
      List<T> all = new ArrayList<>();
      for (Necessary p : a.parts()) {
        List<T> n = p.alternatives(option, better);
        if (n == null) {
          return null;
        }
        for (T x : n) {
          if (!all.contains(x)) {
            all.add(x);
          }
        }
      }
      return all;
    }
    return null;
  }

  /** The longest run of safe ASCII characters in any of the texts, lower-cased; null when there is none. */
  static String longestRun(List<String> texts, IntPredicate safe) {
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
