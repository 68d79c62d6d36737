package org.idetunnelrisk.app;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.idetunnelrisk.correlation.Correlator;
import org.idetunnelrisk.engine.Hit;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.spl.Feed;
import org.idetunnelrisk.splunk.Checkpoint;
import org.idetunnelrisk.splunk.CheckpointException;
import org.idetunnelrisk.splunk.RiskWriteOptions;
import org.idetunnelrisk.splunk.Sleeper;
import org.idetunnelrisk.splunk.SplunkException;

/**
 * A stanza's correlation rules across its polls ({@link Poller}): one {@link Correlator} per run, restored from
 * and saved to the checkpoint {@code <stanza>:correlations} (its {@code correlation_state}).
 *
 * <p>Each run: {@link #load} restores the state and settles the chain risk events left in flight; every feed's
 * scorer hands the hits of rules a correlation names to {@link #gatherer} (kept small: {@link
 * Correlator#retained}); once every feed read its window, {@link #correlateAndWrite} accepts the hits of all
 * feeds oldest first (so no feed's events are late against another's), moves the correlator to the windows'
 * end ({@link Correlator#advanceTo}: state older than a correlation's timespan plus {@link #SETTINGS}' lateness is
 * dropped), writes the results through {@link RiskBatches} under the same protocol as a feed's risk events, and
 * saves the new state. Only then are the feeds' windows committed.
 *
 * <p>Exactly once, whatever the crash point: until the new state is saved, every save of this key carries the
 * state the run started from, with the ids written and in flight. A run that dies before it re-reads the same
 * windows (they are not committed), rebuilds the same results from the same state, and skips what is written or
 * landed. A run that dies after it finds the windows' events already in the state (seen, or older than it
 * keeps) and their results already emitted: nothing is found twice.
 */
final class StanzaCorrelations extends WindowBook {
  /** The key suffix and the run summary's fault prefix. */
  static final String FAULT = "correlations";
  /**
   * The modular input's bounds: {@link Correlator.Settings#DEFAULT_LATENESS_SECONDS} of lateness, and at most
   * {@value #MAX_HELD_EVENTS} held events, so that the state, saved in one KV store record and one file, stays
   * within a few megabytes (about 300 bytes an event).
   */
  static final int MAX_HELD_EVENTS = 20_000;
  static final Correlator.Settings SETTINGS =
      new Correlator.Settings(Correlator.Settings.DEFAULT_LATENESS_SECONDS, MAX_HELD_EVENTS);
  /** At most this many hits are gathered in one run (about 300 bytes each); past it they are counted. */
  static final int MAX_GATHERED_HITS = 200_000;

  private record Gathered(String feed, Hit hit) {}

  private Correlator correlator;
  /** The state this run started from, as saved: every save before the new state carries it. */
  private String startState = "";
  private final List<Gathered> gathered = new ArrayList<>();
  private long gatheredOverCap;
  /** The earliest start of the feeds' windows this run read; -1 before they are correlated. */
  private long windowStart = -1;

  StanzaCorrelations(Poller.FeedContext c, Poller.Totals totals, Clock clock, Sleeper sleeper) {
    super(c, totals, c.stanza().name() + ":" + FAULT, clock, sleeper);
    totals.correlating = true;
  }

  @Override
  String state() {
    return startState;
  }

  /**
   * Restores the state from the checkpoint and settles the chain risk events a run left in flight.
   *
   * @throws IllegalArgumentException when the saved state cannot be read (the message says where)
   */
  void load() throws CheckpointException, SplunkException {
    Optional<Checkpoint> saved = c.store().load(key);
    correlator = new Correlator(c.tuning().correlations(), SETTINGS);
    if (saved.isEmpty()) {
      return;
    }
    Checkpoint cp = saved.get();
    Map<String, Object> snapshot = cp.correlationSnapshot();
    if (!snapshot.isEmpty()) {
      correlator.restore(snapshot);
    }
    startState = cp.correlationState();
    earliest = cp.latest();
    written.addAll(cp.writtenIds());
    inFlight = cp.inFlight();
    if (!inFlight.isEmpty() && !c.stanza().dryRun()) {
      settleInFlight();
    }
  }

  /** Where a feed's scorer puts the hits the correlations need. */
  Consumer<Hit> gatherer(Feed feed) {
    return hit -> {
      Hit kept = correlator.retained(hit);
      if (kept == null) {
        return;
      }
      if (gathered.size() >= MAX_GATHERED_HITS) {
        gatheredOverCap++;
        return;
      }
      gathered.add(new Gathered(feed.id(), kept));
    };
  }

  /**
   * Accepts the gathered hits oldest first and advances to the windows' end; returns the results' risk events
   * that are not allowlisted. Counts and warns about what was not correlated.
   */
  List<RiskEvent> correlate(List<? extends WindowBook> feeds) {
    gathered.sort((x, y) -> Double.compare(x.hit().row().time(), y.hit().row().time()));
    List<Correlator.Result> results = new ArrayList<>();
    Map<String, Long> lateByFeed = new TreeMap<>();
    long late = correlator.counts().late();
    for (Gathered g : gathered) {
      results.addAll(correlator.accept(g.hit()));
      long now = correlator.counts().late();
      if (now > late) {
        lateByFeed.merge(g.feed(), now - late, Long::sum);
        late = now;
      }
    }
    gathered.clear();
    results.addAll(correlator.advanceTo(c.latest()));
    Correlator.Counts counts = correlator.counts();
    totals.correlationHeld = counts.held();
    totals.correlationLate = counts.late();
    totals.correlationOverCap = counts.overCap() + gatheredOverCap;
    if (counts.late() > 0) {
      StringBuilder by = new StringBuilder();
      lateByFeed.forEach((f, n) -> by.append(by.length() == 0 ? "" : ", ").append(f).append(' ').append(n));
      c.log().warn(key + ": hits older than the correlation state can still join were not correlated, "
          + counts.late() + " times (once per correlation a hit feeds; by feed: " + by + "): older than their"
          + " correlation's timespan plus " + (long) SETTINGS.latenessSeconds() + " s of allowed lateness behind the"
          + " newest time read. A feed whose events are indexed, or whose window is read, that late cannot chain with"
          + " the others. See README, Correlations in the modular input");
    }
    if (totals.correlationOverCap > 0) {
      c.log().warn(key + ": the correlation state is at its cap (" + MAX_HELD_EVENTS + " held events, "
          + MAX_GATHERED_HITS + " hits a run): " + totals.correlationOverCap + " hits were counted and not correlated,"
          + " so chains they complete are not found. Narrow the feeds' filter macros or split the input");
    }
    LocalDate today = LocalDate.ofInstant(c.now(), ZoneOffset.UTC);
    List<RiskEvent> out = new ArrayList<>(results.size());
    for (Correlator.Result r : results) {
      if (c.tuning().allowlist().suppressing(r.event(), today) != null) {
        totals.allowlisted++;
        continue;
      }
      out.add(r.event());
    }
    found = out.size();
    totals.riskEvents += out.size();
    totals.correlationRiskEvents = out.size();
    windowStart(feeds);
    return out;
  }

  /** The earliest window start of the feeds read: where the chain risk events' origin says they came from. */
  private void windowStart(List<? extends WindowBook> feeds) {
    long from = c.latest();
    for (WindowBook f : feeds) {
      if (f.earliest >= 0) {
        from = Math.min(from, f.earliest);
      }
    }
    windowStart = from;
  }

  /**
   * Correlates the feeds' hits, writes the results not yet written (batches and saves as a feed's), then saves
   * the new state with nothing written or in flight. The caller commits the feeds' windows after it.
   */
  void correlateAndWrite(List<? extends WindowBook> feeds) throws IOException, SplunkException, CheckpointException {
    List<RiskEvent> events = correlate(feeds);
    try (RiskBatches out = RiskBatches.through(c.client(), c.stanza().batchSize(), new RiskWriteOptions(
        c.stanza().riskIndex(), c.serverHost(), c.tuning().tactics(), origin(windowStart)), new WindowLedger())) {
      for (RiskEvent e : events) {
        if (!written.contains(e.id())) {
          out.add(e);
        }
        if (out.full()) {
          out.flush();
        }
      }
      out.flush();
      out.finish();
    }
    long thisRun = sent.get();
    written.clear();
    startState = Checkpoint.stateText(correlator.snapshot());
    save(c.latest(), Checkpoint.InFlight.NONE);
    c.log().info(key + ": " + events.size() + " correlation risk events (" + thisRun + " written by this run); the"
        + " state holds " + totals.correlationHeld + " events, saved through " + Instant.ofEpochSecond(c.latest()));
  }

  /** The ERROR line when the state could not be loaded: nothing was polled. */
  String stoppedBeforePolling(Exception e) {
    String what = what(e);
    String reset = e instanceof IllegalArgumentException ? " To start the correlations afresh, delete the KV store"
        + " record '" + key + "' of collection ide_tunnel_risk_state and the file of the same key in the input's"
        + " checkpoint_dir (README, Correlations in the modular input)." : " The next run tries again.";
    return key + ": stopped before polling: the correlation state could not be loaded: " + what + ". Nothing was"
        + " polled or written." + reset;
  }

  /** The ERROR line when correlating or writing the results failed: the feeds' windows are read again. */
  String stopped(Exception e) {
    String what = what(e);
    Checkpoint.InFlight flying = inFlight;
    return key + ": stopped: " + what + ". Left for the next run: the feeds' windows (not committed; read again),"
        + " the state they started from, " + written.size() + " correlation risk events already written (not sent"
        + " again)" + (flying.isEmpty() ? "" : ", " + flying.ids().size() + " in flight (the risk index is asked for"
        + " them before any is sent again)") + ".";
  }
}
