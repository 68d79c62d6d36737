package org.idetunnelrisk.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether any of a set of lower-case ASCII literals occurs in bytes, ASCII case-insensitively, reading
 * only some of the bytes: the Wu–Manber algorithm with three-byte blocks (hashed to 16 bits). A window as long as the shortest
 * literal (at most {@value #MAX_WINDOW}) slides along the input; the block at its end says, from a
 * shift table, how far it may jump without passing an occurrence; where the shift is zero the literals
 * whose window ends in that block are compared in full. Worth it when literals are long (a window of 6
 * reads about one byte in four); {@link LiteralAutomaton} reads every byte. Immutable and thread-safe.
 */
public final class SkipSearch {
  static final int MAX_WINDOW = 8;
  private static final byte[] FOLD = new byte[256];

  static {
    for (int c = 0; c < 256; c++) {
      FOLD[c] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
  }

  private final int window;
  private final List<String> literals;
  private final byte[] shift = new byte[1 << 16];
  /** Per block (at a zero shift): the literals whose window ends with it. */
  private final byte[][][] bucket = new byte[1 << 16][][];

  private SkipSearch(List<String> literals) {
    int m = MAX_WINDOW;
    for (String l : literals) {
      m = Math.min(m, l.length());
    }
    if (m < 3) {
      throw new IllegalArgumentException("literals shorter than 3 characters: use LiteralAutomaton");
    }
    this.window = m;
    this.literals = List.copyOf(literals);
    Arrays.fill(shift, (byte) (m - 2));
    for (String l : literals) {
      byte[] b = l.toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      for (int j = 2; j < m; j++) {
        int block = block(b[j - 2], b[j - 1], b[j]);
        shift[block] = (byte) Math.min(shift[block], m - 1 - j);
      }
      int last = block(b[m - 3], b[m - 2], b[m - 1]);
      byte[][] old = bucket[last];
      byte[][] nb = old == null ? new byte[1][] : Arrays.copyOf(old, old.length + 1);
      nb[nb.length - 1] = b;
      bucket[last] = nb;
    }
  }

  /** The 16-bit hash of three folded bytes. */
  private static int block(byte a, byte b, byte c) {
    return (((a & 0xff) << 10) ^ ((b & 0xff) << 5) ^ (c & 0xff)) & 0xffff;
  }

  /** A search for these literals; null when one is shorter than three characters (little to skip). */
  public static SkipSearch of(List<String> literals) {
    for (String l : literals) {
      if (l.length() < 3) {
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

  /** The shortest literal's length, capped at {@value #MAX_WINDOW}: the window. */
  public int window() {
    return window;
  }

  /** Whether any literal occurs in {@code b[from, to)}. */
  public boolean anyIn(byte[] b, int from, int to) {
    final byte[] fold = FOLD;
    final byte[] sh = shift;
    final int m = window;
    int pos = from + m - 1;
    // literals are ASCII, so a folded block of text equals a literal's block only where the bytes match
    while (pos < to) {
      int block = block(fold[b[pos - 2] & 0xff], fold[b[pos - 1] & 0xff], fold[b[pos] & 0xff]);
      int s = sh[block];
      if (s > 0) {
        pos += s;
        continue;
      }
      int start = pos - m + 1;
      for (byte[] lit : bucket[block]) {
        if (start + lit.length <= to && matchesAt(b, start, lit)) {
          return true;
        }
      }
      pos++;
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
