package org.idetunnelrisk.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.idetunnelrisk.literal.LiteralAutomaton;
import org.idetunnelrisk.literal.SkipSearch;
import org.idetunnelrisk.literal.TagBits;

/**
 * The literals of every rule on one field, checked against a value in as few steps as the literals allow:
 * whole-value and prefix literals walk a trie from the value's start, suffix literals a trie from its end
 * (each walk stops at the first character no literal continues with), and only literals that may sit
 * anywhere need a full {@link LiteralAutomaton} scan. ASCII case-insensitive; a non-ASCII character is
 * lower-cased first and, unless that gives ASCII, matches nothing. Each literal carries a tag (a rule
 * index) that {@link #mark} reports as a bit ({@link TagBits}). Immutable and thread-safe.
 */
final class FieldGate {
  private final Trie forward;
  private final Trie backward;
  private final LiteralAutomaton anywhere;
  /** Sampled grams of {@link #anywhere}'s literals: most long values are passed over without a scan; or null. */
  private final SkipSearch anywhereSkip;

  private FieldGate(Trie forward, Trie backward, LiteralAutomaton anywhere, SkipSearch anywhereSkip) {
    this.forward = forward;
    this.backward = backward;
    this.anywhere = anywhere;
    this.anywhereSkip = anywhereSkip;
  }

  /**
   * One alternative of a rule's gate: {@code field} (null: any field or the raw text, which no gate covers)
   * holds {@code piece} (lower-case ASCII), compared ASCII case-insensitively; where {@code anchor} says.
   */
  record Need(String field, String piece, Anchor anchor) {
    // written out rather than made from method handles at start-up (see sigma's CorrelationCompiler.Ref)
    @Override
    public boolean equals(Object o) {
      return o instanceof Need n && Objects.equals(n.field, field) && Objects.equals(n.piece, piece) && n.anchor == anchor;
    }

    @Override
    public int hashCode() {
      return Objects.hash(field, piece, anchor);
    }
  }

  /** Where in the value the piece must sit. */
  enum Anchor { NONE, EQUALS, START, END }

  /**
   * The needs one of which every row passing a rule with this necessary condition meets, or null when
   * there is no such set: {@link Necessary#alternatives} with pieces of any printable ASCII, and of an
   * {@code all of}, the part that is cheaper to test ({@link #better}).
   */
  static List<Need> needs(Necessary necessary) {
    return necessary.alternatives(FieldGate::need, FieldGate::better);
  }

  private static Need need(Necessary.Literal literal) {
    Necessary.Piece p = literal.piece(Necessary.FIELD_SAFE, UnaryOperator.identity());
    if (p == null) {
      return null;
    }
    Anchor anchor = p.whole() ? Anchor.EQUALS : p.atStart() ? Anchor.START : p.atEnd() ? Anchor.END : Anchor.NONE;
    return new Need(literal.field(), p.text(), anchor);
  }

  /**
   * Cheaper to test first (every alternative anchored and selective: a few steps per value, not a scan of
   * it), then fewer chances of passing: an impossible set, the longer shortest piece, fewer pieces. An
   * anchored test on a short value ({@code Initiated: 'true'}) is cheap but passes on a large share of rows,
   * so it does not win on being anchored.
   */
  static boolean better(List<Need> a, List<Need> b) {
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

  /** Builds the gate of one field from its needs, {@code tags.get(i)} belonging to {@code needs.get(i)}. */
  static FieldGate of(List<Need> needs, List<Integer> tags) {
    Trie fw = new Trie();
    Trie bw = new Trie();
    List<String> any = new ArrayList<>();
    List<Integer> anyTags = new ArrayList<>();
    for (int i = 0; i < needs.size(); i++) {
      Need n = needs.get(i);
      switch (n.anchor()) {
        case EQUALS: fw.add(n.piece(), tags.get(i), true); break;
        case START: fw.add(n.piece(), tags.get(i), false); break;
        case END: bw.add(new StringBuilder(n.piece()).reverse().toString(), tags.get(i), false); break;
        default:
          any.add(n.piece());
          anyTags.add(tags.get(i));
      }
    }
    return new FieldGate(fw.empty() ? null : fw, bw.empty() ? null : bw, any.isEmpty() ? null : LiteralAutomaton.of(any, anyTags),
        SkipSearch.of(any));
  }

  /**
   * The tags of every literal {@code value} holds where its need says: tags below 64 as the bits returned,
   * the others ORed into {@code more} ({@link TagBits}; null when every tag is below 64).
   */
  long mark(String value, long[] more) {
    long m = 0;
    if (forward != null) {
      m |= forward.walk(value, false, more);
    }
    if (backward != null) {
      m |= backward.walk(value, true, more);
    }
    if (anywhere != null && (anywhereSkip == null || anywhereSkip.mayOccurIn(value))) {
      m |= anywhere.markBits(value, more);
    }
    return m;
  }

  /** A trie over lower-case ASCII; each node may end prefix literals and whole literals (their tags, as bits). */
  private static final class Trie {
    private int[][] children = new int[1][];
    private long[] prefix0 = new long[1];
    private long[][] prefixMore = new long[1][];
    private long[] whole0 = new long[1];
    private long[][] wholeMore = new long[1][];
    private int size = 1;

    boolean empty() {
      return size == 1 && prefix0[0] == 0 && prefixMore[0] == null && whole0[0] == 0 && wholeMore[0] == null;
    }

    void add(String literal, int tag, boolean whole) {
      int node = 0;
      for (int i = 0; i < literal.length(); i++) {
        int c = literal.charAt(i);
        if (children[node] == null) {
          children[node] = new int[128];
        }
        int next = children[node][c];
        if (next == 0) {
          next = size++;
          if (next == children.length) {
            children = Arrays.copyOf(children, next * 2);
            prefix0 = Arrays.copyOf(prefix0, next * 2);
            prefixMore = Arrays.copyOf(prefixMore, next * 2);
            whole0 = Arrays.copyOf(whole0, next * 2);
            wholeMore = Arrays.copyOf(wholeMore, next * 2);
          }
          children[node][c] = next;
        }
        node = next;
      }
      if (whole) {
        whole0[node] |= TagBits.word0(tag);
        wholeMore[node] = TagBits.addMore(wholeMore[node], tag);
      } else {
        prefix0[node] |= TagBits.word0(tag);
        prefixMore[node] = TagBits.addMore(prefixMore[node], tag);
      }
    }

    long walk(String value, boolean fromEnd, long[] more) {
      long m = 0;
      int node = 0;
      int n = value.length();
      for (int k = 0; ; k++) {
        m |= prefix0[node];
        TagBits.orMore(more, prefixMore[node]);
        if (k == n) {
          TagBits.orMore(more, wholeMore[node]);
          return m | whole0[node];
        }
        int[] ch = children[node];
        if (ch == null) {
          return m;
        }
        char c = value.charAt(fromEnd ? n - 1 - k : k);
        int u;
        if (c < 0x80) {
          u = c >= 'A' && c <= 'Z' ? c + 32 : c;
        } else {
          char l = Character.toLowerCase(c);
          if (l >= 0x80) {
            return m;
          }
          u = l;
        }
        node = ch[u];
        if (node == 0) {
          return m;
        }
      }
    }
  }
}
