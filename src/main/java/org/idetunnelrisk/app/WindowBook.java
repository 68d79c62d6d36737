package org.idetunnelrisk.app;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.splunk.Checkpoint;
import org.idetunnelrisk.splunk.CheckpointException;
import org.idetunnelrisk.splunk.RiskOrigin;
import org.idetunnelrisk.splunk.Sleeper;
import org.idetunnelrisk.splunk.SplunkException;
import org.idetunnelrisk.splunk.WriteResult;

/**
 * One checkpoint key of the modular input and the risk events written under it: a feed's window
 * ({@code <stanza>:<feed>}) or the stanza's correlations ({@code <stanza>:correlations}). It holds the ids
 * written since the key last moved and those in flight, saves them around each batch ({@link WindowLedger}),
 * and at the start of a run asks the risk index which ids in flight landed ({@link #settleInFlight}): the one
 * exactly-once protocol both kinds of risk event go through. Not thread-safe, except that the write-ahead thread
 * runs the ledger (one batch at a time) while the caller reads {@link #written}.
 */
abstract class WindowBook {
  final Poller.FeedContext c;
  final Poller.Totals totals;
  final String key;
  private final Clock clock;
  private final Sleeper sleeper;
  /** Start of the window, once the checkpoint is read; -1 before. */
  long earliest = -1;
  /** Risk events written under this key (by this run or one that died): read here, added to by the writer. */
  final Set<String> written = ConcurrentHashMap.newKeySet();
  /** Risk events found (not allowlisted), whether sent or not. */
  long found;
  /** Risk events in flight as last saved. */
  volatile Checkpoint.InFlight inFlight = Checkpoint.InFlight.NONE;
  /** Risk events this run wrote: added to by the write-ahead thread. */
  final AtomicLong sent = new AtomicLong();

  WindowBook(Poller.FeedContext c, Poller.Totals totals, String key, Clock clock, Sleeper sleeper) {
    this.c = c;
    this.totals = totals;
    this.key = key;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** The correlation state every save of this key carries; empty for a feed. */
  String state() {
    return "";
  }

  /**
   * Asks the risk index which risk events in flight landed, waiting out indexing lag for those it does not
   * find yet, and records the answer: found ones as written; the others as not written, so they are sent
   * again if the window still finds them.
   */
  void settleInFlight() throws SplunkException, CheckpointException {
    List<String> ids = inFlight.ids();
    Set<String> landed;
    try {
      landed = RiskIndexLookup.landedWaitingOnce(this::landed, ids, () -> {
        long now = c.now().getEpochSecond();
        long checkAt = clock.instant().getEpochSecond();
        long since = inFlight.settledAt() == 0 ? Math.max(now, checkAt) : inFlight.settledAt();
        return since + c.stanza().landedCheckDelay() - checkAt;
      }, sleeper, (missing, wait) -> c.log().info(key + ": " + missing + " of " + ids.size() + " risk events in"
          + " flight are not in the risk index yet; waiting " + wait + " s (landed_check_delay) for indexing before"
          + " deciding"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SplunkException(SplunkException.Kind.CONNECTION, "landed check", 0,
          "interrupted while waiting for indexing");
    }
    c.log().info(key + ": " + landed.size() + " of " + ids.size() + " risk events in flight when the last run stopped"
        + " had reached the risk index; " + (ids.size() - landed.size()) + " had not and are sent again if the"
        + " window still finds them");
    written.addAll(landed);
    save(earliest, Checkpoint.InFlight.NONE);
  }

  /** Which of {@code ids} the risk index holds, searching it for their risk_event_id over their time range. */
  private Set<String> landed(List<String> ids) throws SplunkException {
    long now = clock.instant().getEpochSecond();
    long from;
    long to;
    if (inFlight.earliestTime() > 0) {
      from = inFlight.earliestTime() - 1;
      to = Math.max(inFlight.latestTime(), now) + 2;
    } else {
      // saved before the range was recorded: all time (risk events carry their source events' own times)
      from = 0;
      to = now + Poller.LEGACY_LOOKAHEAD_SECONDS;
    }
    try {
      return RiskIndexLookup.landed(c.client(), c.stanza().riskIndex(), ids, from, to);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("checkpoint holds a malformed risk event id");
    }
  }

  /**
   * This key's risk events' origin, in ES's fields: {@code orig_sid}
   * {@code ide_tunnel_risk:<key>:<from>-<latest>} (an export search has no job to point at), {@code orig_action_name}
   * {@code ide_tunnel_risk} (the input), {@code from} and the windows' end as {@code info_min_time} and
   * {@code info_max_time}, the run's start as {@code info_search_time}. A feed's rows add their own number and
   * host, source, sourcetype ({@link RiskOrigin.Row}).
   */
  RiskOrigin origin(long from) {
    return new RiskOrigin(Poller.ORIGIN_ACTION + ":" + key + ":" + from + "-" + c.latest(), Poller.ORIGIN_ACTION,
        RiskOrigin.epoch(from), RiskOrigin.epoch(c.latest()), RiskOrigin.epoch(c.now().toEpochMilli() / 1000.0));
  }

  /** What a failure says in an ERROR line: its message, or its class when it has none. */
  static String what(Exception e) {
    return e.getMessage() == null ? "failed with " + e.getClass().getSimpleName() : e.getMessage();
  }

  /** Saves where this key stands: the window start, what is written in it, what is in flight, and its state. */
  void save(long latest, Checkpoint.InFlight flying) throws CheckpointException {
    c.store().save(new Checkpoint(key, 0, latest, List.copyOf(written), flying, clock.instant().getEpochSecond(),
        state()));
    inFlight = flying;
  }

  /**
   * The window's checkpoint around each batch ({@link RiskBatches}): before a batch, saved with the batch's ids
   * in flight and everything before it as written (so a wholly written batch needs no save of its own: the next
   * batch's save or the commit records it); after a batch not wholly written, saved at once with the ids sent
   * without a clear answer left in flight (the next run asks the risk index for them), and the poll stops.
   * What grows with hits is only the set of written ids.
   */
  final class WindowLedger implements RiskBatches.Ledger {
    /** The time range of the batch being written (its events' own times), as saved with it in flight. */
    private long first;
    private long last;

    @Override
    public void sending(List<RiskEvent> events) throws CheckpointException {
      RiskIndexLookup.TimeRange range = RiskIndexLookup.TimeRange.of(events, clock.instant().getEpochSecond());
      first = range.first();
      last = range.last();
      save(earliest, new Checkpoint.InFlight(events.stream().map(RiskEvent::id).toList(), first, last, 0));
    }

    @Override
    public void answered(List<RiskEvent> events, WriteResult result) throws SplunkException, CheckpointException {
      written.addAll(result.writtenIds());
      sent.addAndGet(result.writtenIds().size());
      totals.written.addAndGet(result.writtenIds().size());
      if (result.complete()) {
        // recorded as written by the next batch's save or by the commit: one durable save per batch
        return;
      }
      List<String> unknown = result.unknownIds();
      save(earliest, unknown.isEmpty() ? Checkpoint.InFlight.NONE
          : new Checkpoint.InFlight(unknown, first, last, clock.instant().getEpochSecond()));
      SplunkException firstError = result.failed().get(0).error();
      int refused = result.notWrittenIds().size() - unknown.size();
      throw new SplunkException(firstError.kind(), firstError.endpoint(), firstError.status(),
          refused + " risk events not written and " + unknown.size() + " sent without a clear answer (first: "
              + firstError.getMessage() + ")");
    }
  }
}
