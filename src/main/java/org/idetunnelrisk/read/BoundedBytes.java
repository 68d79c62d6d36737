package org.idetunnelrisk.read;

import java.util.Arrays;

/**
 * A growable byte buffer with a bound: the bytes of one line or record gathered from successive read
 * buffers. Past the bound (plus one byte of slack, so a CRLF ending's carriage return still fits) nothing
 * more is kept and {@link #overflowed()} says so until {@link #clear()}. Memory: the longest kept run, at
 * most the bound plus one. Not thread-safe.
 */
final class BoundedBytes {
  private final int maxBytes;
  private byte[] bytes = new byte[1024];
  private int length;
  private boolean overflowed;

  BoundedBytes(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  void clear() {
    length = 0;
    overflowed = false;
  }

  /** Appends {@code from[at, at + count)} unless the bound is passed (then drops everything kept). */
  void append(byte[] from, int at, int count) {
    if (overflowed || count == 0) {
      return;
    }
    if ((long) length + count > maxBytes + 1L) {
      overflowed = true;
      length = 0;
      return;
    }
    if (length + count > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(length + count, Math.min(bytes.length * 2, maxBytes + 1)));
    }
    System.arraycopy(from, at, bytes, length, count);
    length += count;
  }

  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }

  boolean overflowed() {
    return overflowed;
  }
}
