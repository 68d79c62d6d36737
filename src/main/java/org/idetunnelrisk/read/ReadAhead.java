package org.idetunnelrisk.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An input stream that reads its source ahead on a thread of its own, so that making the bytes (inflating
 * gzip) overlaps using them (cutting and filtering records): the reading thread hands over blocks of up to
 * {@value #BLOCK} bytes through a queue, and at most {@value #BLOCKS} blocks exist, reused (memory is fixed).
 *
 * <p>A failure of the source (an {@link IOException}, or an {@link InputException} such as corrupt gzip) is
 * thrown by {@link #read} after every byte read before it, as the source would have thrown it, and again on
 * each later read. {@link #close()} stops the reading thread, waits for it, then closes the source; it is
 * meant for sources that never block for long (files), since a read in progress is waited for.
 * One consuming thread; {@link #close()} from that thread.
 */
final class ReadAhead extends InputStream {
  static final int BLOCK = 32 * 1024;
  static final int BLOCKS = 4;

  /** A block of bytes, the end of input ({@code length < 0}), or a failure. */
  private record Block(byte[] bytes, int length, Throwable failure) {}

  private final InputStream source;
  private final BlockingQueue<Block> full = new ArrayBlockingQueue<>(BLOCKS + 1);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BLOCKS);
  private final Thread thread;
  private volatile boolean closed;
  // consumer's side
  private Block current;
  private int pos;
  private Block last;

  ReadAhead(InputStream source, String name) {
    this.source = source;
    for (int i = 0; i < BLOCKS; i++) {
      free.add(new byte[BLOCK]);
    }
    this.thread = new Thread(this::produce, "read-ahead " + name);
    thread.setDaemon(true);
    thread.start();
  }

  private void produce() {
    try {
      while (!closed) {
        byte[] b = free.take();
        int n;
        try {
          n = source.read(b, 0, b.length);
        } catch (IOException | RuntimeException | Error e) {
          full.put(new Block(null, 0, e));
          return;
        }
        if (n < 0) {
          full.put(new Block(null, -1, null));
          return;
        }
        full.put(new Block(b, n, null));
      }
    } catch (InterruptedException e) {
      // closed: nobody reads any more
    }
  }

  @Override
  public int read() throws IOException {
    if (!ready()) {
      return -1;
    }
    return current.bytes()[pos++] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!ready()) {
      return -1;
    }
    int n = Math.min(len, current.length() - pos);
    System.arraycopy(current.bytes(), pos, b, off, n);
    pos += n;
    return n;
  }

  /** Makes {@link #current} hold an unread byte; false at the end of input. */
  private boolean ready() throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    while (current == null || pos == current.length()) {
      if (current != null) {
        free.add(current.bytes());
        current = null;
      }
      if (last != null) {
        return end(last);
      }
      Block k;
      try {
        k = full.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for input");
      }
      if (k.bytes() == null) {
        last = k;
        return end(k);
      }
      current = k;
      pos = 0;
    }
    return true;
  }

  /** False at the end of input; throws the source's failure again. */
  private static boolean end(Block k) throws IOException {
    Throwable t = k.failure();
    if (t == null) {
      return false;
    }
    if (t instanceof IOException io) {
      throw io;
    }
    if (t instanceof RuntimeException re) {
      throw re;
    }
    throw (Error) t;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    thread.interrupt();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    source.close();
  }
}
