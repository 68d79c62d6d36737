package org.idetunnelrisk.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Splits a byte stream into UTF-8 lines ({@code \n} or {@code \r\n}) with a byte bound per line, and applies
 * a {@link LineFilter} to each line's bytes before any decoding. A line over the bound is consumed to its end
 * but not kept: {@link #tooLong()} then says so.
 *
 * <p>How: the input is read in chunks of whole lines (a chunk ends after its last line feed; the partial line
 * after it starts the next chunk). Each chunk is split into lines and filtered as one task of an
 * {@link InOrderPool}, so on a machine with several cores the chunks ahead of the one being read are split
 * and filtered on helper threads, while lines are handed out strictly in input order. A line longer than a
 * chunk grows its chunk up to the bound; past the bound its bytes are dropped to its end. Memory: a few
 * chunks ({@value #CHUNK} bytes each) in flight plus the longest kept line. Not thread-safe: one thread
 * reads.
 */
final class ByteLineReader {
  /** Text {@link #readLine()} returns (by identity) for a non-empty line the filter rejected. */
  static final String SKIPPED = new String(new char[0]);

  static final int CHUNK = 128 * 1024;
  /** Chunks read ahead of the one being handed out. */
  private static final int AHEAD = 5;
  private static final byte KEEP = 0;
  private static final byte SKIP = 1;
  private static final byte TOO_LONG = 2;

  private final InputStream in;
  private final int maxBytes;
  private final InOrderPool pool = new InOrderPool("line-filter");
  private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
  private LineFilter filter;
  /** Lines at the start of the input returned whatever {@link #filter} says. */
  private long sample;
  private long skipped;
  private long lineNumber;
  private boolean tooLong;

  /** Bytes read after the last complete line of the last chunk, to start the next chunk with. */
  private byte[] carry = new byte[0];
  private int carryLength;
  private boolean eof;
  /** A read failed: thrown once every line before it was handed out. */
  private IOException failure;
  private Chunk current;
  private int next;

  ByteLineReader(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** Whole lines of the input, split and filtered by {@link #work()}. */
  private final class Chunk extends InOrderPool.Task {
    final byte[] data;
    final int length;
    /** A line over the bound whose bytes were dropped: the chunk is that one line. */
    final boolean overlong;
    int lines;
    int[] starts = new int[256];
    int[] ends = new int[256];
    byte[] verdicts = new byte[256];

    Chunk(byte[] data, int length, boolean overlong) {
      this.data = data;
      this.length = length;
      this.overlong = overlong;
    }

    @Override
    protected void work() {
      if (overlong) {
        add(0, 0, TOO_LONG);
        return;
      }
      LineFilter f = filter;
      int pos = 0;
      while (pos < length) {
        int nl = Bytes.indexOf(data, pos, length, (byte) '\n');
        int end = nl < 0 ? length : nl;
        int n = end > pos && data[end - 1] == '\r' ? end - 1 : end;
        byte verdict;
        if (n - pos > maxBytes || end - pos > maxBytes + 1) {
          verdict = TOO_LONG;
        } else if (f != null && n > pos && !f.candidate(data, pos, n)) {
          verdict = SKIP;
        } else {
          verdict = KEEP;
        }
        add(pos, n, verdict);
        pos = end + 1;
      }
    }

    private void add(int start, int end, byte verdict) {
      if (lines == starts.length) {
        starts = Arrays.copyOf(starts, lines * 2);
        ends = Arrays.copyOf(ends, lines * 2);
        verdicts = Arrays.copyOf(verdicts, lines * 2);
      }
      starts[lines] = start;
      ends[lines] = end;
      verdicts[lines] = verdict;
      lines++;
    }
  }

  /** The next line without its terminator, or null at the end of input. */
  String readLine() throws IOException {
    while (current == null || next == current.lines) {
      if (current != null) {
        recycle(current.data);
        current = null;
      }
      readAhead();
      Chunk c = (Chunk) pool.take();
      if (c == null) {
        if (failure != null) {
          IOException f = failure;
          failure = null;
          throw f;
        }
        return null;
      }
      current = c;
      next = 0;
    }
    int i = next++;
    lineNumber++;
    byte verdict = current.verdicts[i];
    tooLong = verdict == TOO_LONG;
    if (tooLong) {
      return "";
    }
    if (verdict == SKIP && lineNumber > sample) {
      skipped++;
      return SKIPPED;
    }
    int from = current.starts[i];
    return new String(current.data, from, current.ends[i] - from, StandardCharsets.UTF_8);
  }

  /**
   * The next line the filter did not reject (rejected ones are counted and passed over in a tight loop),
   * or null at the end of input: what a reader that ignores rejected lines calls, so the loop over millions
   * of them stays small for the compiler.
   */
  String readKeptLine() throws IOException {
    while (true) {
      Chunk c = current;
      if (c != null && lineNumber >= sample) {
        int i = next;
        while (i < c.lines && c.verdicts[i] == SKIP) {
          i++;
        }
        lineNumber += i - next;
        skipped += i - next;
        next = i;
      }
      String s = readLine();
      if (s != SKIPPED) {
        return s;
      }
    }
  }

  /** Reads chunks until {@value #AHEAD} wait in the pool or the input ends. */
  private void readAhead() {
    while (!eof && pool.waiting() < AHEAD) {
      try {
        readChunk();
      } catch (IOException e) {
        failure = e;
        eof = true;
      }
    }
  }

  /**
   * Reads one chunk: the carried partial line, then input until the buffer is full or the input has nothing
   * more ready (a pipe), and the chunk ends after its last line feed. A buffer holding no line feed grows (up
   * to the bound); a line past the bound is read to its end and submitted as an overlong chunk. When a read
   * fails, the whole lines read before it are submitted first.
   */
  private void readChunk() throws IOException {
    byte[] buf = buffer(Math.max(CHUNK, carryLength + carryLength / 2));
    System.arraycopy(carry, 0, buf, 0, carryLength);
    int len = carryLength;
    carryLength = 0;
    int searched = 0; // no line feed before this (a carry after an over-long line may hold some)
    while (true) {
      int r;
      try {
        r = in.read(buf, len, buf.length - len);
      } catch (IOException e) {
        int last = Bytes.lastIndexOf(buf, searched, len, (byte) '\n');
        if (last >= 0) {
          pool.submit(new Chunk(buf, last + 1, false));
        }
        throw e;
      }
      if (r < 0) {
        eof = true;
        if (len > 0) {
          pool.submit(new Chunk(buf, len, false));
        } else {
          recycle(buf);
        }
        return;
      }
      len += r;
      if (len < buf.length && in.available() > 0) {
        continue;
      }
      int last = Bytes.lastIndexOf(buf, searched, len, (byte) '\n');
      if (last >= 0) {
        keepCarry(buf, last + 1, len);
        pool.submit(new Chunk(buf, last + 1, false));
        return;
      }
      searched = len;
      if (len < buf.length) {
        continue;
      }
      long bound = maxBytes + 2L; // enough to tell "longer than the bound" even with a CR before the LF
      if (len >= bound) {
        recycle(buf);
        skipRestOfLine();
        pool.submit(new Chunk(new byte[0], 0, true));
        return;
      }
      buf = Arrays.copyOf(buf, (int) Math.min(bound, Math.min(Integer.MAX_VALUE - 16L, len * 2L)));
    }
  }

  /** Drops input to the end of an over-long line; what follows its line feed is carried. */
  private void skipRestOfLine() throws IOException {
    byte[] scratch = buffer(CHUNK);
    try {
      while (true) {
        int r = in.read(scratch, 0, scratch.length);
        if (r < 0) {
          eof = true;
          return;
        }
        int nl = Bytes.indexOf(scratch, 0, r, (byte) '\n');
        if (nl >= 0) {
          keepCarry(scratch, nl + 1, r);
          return;
        }
      }
    } finally {
      recycle(scratch);
    }
  }

  private void keepCarry(byte[] from, int start, int end) {
    carryLength = end - start;
    if (carry.length < carryLength) {
      carry = new byte[Math.max(carryLength, 1024)];
    }
    System.arraycopy(from, start, carry, 0, carryLength);
  }

  private byte[] buffer(int size) {
    byte[] b = size <= CHUNK ? spare.poll() : null;
    return b != null ? b : new byte[Math.max(size, CHUNK)];
  }

  private void recycle(byte[] b) {
    if (b.length == CHUNK && spare.size() < AHEAD + 2) {
      spare.add(b);
    }
  }

  /** From now on, lines {@code filter} rejects are returned as {@link #SKIPPED} without being decoded. */
  void filter(LineFilter filter) {
    filter(filter, 0);
  }

  /**
   * As {@link #filter(LineFilter)}, but the first {@code sample} lines of the input are returned whatever the
   * filter says (it is still asked, on the helper threads; only the verdict is ignored, in order, here).
   */
  void filter(LineFilter filter, int sample) {
    this.filter = filter;
    this.sample = sample;
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
    pool.close();
    in.close();
  }
}
