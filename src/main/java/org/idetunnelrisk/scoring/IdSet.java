package org.idetunnelrisk.scoring;

import java.util.HashSet;
import java.util.Set;

/**
 * The risk-event ids a run has emitted, at 16 bytes an id (about a seventh of a {@code HashSet<String>}
 * entry) when the id is 32 lower-case hex digits, as {@code Engine} makes them; any other id is kept as its
 * text. Open addressing, at most half full. Not thread-safe.
 */
final class IdSet {
  private long[] hi = new long[64];
  private long[] lo = new long[64];
  private boolean[] used = new boolean[64];
  private int size;
  private final Set<String> others = new HashSet<>();

  /** Adds {@code id}; true when it was not there yet. */
  boolean add(String id) {
    if (!engineShaped(id)) {
      return others.add(id);
    }
    long h = hex(id, 0);
    long l = hex(id, 16);
    if ((size + 1) * 2 > used.length) {
      grow();
    }
    return put(h, l);
  }

  int size() {
    return size + others.size();
  }

  private boolean put(long h, long l) {
    int mask = used.length - 1;
    for (int i = slot(h, l, mask); ; i = (i + 1) & mask) {
      if (!used[i]) {
        used[i] = true;
        hi[i] = h;
        lo[i] = l;
        size++;
        return true;
      }
      if (hi[i] == h && lo[i] == l) {
        return false;
      }
    }
  }

  private static int slot(long h, long l, int mask) {
    long x = (h ^ l) * 0x9E3779B97F4A7C15L;
    return (int) (x >>> 40) & mask;
  }

  private void grow() {
    long[] oh = hi;
    long[] ol = lo;
    boolean[] ou = used;
    hi = new long[ou.length * 2];
    lo = new long[ou.length * 2];
    used = new boolean[ou.length * 2];
    size = 0;
    for (int i = 0; i < ou.length; i++) {
      if (ou[i]) {
        put(oh[i], ol[i]);
      }
    }
  }

  /** Whether {@code id} is 32 lower-case hex digits. */
  private static boolean engineShaped(String id) {
    if (id.length() != 32) {
      return false;
    }
    for (int i = 0; i < 32; i++) {
      char c = id.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** Sixteen lower-case hex digits at {@code from} as a long. */
  private static long hex(String s, int from) {
    long v = 0;
    for (int i = from; i < from + 16; i++) {
      char c = s.charAt(i);
      v = v << 4 | (c <= '9' ? c - '0' : c - 'a' + 10);
    }
    return v;
  }
}
