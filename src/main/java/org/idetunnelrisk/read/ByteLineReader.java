package org.idetunnelrisk.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

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
  private final BoundedBytes line;
  private long lineNumber;
  private boolean tooLong;
  private LineFilter filter;
  private long skipped;

  /** Text {@link #readLine()} returns (by identity) for a non-empty line the filter rejected. */
  static final String SKIPPED = new String(new char[0]);

  ByteLineReader(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
    this.line = new BoundedBytes(maxBytes);
  }

  /** The next line without its terminator, or null at the end of input. */
  String readLine() throws IOException {
    line.clear();
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
      line.append(buf, start, end - start);
      pos = end;
      if (end < limit) {
        pos++;
        break;
      }
    }
    lineNumber++;
    if (line.overflowed()) {
      tooLong = true;
      return "";
    }
    int len = line.length();
    byte[] bytes = line.bytes();
    int n = len > 0 && bytes[len - 1] == '\r' ? len - 1 : len;
    if (n > maxBytes) {
      tooLong = true;
      return "";
    }
    if (filter != null && n > 0 && !filter.candidate(bytes, 0, n)) {
      skipped++;
      return SKIPPED;
    }
    return new String(bytes, 0, n, StandardCharsets.UTF_8);
  }

  /** From now on, lines {@code filter} rejects are returned as {@link #SKIPPED} without being decoded. */
  void filter(LineFilter filter) {
    this.filter = filter;
  }

  /** How many lines the filter rejected. */
  long skipped() {
    return skipped;
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
