package org.idetunnelrisk.app;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.idetunnelrisk.splunk.CheckpointException;
import org.idetunnelrisk.splunk.SplunkException;

/**
 * Writes batches on a background thread while the caller goes on reading and scoring rows: at most one
 * batch is being written at a time, and handing over the next waits until the last is done, so batches are
 * written in order and memory holds at most the batch being written plus the one being filled. A batch's
 * failure is thrown, as it was thrown, by the next {@link #submit} or by {@link #finish}. {@link #close}
 * waits for a write still running (so its checkpoint saves happen) and ends the thread. For one caller
 * thread.
 */
final class WriteAhead implements AutoCloseable {
  /** One batch's write. */
  @FunctionalInterface
  interface Batch {
    void write() throws IOException, SplunkException, CheckpointException;
  }

  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "ide-tunnel-risk-write-ahead");
    t.setDaemon(true);
    return t;
  });
  private Future<?> running;

  /** Waits for the batch being written, then starts writing this one. */
  void submit(Batch batch) throws IOException, SplunkException, CheckpointException {
    finish();
    running = thread.submit(() -> {
      batch.write();
      return null;
    });
  }

  /** Waits until nothing is being written; throws the last batch's failure, if any. */
  void finish() throws IOException, SplunkException, CheckpointException {
    Future<?> f = running;
    running = null;
    if (f == null) {
      return;
    }
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while risk events were being written");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SplunkException s) {
        throw s;
      }
      if (cause instanceof CheckpointException c) {
        throw c;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) cause;
    }
  }

  @Override
  public void close() {
    try {
      finish();
    } catch (IOException | SplunkException | CheckpointException | RuntimeException e) {
      // the caller is already failing; what the batch did is in the checkpoint
    } finally {
      thread.shutdown();
    }
  }
}
