package org.idetunnelrisk.read;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Cuts a UTF-8 CSV byte stream into whole records (RFC 4180) without decoding it: a record ends at a line
 * feed outside quotes, so a quoted field's line breaks stay inside its record. Quotes are read as
 * {@link CsvReader} reads them: a quote opens a quoted field only at the start of a field (first byte of the
 * record, or right after a comma outside quotes), a doubled quote inside one is a literal quote, and a quote
 * anywhere else is a plain character. Every byte that matters here ({@code " , \n}) is ASCII, so no
 * multi-byte character can be mistaken for one. A leading UTF-8 byte order mark is dropped.
 *
 * <p>How: only line feeds and quotes change the state, so the cutter jumps from one to the next, looking at
 * eight bytes per step (a word-at-a-time test for either byte); a comma is looked at only as the byte before
 * a quote. A record that lies whole in the read buffer is handed out in place (not copied); one that spans
 * buffers is gathered in a bounded buffer.
 *
 * <p>After {@link #next()}: {@link #bytes()}{@code [}{@link #from()}{@code , from + }{@link #length()}{@code )}
 * is the record without its final line feed (a carriage return before it is kept), valid until the next call;
 * {@link #startLine()} the line it starts on, {@link #tooLong()} whether it was longer than the bound (then
 * its bytes may not be kept; it was read to its end), {@link #unclosed()} whether the input ended inside a
 * quoted field. Memory: the read buffer plus the longest kept record. Not thread-safe.
 */
final class CsvRecordCutter {
  /** Outside quotes. */
  private static final int OUT = 0;
  /** Inside a quoted field. */
  private static final int IN = 1;
  /** A quote was the last byte of the read buffer inside a quoted field: the next byte decides. */
  private static final int QUOTE_IN_QUOTED = 2;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long LFS = ONES * '\n';
  private static final long QUOTES = ONES * '"';

  private final InputStream in;
  private final int maxBytes;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int limit;
  private boolean started;
  private final BoundedBytes spill;
  /** Whether the current record is in {@link #spill} (it spanned read buffers). */
  private boolean spilled;
  private int recordFrom;
  private int recordLength;
  private long line = 1;
  private long startLine;
  private boolean unclosed;

  CsvRecordCutter(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
    this.spill = new BoundedBytes(maxBytes);
  }

  /** Reads the next record; false at the end of input. */
  boolean next() throws IOException {
    if (!started) {
      started = true;
      skipByteOrderMark();
    }
    startLine = line;
    spill.clear();
    spilled = false;
    unclosed = false;
    if (pos == limit && !fill()) {
      return false;
    }
    int state = OUT;
    // the record's byte before buf[chunk]; a comma stands for "no byte yet" (a field starts either way)
    byte before = ',';
    int from = pos;
    int chunk = pos;
    int i = pos;
    while (true) {
      if (state == QUOTE_IN_QUOTED && i < limit) {
        if (buf[i] == '"') {
          state = IN;
          i++;
        } else {
          state = OUT;
        }
      }
      int j = find(buf, i, limit);
      if (j == limit) {
        if (limit > chunk) {
          before = buf[limit - 1];
        }
        spill.append(buf, from, limit - from);
        spilled = true;
        if (!fill()) {
          unclosed = state == IN;
          recordFrom = 0;
          recordLength = spill.length();
          return true;
        }
        from = chunk = i = pos;
        continue;
      }
      if (buf[j] == '\n') {
        line++;
        if (state == IN) {
          i = j + 1;
          continue;
        }
        pos = j + 1;
        if (spilled) {
          spill.append(buf, from, j - from);
          recordFrom = 0;
          recordLength = spill.length();
        } else {
          recordFrom = from;
          recordLength = j - from;
        }
        return true;
      }
      // a quote
      if (state == IN) {
        if (j + 1 == limit) {
          state = QUOTE_IN_QUOTED;
        } else if (buf[j + 1] == '"') {
          j++;
        } else {
          state = OUT;
        }
      } else if ((j > chunk ? buf[j - 1] : before) == ',') {
        state = IN;
      }
      i = j + 1;
    }
  }

  /** The index of the first line feed or quote in {@code b[i, limit)}, or {@code limit}. */
  private static int find(byte[] b, int i, int limit) {
    while (i + 8 <= limit) {
      long w = (long) LONGS.get(b, i);
      long lf = w ^ LFS;
      long q = w ^ QUOTES;
      // a byte of lf or q is zero where w holds a line feed or a quote; the lowest flagged byte is exact
      long hit = ((lf - ONES) & ~lf | (q - ONES) & ~q) & HIGHS;
      if (hit != 0) {
        return i + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
      i += 8;
    }
    while (i < limit && b[i] != '\n' && b[i] != '"') {
      i++;
    }
    return i;
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

  /** The array holding the record, from {@link #from()}. */
  byte[] bytes() {
    return spilled ? spill.bytes() : buf;
  }

  int from() {
    return recordFrom;
  }

  int length() {
    return recordLength;
  }

  long startLine() {
    return startLine;
  }

  /** Whether the record was over the bound: its size not counting a final carriage return. */
  boolean tooLong() {
    if (spilled && spill.overflowed()) {
      return true;
    }
    int n = recordLength;
    return n - (n > 0 && bytes()[recordFrom + n - 1] == '\r' ? 1 : 0) > maxBytes;
  }

  boolean unclosed() {
    return unclosed;
  }

  /** Whether the record is a blank line (nothing, or a lone carriage return). */
  boolean blank() {
    if (spilled && spill.overflowed()) {
      return false;
    }
    int n = recordLength;
    return n == 0 || n == 1 && bytes()[recordFrom] == '\r';
  }

  void close() throws IOException {
    in.close();
  }
}
