package org.idetunnelrisk.literal;

/**
 * A set of small numbers (rule indexes, as the engine's gates tag their literals) as bits: numbers below 64
 * in one {@code long} (word 0, which is all of it for up to 64 rules), the others in an array of further
 * words, {@code more[w - 1]} holding word {@code w}, or null when there are none. Gates OR a literal's bits
 * into a row's marks without allocating when every number is below 64. Stateless.
 */
public final class TagBits {
  private TagBits() {}

  /** The bit of {@code tag} in word 0, or 0 when it lies in a further word. */
  public static long word0(int tag) {
    return tag < 64 ? 1L << tag : 0;
  }

  /** {@code more} (null: none yet) with {@code tag}'s bit set when it lies in a further word; returns the array. */
  public static long[] addMore(long[] more, int tag) {
    if (tag < 64) {
      return more;
    }
    int w = tag >>> 6;
    long[] m = more == null ? new long[w] : more.length < w ? java.util.Arrays.copyOf(more, w) : more;
    m[w - 1] |= 1L << tag;
    return m;
  }

  /** ORs {@code bits} (further words, or null) into {@code into} (null when the row has no further words). */
  public static void orMore(long[] into, long[] bits) {
    if (bits != null && into != null) {
      for (int i = 0; i < bits.length; i++) {
        into[i] |= bits[i];
      }
    }
  }

  /** Further words for tags {@code 0..count-1}: an array of {@code (count - 1) / 64} words, or null when count <= 64. */
  public static long[] moreFor(int count) {
    return count <= 64 ? null : new long[(count - 1) >>> 6];
  }
}
