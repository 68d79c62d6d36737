package org.idetunnelrisk.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into UTF-8 lines ({@code \n} or {@code \r\n}) with a byte bound per line. A line
 * over the bound is consumed to its end but not kept: {@link #tooLong()} then says so. Memory is the read
 * buffer plus the longest kept line. Not thread-safe.
 */
final class ByteLineReader {
  private final InputStream in;
  private final int maxBytes;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int limit;
  private byte[] line = new byte[1024];
  private int len;
  private long lineNumber;
  private boolean tooLong;
  private LineFilter filter;
  private long skipped;

  /** Text {@link #readLine()} returns (by identity) for a non-empty line the filter rejected. */
  static final String SKIPPED = new String(new char[0]);

  ByteLineReader(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** The next line without its terminator, or null at the end of input. */
  String readLine() throws IOException {
    len = 0;
    tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        limit = in.read(buf, 0, buf.length);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          if (!any) {
            return null;
          }
          break;
        }
      }
      any = true;
      int start = pos;
      int end = start;
      while (end < limit && buf[end] != '\n') {
        end++;
      }
      keep(start, end - start);
      pos = end;
      if (end < limit) {
        pos++;
        break;
      }
    }
    lineNumber++;
    if (tooLong) {
      return "";
    }
    int n = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
    if (n > maxBytes) {
      tooLong = true;
      return "";
    }
    if (filter != null && n > 0 && !filter.candidate(line, 0, n)) {
      skipped++;
      return SKIPPED;
    }
    return new String(line, 0, n, StandardCharsets.UTF_8);
  }

  /** From now on, lines {@code filter} rejects are returned as {@link #SKIPPED} without being decoded. */
  void filter(LineFilter filter) {
    this.filter = filter;
  }

  /** How many lines the filter rejected. */
  long skipped() {
    return skipped;
  }

  private void keep(int from, int count) {
    if (tooLong || count == 0) {
      return;
    }
    // The terminator's \r is allowed past the bound so an exactly full CRLF line still fits.
    if ((long) len + count > maxBytes + 1L) {
      tooLong = true;
      len = 0;
      return;
    }
    if (len + count > line.length) {
      line = Arrays.copyOf(line, Math.max(len + count, Math.min(line.length * 2, maxBytes + 1)));
    }
    System.arraycopy(buf, from, line, len, count);
    len += count;
  }

  /** Whether the last line returned was over the bound (and returned as empty text). */
  boolean tooLong() {
    return tooLong;
  }

  /** The 1-based number of the last line returned. */
  long lineNumber() {
    return lineNumber;
  }

  void close() throws IOException {
    in.close();
  }
}
