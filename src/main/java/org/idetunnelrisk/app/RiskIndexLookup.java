package org.idetunnelrisk.app;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.splunk.ResultStream;
import org.idetunnelrisk.splunk.Sleeper;
import org.idetunnelrisk.splunk.SplunkClient;
import org.idetunnelrisk.splunk.SplunkException;

/**
 * Which risk events the risk index holds, by {@code risk_event_id}: how a write sent without a clear answer is
 * settled, by the modular input at its next run ({@link WindowBook}: a feed's window or the input's correlations)
 * and by the alert action within its run ({@link ResultsScorer}). Stateless.
 */
final class RiskIndexLookup {
  private RiskIndexLookup() {}

  /** Told, before the wait, how many risk events are not found yet and how many seconds are waited for them. */
  @FunctionalInterface
  interface Waiting {
    void waiting(int missing, long seconds);
  }

  /** A search of the risk index for some risk event ids: the ones it holds. */
  @FunctionalInterface
  interface Search {
    Set<String> landed(List<String> ids) throws SplunkException;
  }

  /**
   * The time range risk events are indexed in, in whole epoch seconds: their own times, an event without one
   * at {@code now} (it is indexed when it is sent).
   */
  record TimeRange(long first, long last) {
    static TimeRange of(List<RiskEvent> events, long now) {
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      for (RiskEvent e : events) {
        double t = Double.isFinite(e.time()) ? e.time() : now;
        first = Math.min(first, (long) Math.floor(t));
        last = Math.max(last, (long) Math.ceil(t));
      }
      return new TimeRange(first, last);
    }
  }

  /**
   * Which of {@code ids} the risk index holds, waiting out indexing lag once: searched at once; when some are not
   * found and {@code waitSeconds} (asked after that first search) is positive, {@code onWait} is told, the
   * sleeper waits that long, and those are searched for again.
   */
  static Set<String> landedWaitingOnce(Search search, List<String> ids, LongSupplier waitSeconds, Sleeper sleeper,
      Waiting onWait) throws SplunkException, InterruptedException {
    Set<String> landed = new HashSet<>(search.landed(ids));
    if (landed.size() < ids.size()) {
      long wait = waitSeconds.getAsLong();
      if (wait > 0) {
        onWait.waiting(ids.size() - landed.size(), wait);
        sleeper.sleep(Duration.ofSeconds(wait));
        landed.addAll(search.landed(ids.stream().filter(id -> !landed.contains(id)).toList()));
      }
    }
    return landed;
  }

  /**
   * The ids among {@code ids} that {@code riskIndex} holds, searching it over {@code from}..{@code to} (epoch
   * seconds; risk events carry their source events' own times).
   *
   * @throws IllegalStateException when an id is not the hex of a risk event id (it could not be searched safely)
   */
  static Set<String> landed(SplunkClient client, String riskIndex, Collection<String> ids, long from, long to)
      throws SplunkException {
    StringBuilder in = new StringBuilder();
    for (String id : ids) {
      if (!id.matches("[0-9a-f]{1,64}")) {
        throw new IllegalStateException("a malformed risk event id cannot be searched for");
      }
      in.append(in.length() == 0 ? "" : ", ").append('"').append(id).append('"');
    }
    String spl = "search index=" + riskIndex + " sourcetype=stash risk_event_id IN (" + in
        + ") | fields risk_event_id";
    Set<String> wanted = new HashSet<>(ids);
    Set<String> found = new LinkedHashSet<>();
    try (ResultStream rs = client.export(spl, Long.toString(from), Long.toString(to))) {
      Map<String, List<String>> row;
      while ((row = rs.next()) != null) {
        for (String v : row.getOrDefault("risk_event_id", List.of())) {
          if (wanted.contains(v)) {
            found.add(v);
          }
        }
      }
    }
    return found;
  }
}
