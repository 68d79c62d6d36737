package org.idetunnelrisk.literal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Finds many lower-case ASCII literals at once, ASCII case-insensitively, in one pass over text or bytes:
 * an Aho–Corasick automaton compiled to a full transition table (one entry per state and byte class), so
 * each input unit costs two table loads. Each literal carries a tag (for the engine: the rules it gates); a scan reports
 * the tags of every literal found.
 *
 * <p>Non-ASCII input never takes part in a match: a byte of 0x80 or more returns to the start state, and a
 * {@code char} outside ASCII is first lower-cased with {@link Character#toLowerCase(char)} (so the Kelvin
 * sign still counts as {@code k}). Immutable and thread-safe.
 */
public final class LiteralAutomaton {
  /**
   * Transitions over byte classes (bytes no literal uses share class 0, and a letter shares its class with
   * its upper case), so the table stays small enough for the cache: {@code next[state * stride + class]} is
   * the next state times {@code stride}, so a step is two loads and one add. States are numbered so that
   * every accepting state is {@code >= acceptFrom} (times stride).
   */
  private final int[] next;
  private final byte[] classOf;
  private final int stride;
  /** Per state: the tags of the literals ending there (own or through the failure chain), or null. */
  private final int[][] tags;
  /** Per state, the same tags as bits ({@link TagBits}): word 0, and further words or null. */
  private final long[] tagBits0;
  private final long[][] tagBitsMore;
  private final int acceptFrom;

  /**
   * @param plainNext transitions over byte classes in build numbering: {@code plainNext[s * classes + cl]}
   * @param plainTags per state in build numbering, the tags ending there, or null
   */
  private LiteralAutomaton(int[] plainNext, int[][] plainTags, byte[] classOf, int classes) {
    int n = plainTags.length;
    int[] newId = new int[n];
    int k = 0;
    for (int s = 0; s < n; s++) {
      if (plainTags[s] == null) {
        newId[s] = k++;
      }
    }
    int nonAccepting = k;
    for (int s = 0; s < n; s++) {
      if (plainTags[s] != null) {
        newId[s] = k++;
      }
    }
    this.classOf = classOf;
    this.stride = classes;
    this.acceptFrom = nonAccepting * stride;
    // the start state is never accepting (no empty literal), and keeps number 0
    this.next = new int[n * stride];
    this.tags = new int[n][];
    this.tagBits0 = new long[n];
    this.tagBitsMore = new long[n][];
    for (int s = 0; s < n; s++) {
      tags[newId[s]] = plainTags[s];
      for (int t : plainTags[s] == null ? new int[0] : plainTags[s]) {
        tagBits0[newId[s]] |= TagBits.word0(t);
        tagBitsMore[newId[s]] = TagBits.addMore(tagBitsMore[newId[s]], t);
      }
      for (int cl = 0; cl < classes; cl++) {
        next[newId[s] * stride + cl] = newId[plainNext[s * classes + cl]] * stride;
      }
    }
  }

  /**
   * Builds from literals and their tags ({@code tags.get(i)} belongs to {@code literals.get(i)}). Byte
   * classes: each character some literal holds (lower case) gets its own class, shared with its upper case;
   * every other byte is class 0, which leads every state back to the start. The automaton is built over
   * classes from the outset, so building costs states times classes, not states times 256.
   */
  public static LiteralAutomaton of(List<String> literals, List<Integer> tagOf) {
    List<String> lower = new ArrayList<>(literals.size());
    boolean[] used = new boolean[0x80];
    for (String l : literals) {
      String lit = l.toLowerCase(Locale.ROOT);
      if (lit.isEmpty()) {
        throw new IllegalArgumentException("empty literal");
      }
      for (int k = 0; k < lit.length(); k++) {
        char c = lit.charAt(k);
        if (c >= 0x80) {
          throw new IllegalArgumentException("non-ASCII literal: " + lit);
        }
        used[c] = true;
      }
      lower.add(lit);
    }
    byte[] classOf = new byte[256];
    int classes = 1;
    for (int c = 0; c < 0x80; c++) {
      if (used[c]) {
        if (classes > 127) {
          throw new IllegalStateException("more than 127 byte classes");
        }
        classOf[c] = (byte) classes++;
      }
    }
    for (int c = 'A'; c <= 'Z'; c++) {
      classOf[c] = classOf[c + 32];
    }
    List<int[]> gotos = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    gotos.add(newRow(classes));
    out.add(new ArrayList<>());
    for (int i = 0; i < lower.size(); i++) {
      String lit = lower.get(i);
      int s = 0;
      for (int k = 0; k < lit.length(); k++) {
        int cl = classOf[lit.charAt(k)];
        int t = gotos.get(s)[cl];
        if (t < 0) {
          t = gotos.size();
          gotos.add(newRow(classes));
          out.add(new ArrayList<>());
          gotos.get(s)[cl] = t;
        }
        s = t;
      }
      if (!out.get(s).contains(tagOf.get(i))) {
        out.get(s).add(tagOf.get(i));
      }
    }
    int n = gotos.size();
    int[] fail = new int[n];
    int[] next = new int[n * classes];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int cl = 1; cl < classes; cl++) {
      int t = gotos.get(0)[cl];
      next[cl] = t < 0 ? 0 : t;
      if (t > 0) {
        queue.add(t);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      for (int x : out.get(fail[s])) {
        if (!out.get(s).contains(x)) {
          out.get(s).add(x);
        }
      }
      for (int cl = 1; cl < classes; cl++) {
        int t = gotos.get(s)[cl];
        if (t > 0) {
          fail[t] = next[fail[s] * classes + cl];
          queue.add(t);
          next[s * classes + cl] = t;
        } else {
          next[s * classes + cl] = next[fail[s] * classes + cl];
        }
      }
    }
    int[][] tags = new int[n][];
    for (int s = 0; s < n; s++) {
      List<Integer> o = out.get(s);
      if (!o.isEmpty()) {
        int[] t = new int[o.size()];
        for (int j = 0; j < t.length; j++) {
          t[j] = o.get(j);
        }
        Arrays.sort(t);
        tags[s] = t;
      }
    }
    return new LiteralAutomaton(next, tags, classOf, classes);
  }

  /** Builds from literals with no tags of interest (every literal tagged 0). */
  public static LiteralAutomaton of(List<String> literals) {
    return of(literals, new ArrayList<>(java.util.Collections.nCopies(literals.size(), 0)));
  }

  private static int[] newRow(int classes) {
    int[] r = new int[classes];
    Arrays.fill(r, -1);
    return r;
  }

  /** Whether any literal occurs in {@code b[from, to)}. */
  public boolean anyIn(byte[] b, int from, int to) {
    final int[] nx = next;
    final byte[] cls = classOf;
    final int acc = acceptFrom;
    int s = 0;
    for (int i = from; i < to; i++) {
      s = nx[s + cls[b[i] & 0xff]];
      if (s >= acc) {
        return true;
      }
    }
    return false;
  }

  /** Sets {@code marks[tag]} for every literal in {@code b[from, to)}; returns whether there was any. */
  public boolean mark(byte[] b, int from, int to, boolean[] marks) {
    boolean[] any = {false};
    forEach(b, from, to, (tag, end) -> {
      marks[tag] = true;
      any[0] = true;
    });
    return any[0];
  }

  /** Receives each occurrence a scan finds. */
  @FunctionalInterface
  public interface Occurrence {
    /** Literal tagged {@code tag} ends at {@code b[end]} (inclusive). */
    void at(int tag, int end);
  }

  /** Reports every occurrence of every literal in {@code b[from, to)}, in order of where they end. */
  public void forEach(byte[] b, int from, int to, Occurrence sink) {
    final int[] nx = next;
    final byte[] cls = classOf;
    final int acc = acceptFrom;
    int s = 0;
    for (int i = from; i < to; i++) {
      s = nx[s + cls[b[i] & 0xff]];
      if (s >= acc) {
        for (int x : tags[s / stride]) {
          sink.at(x, i);
        }
      }
    }
  }

  /** Whether any literal occurs in {@code text}. */
  public boolean anyIn(String text) {
    final int[] nx = next;
    final byte[] cls = classOf;
    final int acc = acceptFrom;
    int s = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      s = nx[s + cls[unit(text.charAt(i))]];
      if (s >= acc) {
        return true;
      }
    }
    return false;
  }

  /**
   * The tags of every literal that occurs in {@code text}: tags below 64 as the bits returned, the others
   * ORed into {@code more} ({@link TagBits}; null when every tag is below 64).
   */
  public long markBits(String text, long[] more) {
    final int[] nx = next;
    final byte[] cls = classOf;
    final int acc = acceptFrom;
    long m = 0;
    int s = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      s = nx[s + cls[unit(text.charAt(i))]];
      if (s >= acc) {
        int state = s / stride;
        m |= tagBits0[state];
        TagBits.orMore(more, tagBitsMore[state]);
      }
    }
    return m;
  }

  /** The table column for one char: itself when ASCII, its lower case when that is ASCII, else a reset (0x80). */
  static int unit(char c) {
    if (c < 0x80) {
      return c;
    }
    char l = Character.toLowerCase(c);
    return l < 0x80 ? l : 0x80;
  }
}
