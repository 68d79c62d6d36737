package org.idetunnelrisk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap a stretch of work keeps, garbage aside: the most heap in use after any collection between
 * {@link #start()} and {@link #stop()}, and after one last full collection at {@code stop()} while the work's
 * state is still reachable. Also the heap pools' raw peak, garbage included (which measures the collector's
 * sizing more than the work).
 *
 * <p>Listens to the collectors' notifications (HotSpot's {@code com.sun.management} ones), which arrive on a
 * JMX thread: the running maximum is guarded by the probe's lock. The whole JVM is measured, so run one
 * probe at a time and nothing else of size beside it. Resets the pools' peak usage when started.
 */
public final class HeapProbe {
  private static final String GC_NOTIFICATION = "com.sun.management.gc.notification";
  /** The cause HotSpot gives a collection {@link System#gc()} asked for: a full one. */
  private static final String EXPLICIT = "System.gc()";

  /**
   * Peaks, in bytes: {@code liveBytes}, the most heap in use after any collection (a young collection leaves
   * old garbage counted, so this grows with a run's length); {@code fullBytes}, the most in use after a full
   * collection (the final one, and those of {@link #sampling}): what the work keeps; {@code poolBytes}, the
   * pools' raw peak, garbage included.
   */
  public record Peak(long liveBytes, long fullBytes, long poolBytes) {}

  private final Set<String> heapPools = new HashSet<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onGc;
  private long live;
  private long full;
  private Thread sampler;

  private HeapProbe() {}

  /**
   * As {@link #start()}, plus a daemon thread that forces a full collection every {@code everyMillis}; the
   * heap in use after each (as the collector reports it, so what other threads allocate meanwhile is not
   * counted) samples the live heap's peak over the run, at the cost of those collections (a few milliseconds
   * each on a small heap).
   */
  public static HeapProbe sampling(long everyMillis) {
    HeapProbe p = start();
    p.sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(everyMillis);
        } catch (InterruptedException e) {
          return;
        }
        System.gc();
      }
    }, "heap-probe");
    p.sampler.setDaemon(true);
    p.sampler.start();
    return p;
  }

  /** Starts listening; reset the pools' peaks. */
  public static HeapProbe start() {
    HeapProbe p = new HeapProbe();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        p.heapPools.add(pool.getName());
        pool.resetPeakUsage();
      }
    }
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter e) {
        e.addNotificationListener(p.listener, null, null);
        p.emitters.add(e);
      }
    }
    return p;
  }

  private void onGc(javax.management.Notification n, Object handback) {
    if (GC_NOTIFICATION.equals(n.getType()) && n.getUserData() instanceof CompositeData cd) {
      long used = 0;
      var info = com.sun.management.GarbageCollectionNotificationInfo.from(cd);
      for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
        if (heapPools.contains(e.getKey())) {
          used += e.getValue().getUsed();
        }
      }
      synchronized (this) {
        live = Math.max(live, used);
        if (EXPLICIT.equals(info.getGcCause())) {
          full = Math.max(full, used);
        }
      }
    }
  }

  /**
   * Collects once (call it while the measured work's state is still reachable), stops listening and returns
   * the peaks.
   */
  public Peak stop() {
    if (sampler != null) {
      sampler.interrupt();
      try {
        sampler.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    System.gc();
    long afterFull = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long pools = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        pools += p.getPeakUsage().getUsed();
      }
    }
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (ListenerNotFoundException ignored) {
        // already gone: nothing to undo
      }
    }
    synchronized (this) {
      return new Peak(Math.max(live, afterFull), Math.max(full, afterFull), pools);
    }
  }
}
