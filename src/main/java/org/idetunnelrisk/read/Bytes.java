package org.idetunnelrisk.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte searches eight bytes at a time (an exact per-byte zero test on a word). Stateless. */
final class Bytes {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long HIGHS = 0x8080808080808080L;

  private Bytes() {}

  /** The high bit of each byte of {@code w} that equals the byte whose eight copies {@code pattern} holds. */
  static long matches(long w, long pattern) {
    long x = w ^ pattern;
    return ~(((x & LOW7) + LOW7) | x) & HIGHS;
  }

  /** The first index of {@code target} in {@code b[from, to)}, or -1. */
  static int indexOf(byte[] b, int from, int to, byte target) {
    long pattern = ONES * (target & 0xff);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long m = matches((long) LONGS.get(b, i), pattern);
      if (m != 0) {
        return i + (Long.numberOfTrailingZeros(m) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == target) {
        return i;
      }
    }
    return -1;
  }

  /** The last index of {@code target} in {@code b[from, to)}, or -1. */
  static int lastIndexOf(byte[] b, int from, int to, byte target) {
    long pattern = ONES * (target & 0xff);
    int i = to;
    for (; i - 8 >= from; i -= 8) {
      long m = matches((long) LONGS.get(b, i - 8), pattern);
      if (m != 0) {
        return i - 8 + (63 - Long.numberOfLeadingZeros(m) >>> 3);
      }
    }
    for (i--; i >= from; i--) {
      if (b[i] == target) {
        return i;
      }
    }
    return -1;
  }
}
