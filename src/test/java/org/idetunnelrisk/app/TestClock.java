package org.idetunnelrisk.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.idetunnelrisk.splunk.Sleeper;

/**
 * A clock tests set and advance. Its {@link #sleeper()} advances it instead of sleeping, so code that waits
 * (for indexing lag, say) runs at once while its clock, and the emulator's lag clock, move on. Thread-safe.
 */
final class TestClock extends Clock {
  private final AtomicReference<Instant> now;

  TestClock(Instant start) {
    now = new AtomicReference<>(start);
  }

  void set(Instant t) {
    now.set(t);
  }

  void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  /** Sleeping advances this clock by the duration. */
  Sleeper sleeper() {
    return this::advance;
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a TestClock stays in UTC");
  }
}
