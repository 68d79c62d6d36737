package org.idetunnelrisk.splunk;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body that fails when no byte arrives for {@code idle}: java.net.http's request timeout bounds
 * only the wait for the headers, so a search export that stalls mid-stream would otherwise hold the modular
 * input for ever. A watchdog on one shared daemon thread closes the body when it has been idle too long,
 * which unblocks the reader; the read then fails with {@link IdleTimeout}. Not thread-safe for reading.
 */
final class IdleTimeoutStream extends FilterInputStream {
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "ide-tunnel-risk-export-watchdog");
    t.setDaemon(true);
    return t;
  });

  /** The body was closed because it was idle for too long. */
  static final class IdleTimeout extends InterruptedIOException {
    IdleTimeout(String message) {
      super(message);
    }
  }

  private final long idleNanos;
  private final String idleText;
  private final ScheduledFuture<?> check;
  private volatile long lastProgress = System.nanoTime();
  private volatile boolean timedOut;

  IdleTimeoutStream(InputStream in, Duration idle) {
    super(in);
    this.idleNanos = idle.toNanos();
    this.idleText = idle.toMillis() + " ms";
    long period = Math.max(10, idle.toMillis() / 4);
    this.check = WATCHDOG.scheduleAtFixedRate(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
  }

  private void checkIdle() {
    if (System.nanoTime() - lastProgress > idleNanos) {
      timedOut = true;
      check.cancel(false);
      try {
        in.close();
      } catch (IOException e) {
        // closing is all we can do; the reader sees the timeout either way
      }
    }
  }

  @Override
  public int read() throws IOException {
    try {
      int b = super.read();
      lastProgress = System.nanoTime();
      return b;
    } catch (IOException e) {
      throw timedOut ? new IdleTimeout("no data for " + idleText) : e;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      int n = super.read(b, off, len);
      lastProgress = System.nanoTime();
      if (n < 0 && timedOut) {
        throw new IdleTimeout("no data for " + idleText);
      }
      return n;
    } catch (IdleTimeout e) {
      throw e;
    } catch (IOException e) {
      throw timedOut ? new IdleTimeout("no data for " + idleText) : e;
    }
  }

  @Override
  public void close() throws IOException {
    check.cancel(false);
    super.close();
  }
}
