package org.idetunnelrisk.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether any of a set of lower-case ASCII literals occurs in bytes, ASCII case-insensitively, reading
 * only some of the bytes: sampled four-byte grams. With {@code m} the shortest literal's length, every
 * occurrence covers a four-byte gram that starts at one of the positions {@code from, from + s, from + 2s,
 * ...} for the stride {@code s = m - 3} (at most {@value #MAX_STRIDE}), at an offset below {@code s} into
 * the literal. So the search reads one gram every {@code s} bytes, looks its hash up in a table of the
 * literals' grams at those offsets (8 KB of bits, which stays in the L1 cache), and only where the bit is
 * set compares the literals that own it in full. The lookups do not depend on each other, unlike a
 * Boyer–Moore-style skip whose next position waits for the last table load. Immutable and thread-safe.
 *
 * <p>Grams are hashed with every byte's 0x20 bit set: a letter and its upper case hash alike, and so may
 * some other pairs of bytes (a false alarm, settled by the full comparison, which folds only A–Z).
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
  /** One bit per gram hash: set when some literal has a gram with that hash at an offset below the stride. */
  private final long[] bits = new long[(1 << HASH_BITS) / 64];
  /** Per gram hash with its bit set: {@code literal index * MAX_STRIDE + offset} of each owner. */
  private final int[][] owners = new int[1 << HASH_BITS][];

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
    for (int i = 0; i < bytes.length; i++) {
      for (int o = 0; o < stride; o++) {
        int h = hash(gram(bytes[i], o));
        bits[h >>> 6] |= 1L << h;
        int[] old = owners[h];
        int[] n = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
        n[n.length - 1] = i * MAX_STRIDE + o;
        owners[h] = n;
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
      int h = hash(((int) INTS.get(b, p)) | SET_0X20);
      if ((bt[h >>> 6] & (1L << h)) != 0 && verify(b, from, to, p, h)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a literal owning gram hash {@code h} at its offset starts at {@code p - offset} within the range. */
  private boolean verify(byte[] b, int from, int to, int p, int h) {
    for (int owner : owners[h]) {
      byte[] lit = bytes[owner / MAX_STRIDE];
      int start = p - owner % MAX_STRIDE;
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
