package org.idetunnelrisk.splunk;

import java.time.Duration;

/** Waits between retries. Tests inject one that records the delays instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

  /** The real one: {@link Thread#sleep(long)}. */
  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
