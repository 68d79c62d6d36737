package org.idetunnelrisk.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The literals of every rule on one field, checked against a value in as few steps as the literals allow:
 * whole-value and prefix literals walk a trie from the value's start, suffix literals a trie from its end
 * (each walk stops at the first character no literal continues with), and only literals that may sit
 * anywhere need a full {@link LiteralAutomaton} scan. ASCII case-insensitive; a non-ASCII character is
 * lower-cased first and, unless that gives ASCII, matches nothing. Each literal carries a tag (a rule
 * index) that {@link #mark} sets. Immutable and thread-safe.
 */
final class FieldGate {
  private final Trie forward;
  private final Trie backward;
  private final LiteralAutomaton anywhere;

  private FieldGate(Trie forward, Trie backward, LiteralAutomaton anywhere) {
    this.forward = forward;
    this.backward = backward;
    this.anywhere = anywhere;
  }

  /** Builds the gate of one field from its needs, {@code tags.get(i)} belonging to {@code needs.get(i)}. */
  static FieldGate of(List<RequiredLiterals.Need> needs, List<Integer> tags) {
    Trie fw = new Trie();
    Trie bw = new Trie();
    List<String> any = new ArrayList<>();
    List<Integer> anyTags = new ArrayList<>();
    for (int i = 0; i < needs.size(); i++) {
      RequiredLiterals.Need n = needs.get(i);
      switch (n.anchor()) {
        case EQUALS: fw.add(n.piece(), tags.get(i), true); break;
        case START: fw.add(n.piece(), tags.get(i), false); break;
        case END: bw.add(new StringBuilder(n.piece()).reverse().toString(), tags.get(i), false); break;
        default:
          any.add(n.piece());
          anyTags.add(tags.get(i));
      }
    }
    return new FieldGate(fw.empty() ? null : fw, bw.empty() ? null : bw, any.isEmpty() ? null : LiteralAutomaton.of(any, anyTags));
  }

  /** Sets {@code marks[tag]} for every literal {@code value} holds where its need says. */
  void mark(String value, boolean[] marks) {
    if (forward != null) {
      forward.walk(value, false, marks);
    }
    if (backward != null) {
      backward.walk(value, true, marks);
    }
    if (anywhere != null) {
      anywhere.mark(value, marks);
    }
  }

  /** A trie over lower-case ASCII; each node may end prefix literals (tags) and whole literals (tags). */
  private static final class Trie {
    private int[][] children = new int[1][];
    private int[][] prefixTags = new int[1][];
    private int[][] wholeTags = new int[1][];
    private int size = 1;

    boolean empty() {
      return size == 1 && prefixTags[0] == null && wholeTags[0] == null;
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
            prefixTags = Arrays.copyOf(prefixTags, next * 2);
            wholeTags = Arrays.copyOf(wholeTags, next * 2);
          }
          children[node][c] = next;
        }
        node = next;
      }
      if (whole) {
        wholeTags[node] = append(wholeTags[node], tag);
      } else {
        prefixTags[node] = append(prefixTags[node], tag);
      }
    }

    private static int[] append(int[] a, int x) {
      if (a == null) {
        return new int[] {x};
      }
      int[] b = Arrays.copyOf(a, a.length + 1);
      b[a.length] = x;
      return b;
    }

    void walk(String value, boolean fromEnd, boolean[] marks) {
      int node = 0;
      int n = value.length();
      for (int k = 0; ; k++) {
        int[] pt = prefixTags[node];
        if (pt != null) {
          for (int t : pt) {
            marks[t] = true;
          }
        }
        if (k == n) {
          int[] wt = wholeTags[node];
          if (wt != null) {
            for (int t : wt) {
              marks[t] = true;
            }
          }
          return;
        }
        int[] ch = children[node];
        if (ch == null) {
          return;
        }
        char c = value.charAt(fromEnd ? n - 1 - k : k);
        int u;
        if (c < 0x80) {
          u = c >= 'A' && c <= 'Z' ? c + 32 : c;
        } else {
          char l = Character.toLowerCase(c);
          if (l >= 0x80) {
            return;
          }
          u = l;
        }
        node = ch[u];
        if (node == 0) {
          return;
        }
      }
    }
  }
}
