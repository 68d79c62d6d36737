package org.idetunnelrisk.read;

import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a reader's tasks (filtering a chunk of records) on helper threads while handing them back in the order
 * they were submitted. The thread that takes a task runs it itself when no helper has started it, and while
 * a helper finishes it runs later tasks no helper has started, so the taker never waits for work it could
 * do; with no helper (one core, or a small input) everything runs on the taker, in order. Helpers are started only once two tasks are waiting, so an input of one chunk
 * starts no thread. Helpers are daemon threads, stopped by {@link #close()}.
 *
 * <p>Tasks must not share mutable state with each other or with the taker while they run: a task's writes
 * are visible to the taker once {@link #take()} returns it (the task's latch orders them). One thread
 * submits and takes; helpers only run tasks.
 */
final class InOrderPool implements AutoCloseable {
  /** Most helper threads, whatever the core count: past that, the taker's own work bounds the speed. */
  static final int MAX_HELPERS = 3;

  /** Work a helper or the taker runs once. */
  abstract static class Task {
    private static final int NEW = 0;
    private static final int STARTED = 1;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private final CountDownLatch done = new CountDownLatch(1);
    private Throwable failure;

    /** The work; a throw is handed to the taker. */
    protected abstract void work();

    /** Runs the work unless another thread has started it. */
    final void runIfNew() {
      if (!state.compareAndSet(NEW, STARTED)) {
        return;
      }
      try {
        work();
      } catch (Throwable t) {
        failure = t;
      } finally {
        done.countDown();
      }
    }

    final boolean done() {
      return done.getCount() == 0;
    }

    final void awaitDone() {
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private final int helpers;
  private final String name;
  private final ArrayDeque<Task> order = new ArrayDeque<>();
  private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
  private Thread[] threads;

  /** A pool with one helper per core beyond the first, at most {@value #MAX_HELPERS}; {@code name} names the threads. */
  InOrderPool(String name) {
    this(name, Math.max(0, Math.min(MAX_HELPERS, Runtime.getRuntime().availableProcessors() - 1)));
  }

  InOrderPool(String name, int helpers) {
    this.name = name;
    this.helpers = helpers;
  }

  /** Queues a task; a helper may start it at once. */
  void submit(Task t) {
    order.add(t);
    if (threads == null && helpers > 0 && order.size() >= 2) {
      start();
      queue.addAll(order);
    } else if (threads != null) {
      queue.add(t);
    }
  }

  /** Tasks submitted and not yet taken. */
  int waiting() {
    return order.size();
  }

  /**
   * The oldest task not yet taken, done (run here if no helper had started it), or null when none is
   * waiting. A task that threw rethrows here: an unchecked exception or error as it was.
   */
  Task take() {
    Task t = order.poll();
    if (t == null) {
      return null;
    }
    t.runIfNew();
    // a helper has it: rather than wait, run later tasks no helper has started yet
    for (java.util.Iterator<Task> later = order.iterator(); !t.done() && later.hasNext(); ) {
      later.next().runIfNew();
    }
    t.awaitDone();
    Throwable f = t.failure;
    if (f instanceof RuntimeException re) {
      throw re;
    }
    if (f instanceof Error e) {
      throw e;
    }
    if (f != null) {
      throw new IllegalStateException(f);
    }
    return t;
  }

  private void start() {
    threads = new Thread[helpers];
    for (int i = 0; i < helpers; i++) {
      Thread th = new Thread(this::help, name + "-" + i);
      th.setDaemon(true);
      threads[i] = th;
      th.start();
    }
  }

  private void help() {
    try {
      while (true) {
        queue.take().runIfNew();
      }
    } catch (InterruptedException e) {
      // closed: stop
    }
  }

  /** Stops the helpers; tasks not taken are dropped. */
  @Override
  public void close() {
    if (threads != null) {
      for (Thread th : threads) {
        th.interrupt();
      }
    }
    order.clear();
    queue.clear();
  }
}
