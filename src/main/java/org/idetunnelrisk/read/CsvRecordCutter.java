package org.idetunnelrisk.read;

import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts a UTF-8 CSV byte stream into whole records (RFC 4180) without decoding it: a record ends at a line
 * feed outside quotes, so a quoted field's line breaks stay inside its record. Quotes are read as
 * {@link CsvReader} reads them: a quote opens a quoted field only at the start of a field, a doubled quote
 * inside one is a literal quote, and a quote anywhere else is a plain character. Every byte that matters
 * here ({@code " , \n}) is ASCII, so no multi-byte character can be mistaken for one. A leading UTF-8 byte
 * order mark is dropped.
 *
 * <p>After {@link #next()}: {@link #bytes()}{@code [0, }{@link #length()}{@code )} is the record without its
 * final line feed (a carriage return before it is kept), {@link #startLine()} the line it starts on,
 * {@link #tooLong()} whether it was longer than the bound (then its bytes are not kept; it was read to its
 * end), {@link #unclosed()} whether the input ended inside a quoted field. Memory: the read buffer plus
 * the longest kept record. Not thread-safe.
 */
final class CsvRecordCutter {
  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  /** A quote seen inside a quoted field: it closes the field, unless another quote follows at once. */
  private static final int QUOTE_IN_QUOTED = 3;

  private final InputStream in;
  private final int maxBytes;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int limit;
  private boolean started;
  private final BoundedBytes record;
  private long line = 1;
  private long startLine;
  private boolean unclosed;

  CsvRecordCutter(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
    this.record = new BoundedBytes(maxBytes);
  }

  /** Reads the next record; false at the end of input. */
  boolean next() throws IOException {
    if (!started) {
      started = true;
      skipByteOrderMark();
    }
    startLine = line;
    record.clear();
    unclosed = false;
    int state = FIELD_START;
    boolean any = false;
    while (true) {
      if (pos == limit && !fill()) {
        if (!any) {
          return false;
        }
        unclosed = state == QUOTED;
        return true;
      }
      any = true;
      int from = pos;
      int i = pos;
      boolean end = false;
      while (i < limit) {
        byte b = buf[i++];
        if (b == '\n') {
          line++;
          if (state != QUOTED) {
            end = true;
            break;
          }
        } else if (b == '"') {
          state = switch (state) {
            case FIELD_START -> QUOTED;
            case QUOTED -> QUOTE_IN_QUOTED;
            case QUOTE_IN_QUOTED -> QUOTED;
            default -> UNQUOTED;
          };
        } else if (b == ',') {
          if (state != QUOTED) {
            state = FIELD_START;
          }
        } else if (state == FIELD_START || state == QUOTE_IN_QUOTED) {
          state = UNQUOTED;
        }
      }
      pos = i;
      record.append(buf, from, end ? i - 1 - from : i - from);
      if (end) {
        return true;
      }
    }
  }

  private void skipByteOrderMark() throws IOException {
    if (pos == limit && !fill()) {
      return;
    }
    // The mark is three bytes; the read buffer holds at least that much unless the input is shorter.
    while (limit - pos < 3) {
      int n = in.read(buf, limit, buf.length - limit);
      if (n <= 0) {
        break;
      }
      limit += n;
    }
    if (limit - pos >= 3 && (buf[pos] & 0xFF) == 0xEF && (buf[pos + 1] & 0xFF) == 0xBB
        && (buf[pos + 2] & 0xFF) == 0xBF) {
      pos += 3;
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    pos = 0;
    limit = Math.max(n, 0);
    return n > 0;
  }

  byte[] bytes() {
    return record.bytes();
  }

  int length() {
    return record.length();
  }

  long startLine() {
    return startLine;
  }

  /** Whether the record was over the bound: its size not counting a final carriage return. */
  boolean tooLong() {
    int n = record.length();
    return record.overflowed() || n - (n > 0 && record.bytes()[n - 1] == '\r' ? 1 : 0) > maxBytes;
  }

  boolean unclosed() {
    return unclosed;
  }

  /** Whether the record is a blank line (nothing, or a lone carriage return). */
  boolean blank() {
    int n = record.length();
    return !record.overflowed() && (n == 0 || n == 1 && record.bytes()[0] == '\r');
  }

  void close() throws IOException {
    in.close();
  }
}
