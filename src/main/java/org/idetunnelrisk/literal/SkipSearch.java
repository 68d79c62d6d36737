package org.idetunnelrisk.literal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether any of a set of lower-case ASCII literals occurs in bytes, ASCII case-insensitively, reading
 * only some of the bytes: sampled four-byte grams. With {@code m} the shortest literal's length and the
 * stride {@code s = m - 3} (at most {@value #MAX_STRIDE}), each literal's occurrence covers, inside a chosen
 * window of {@code m} of its bytes, a four-byte gram that starts at one of the positions {@code from,
 * from + s, from + 2s, ...}, at one of {@code s} offsets into the window. So the search reads one gram every
 * {@code s} bytes and looks its hash up in a table of the windows' grams (8 KB of bits, which stays in the
 * L1 cache); only where the bit is set does it look the gram itself up (a small open-addressed table) and
 * compare the literals that own it in full. The lookups do not depend on each other, unlike a
 * Boyer–Moore-style skip whose next position waits for the last table load.
 *
 * <p>Which window of a literal longer than {@code m} is sampled does not change what is found, only how
 * often a gram of ordinary text asks for a comparison: each literal's window is the one made of the rarest
 * bytes ({@link #rarest}), so {@code windsurf.exe} is looked for through {@code surf.ex}, not through the
 * {@code wind} of every {@code Windows}.
 *
 * <p>Grams are compared with every byte's 0x20 bit set: a letter and its upper case give the same gram,
 * and so may some other pairs of bytes (a false alarm, settled by the full comparison, which folds only
 * A–Z). Immutable and thread-safe.
 */
public final class SkipSearch {
  static final int GRAM = 4;
  static final int MAX_STRIDE = 8;
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int SET_0X20 = 0x20202020;
  private static final int HASH_BITS = 16;
  private static final byte[] FOLD = new byte[256];

  static {
    for (int c = 0; c < 256; c++) {
      FOLD[c] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
  }

  private final List<String> literals;
  private final byte[][] bytes;
  private final int window;
  private final int stride;
  /** Per literal: where the window whose grams are sampled starts (the rarest window, see {@link #rarest}). */
  private final int[] windowAt;
  /** One bit per gram hash: set when some literal has a gram with that hash in its window, below the stride. */
  private final long[] bits = new long[(1 << HASH_BITS) / 64];
  /** The grams themselves, open-addressed by hash (0 for an empty slot: a gram always has its 0x20 bits set). */
  private final int[] grams;
  /** Per slot of {@link #grams}: its owners, {@code owners[ownerFrom[slot]..ownerFrom[slot + 1])}. */
  private final int[] ownerFrom;
  /** Per owner, grouped by slot: the literal's index, and the gram's offset from the literal's start. */
  private final int[] ownerLiteral;
  private final int[] ownerOffset;

  private SkipSearch(List<String> literals) {
    this.literals = List.copyOf(literals);
    this.bytes = new byte[literals.size()][];
    int m = Integer.MAX_VALUE;
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = literals.get(i).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
      m = Math.min(m, bytes[i].length);
    }
    this.window = m;
    this.stride = Math.min(MAX_STRIDE, m - GRAM + 1);
    this.windowAt = new int[bytes.length];
    int size = Integer.highestOneBit(Math.max(16, bytes.length * stride * 4) - 1) << 1;
    this.grams = new int[size];
    int[][] bySlot = new int[size][];
    for (int i = 0; i < bytes.length; i++) {
      windowAt[i] = rarest(bytes[i], m, stride);
      for (int o = windowAt[i]; o < windowAt[i] + stride; o++) {
        int g = gram(bytes[i], o);
        int h = hash(g);
        bits[h >>> 6] |= 1L << h;
        int slot = h & (size - 1);
        while (grams[slot] != 0 && grams[slot] != g) {
          slot = (slot + 1) & (size - 1);
        }
        grams[slot] = g;
        int[] old = bySlot[slot];
        int[] n = old == null ? new int[2] : Arrays.copyOf(old, old.length + 2);
        n[n.length - 2] = i;
        n[n.length - 1] = o;
        bySlot[slot] = n;
      }
    }
    this.ownerFrom = new int[size + 1];
    int total = 0;
    for (int slot = 0; slot < size; slot++) {
      ownerFrom[slot] = total;
      total += bySlot[slot] == null ? 0 : bySlot[slot].length / 2;
    }
    ownerFrom[size] = total;
    this.ownerLiteral = new int[total];
    this.ownerOffset = new int[total];
    for (int slot = 0; slot < size; slot++) {
      int[] pairs = bySlot[slot];
      for (int j = 0; pairs != null && j < pairs.length / 2; j++) {
        ownerLiteral[ownerFrom[slot] + j] = pairs[2 * j];
        ownerOffset[ownerFrom[slot] + j] = pairs[2 * j + 1];
      }
    }
  }

  private static int gram(byte[] b, int at) {
    return ((int) INTS.get(b, at)) | SET_0X20;
  }

  private static int hash(int gram) {
    return (gram * 0x9E3779B1) >>> (32 - HASH_BITS);
  }

  /**
   * Where in {@code lit} the window of {@code m} bytes starts whose sampled grams are rarest in ordinary
   * text, by a rough rank of how common each byte is (common letters and the space high, rare letters,
   * digits and punctuation low), so that {@code windsurf.exe} is searched by {@code surf.ex}, not by the
   * {@code wind} of every {@code Windows}. Any window finds every occurrence; the choice only saves work.
   */
  static int rarest(byte[] lit, int m, int stride) {
    int best = 0;
    int bestScore = Integer.MAX_VALUE;
    for (int w = 0; w + m <= lit.length; w++) {
      int score = 0;
      for (int o = w; o < w + stride; o++) {
        int gramScore = 0;
        for (int k = 0; k < GRAM; k++) {
          gramScore += commonness(lit[o + k]);
        }
        score = Math.max(score, gramScore);
      }
      if (score < bestScore) {
        bestScore = score;
        best = w;
      }
    }
    return best;
  }

  /** A rough rank of how often a lower-case ASCII byte appears in logs: 9 for the commonest, 1 for the rarest. */
  static int commonness(byte b) {
    char c = (char) b;
    if ("etaoinsr".indexOf(c) >= 0) {
      return 9;
    }
    if (c == ' ' || c == '\\' || c == '"' || c == ':') {
      return 8;
    }
    if ("hldcmuw".indexOf(c) >= 0) {
      return 7;
    }
    if ("fpgybv.".indexOf(c) >= 0 || c >= '0' && c <= '9') {
      return 5;
    }
    if ("kx-/".indexOf(c) >= 0) {
      return 3;
    }
    return 1;
  }

  /**
   * A search for these literals; null when there is none or one is shorter than {@value #GRAM} characters
   * (then there is little to skip: use {@link LiteralAutomaton}).
   */
  public static SkipSearch of(List<String> literals) {
    for (String l : literals) {
      if (l.length() < GRAM) {
        return null;
      }
      for (int i = 0; i < l.length(); i++) {
        if (l.charAt(i) >= 0x80) {
          throw new IllegalArgumentException("non-ASCII literal: " + l);
        }
      }
    }
    return literals.isEmpty() ? null : new SkipSearch(literals);
  }

  /** The literals searched for. */
  public List<String> literals() {
    return literals;
  }

  /** The shortest literal's length. */
  public int window() {
    return window;
  }

  /** Bytes between two sampled grams: the shortest literal's length less three, at most {@value #MAX_STRIDE}. */
  public int stride() {
    return stride;
  }

  /** Whether any literal occurs in {@code b[from, to)}. */
  public boolean anyIn(byte[] b, int from, int to) {
    final long[] bt = bits;
    final int s = stride;
    for (int p = from, last = to - GRAM; p <= last; p += s) {
      int g = ((int) INTS.get(b, p)) | SET_0X20;
      int h = hash(g);
      if ((bt[h >>> 6] & (1L << h)) != 0 && verify(b, from, to, p, g, h)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One step of {@link #anyIn}: whether a literal whose sampled window holds {@code gram} (the four bytes at
   * {@code p}, read little-endian, as the caller already holds them in a word) lies at that offset in {@code
   * b[from, to)}. A search that calls this for {@code p = from, from + stride(), ...} up to {@code to - 4}
   * answers as {@link #anyIn} does.
   */
  public boolean hitAt(byte[] b, int from, int to, int p, int gram) {
    int g = gram | SET_0X20;
    int h = hash(g);
    return (bits[h >>> 6] & (1L << h)) != 0 && verify(b, from, to, p, g, h);
  }

  /**
   * Whether some literal may occur in {@code text} as {@link LiteralAutomaton} reads text (a character
   * counts as its lower case when that is ASCII; any other non-ASCII character matches nothing): false
   * means none does; true asks for the automaton's answer. Reads one four-character gram per stride.
   */
  public boolean mayOccurIn(String text) {
    final long[] bt = bits;
    final int s = stride;
    for (int p = 0, last = text.length() - GRAM; p <= last; p += s) {
      int g = (LiteralAutomaton.unit(text.charAt(p)) | LiteralAutomaton.unit(text.charAt(p + 1)) << 8
          | LiteralAutomaton.unit(text.charAt(p + 2)) << 16 | LiteralAutomaton.unit(text.charAt(p + 3)) << 24) | SET_0X20;
      int h = hash(g);
      if ((bt[h >>> 6] & (1L << h)) != 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether a literal with gram {@code g} in its window starts, at that gram's offset, before {@code p}. */
  private boolean verify(byte[] b, int from, int to, int p, int g, int h) {
    int mask = grams.length - 1;
    int slot = h & mask;
    while (grams[slot] != g) {
      if (grams[slot] == 0) {
        return false; // another gram with the same hash bit
      }
      slot = (slot + 1) & mask;
    }
    for (int j = ownerFrom[slot], end = ownerFrom[slot + 1]; j < end; j++) {
      byte[] lit = bytes[ownerLiteral[j]];
      int start = p - ownerOffset[j];
      if (start >= from && start + lit.length <= to && matchesAt(b, start, lit)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAt(byte[] b, int start, byte[] lit) {
    for (int k = 0; k < lit.length; k++) {
      if (FOLD[b[start + k] & 0xff] != lit[k]) {
        return false;
      }
    }
    return true;
  }
}
