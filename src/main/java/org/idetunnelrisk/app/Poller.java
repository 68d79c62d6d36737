package org.idetunnelrisk.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.idetunnelrisk.modinput.EventWriter;
import org.idetunnelrisk.modinput.InputDefinition;
import org.idetunnelrisk.modinput.RunSummary;
import org.idetunnelrisk.modinput.Settings;
import org.idetunnelrisk.modinput.StanzaRunner;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RowRecords;
import org.idetunnelrisk.scoring.Scorer;
import org.idetunnelrisk.spl.Feed;
import org.idetunnelrisk.spl.SplBuilder;
import org.idetunnelrisk.splunk.Checkpoint;
import org.idetunnelrisk.splunk.CheckpointException;
import org.idetunnelrisk.splunk.CheckpointStore;
import org.idetunnelrisk.splunk.ClusterRole;
import org.idetunnelrisk.splunk.FileCheckpoints;
import org.idetunnelrisk.splunk.KvStoreCheckpoints;
import org.idetunnelrisk.splunk.Log;
import org.idetunnelrisk.splunk.ResultStream;
import org.idetunnelrisk.splunk.RiskOrigin;
import org.idetunnelrisk.splunk.RiskWriteOptions;
import org.idetunnelrisk.splunk.Sleeper;
import org.idetunnelrisk.splunk.SplunkClient;
import org.idetunnelrisk.splunk.SplunkException;

/**
 * The modular input's run mode: splunkd starts it every {@code interval} with the input definition on stdin;
 * for each stanza and each of its feeds this polls one time window and writes the risk events found.
 *
 * <p>For one feed:
 * <ol>
 *   <li>The window runs from the checkpoint's {@code latest} (or, the first time, the stanza's {@code window},
 *       {@code -70m@m} by default) to the stanza's {@code lag} ({@code -10m@m}): consecutive runs tile time
 *       with no gap and no overlap, whatever the schedule's jitter.
 *   <li>The search is built from the rules ({@link SplBuilder}), with the feed's index and filter macros.
 *   <li>Rows stream through the engine (raw feeds are parsed from {@code _raw} by the same readers as
 *       {@code scan}); allowlisted risk events are dropped and counted.
 *   <li>Risk events are written in batches of {@code batch_size} while the rows stream, so memory does not
 *       grow with hits. Before each batch its ids are saved as in flight; after it, as written. A run that
 *       starts with ids in flight asks the risk index which of them landed. Risk events already written for
 *       this window (by a run that died) are not written again.
 *   <li>Only then does the checkpoint move to the window's end.
 * </ol>
 * With correlation rules ({@link StanzaCorrelations}), the hits of rules they name are gathered from every feed;
 * once every feed has read its window, they are correlated oldest first, the results written under the stanza's
 * {@code <stanza>:correlations} checkpoint by the same protocol, the correlation state saved, and only then do
 * the feeds' checkpoints move, together: a feed that did not read its window holds the others for the next run.
 * Risk events are written as ES writes them: index {@code risk} (the stanza's {@code risk_index}), sourcetype
 * {@code stash}, source the rule's search name, host the search head ({@code server_host}).
 * A run killed at any point therefore loses nothing and writes nothing twice. A 401 ends the poll without
 * moving the checkpoint. A dry run scores and reports but neither writes nor moves the checkpoint.
 *
 * <p>In a search head cluster every member runs the input; at the start of each stanza's run the poller asks
 * splunkd where this search head stands ({@link ClusterRole}). Only a standalone search head and the captain
 * poll; any other member logs at INFO that it stands aside, and who the captain is, and reports a run summary
 * with status {@value RunSummary#STOOD_ASIDE}. When the question gets no answer nothing is polled (status
 * {@code failed}, fault {@code cluster:<kind>}): writing from a member could write twice. Checkpoints follow the
 * captain through the KV store, which the cluster replicates.
 *
 * <p>TLS ({@link ClientTls}, the same as the alert action's): {@code ca_cert_path}, else splunkd's own CA file
 * ({@link SplunkdCa}), is trusted besides the JVM's store; {@code ssl_hostname_check = loopback_chain_only}
 * verifies a loopback server's chain against that file alone.
 */
public final class Poller implements StanzaRunner {
  /** The {@code orig_action_name} of the risk events the input writes: the modular input's scheme. */
  static final String ORIGIN_ACTION = "ide_tunnel_risk";
  private final AppHome home;
  private final Clock clock;
  private final Sleeper sleeper;
  private final UnaryOperator<org.idetunnelrisk.splunk.Settings.Builder> clientTuning;
  private final Map<String, String> env;

  public Poller(AppHome home, Clock clock) {
    this(home, clock, Sleeper.REAL, UnaryOperator.identity());
  }

  /** With a last say on the REST client's settings (tests shorten retries and backoff). */
  Poller(AppHome home, Clock clock, UnaryOperator<org.idetunnelrisk.splunk.Settings.Builder> clientTuning) {
    this(home, clock, Sleeper.REAL, clientTuning);
  }

  /** With the sleeper that waits out {@code landed_check_delay} (tests advance their clock instead). */
  Poller(AppHome home, Clock clock, Sleeper sleeper,
      UnaryOperator<org.idetunnelrisk.splunk.Settings.Builder> clientTuning) {
    this(home, clock, sleeper, clientTuning, System.getenv());
  }

  /** With the environment {@code SPLUNK_HOME} is read from (tests give a Splunk tree of their own). */
  Poller(AppHome home, Clock clock, Sleeper sleeper,
      UnaryOperator<org.idetunnelrisk.splunk.Settings.Builder> clientTuning, Map<String, String> env) {
    this.home = home;
    this.clock = clock;
    this.sleeper = sleeper;
    this.clientTuning = clientTuning;
    this.env = Map.copyOf(env);
  }

  @Override
  public RunSummary run(InputDefinition definition, Settings stanza, EventWriter out) throws Exception {
    Tuning tuning = home.load(stanza.rulesDir());
    Log log = out.log();
    tuning.warnings(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).forEach(log::warn);
    tuning.notes().forEach(log::info);
    String serverUri = definition.metadata().serverUri();
    if (serverUri.isEmpty()) {
      throw new IllegalArgumentException("the input definition has no server_uri");
    }
    if (!definition.metadata().sessionKey().isPresent()) {
      throw new IllegalArgumentException("the input definition has no session_key");
    }
    org.idetunnelrisk.splunk.Settings.Builder cs = ClientTls.apply(
        org.idetunnelrisk.splunk.Settings.builder(org.idetunnelrisk.splunk.Settings.parseServerUri(serverUri))
            .riskIndex(stanza.riskIndex()),
        stanza.verifySsl(), stanza.loopbackChainOnly(), stanza.caCertPath(), env, log);
    Instant now = clock.instant();
    long latest = RelativeTime.resolve(stanza.lag(), now).getEpochSecond();
    long firstEarliest = RelativeTime.resolve(stanza.window(), now).getEpochSecond();
    Totals totals = new Totals();
    try (SplunkClient client = SplunkClient.connect(clientTuning.apply(cs).build(),
        definition.metadata().sessionKey().get(), log)) {
      ClusterRole role;
      try {
        role = client.clusterRole();
      } catch (SplunkException e) {
        log.error(stanza.name() + ": stopped before polling: cannot tell whether this search head may poll"
            + " (standalone, or the search head cluster captain) or must stand aside ("
            + (e.kind() == SplunkException.Kind.AUTH ? "splunkd refused the session key it gave this run: " : "")
            + e.getMessage() + "). Nothing was polled or written; the next run asks again.");
        totals.failedBeforePolling(e, stanza.feeds());
        return totals.summary(stanza.feeds().size());
      }
      totals.clusterRole = role.word();
      if (!role.polls()) {
        log.info(stanza.name() + ": stands aside: this search head is a search head cluster member and not the"
            + " captain (captain: " + role.captain() + "); only the captain polls and writes risk events, so nothing"
            + " was polled or written by this member");
        return totals.standAside();
      }
      CheckpointStore store = checkpoints(client, definition, log, clock);
      String host = definition.metadata().serverHost().isEmpty() ? "ide_tunnel_risk" : definition.metadata().serverHost();
      FeedContext ctx = new FeedContext(client, store, tuning, stanza, log, now, latest, firstEarliest, host);
      StanzaCorrelations correlations = null;
      if (!tuning.correlations().isEmpty()) {
        correlations = new StanzaCorrelations(ctx, totals, clock, sleeper);
        try {
          correlations.load();
        } catch (SplunkException | CheckpointException | RuntimeException e) {
          log.error(correlations.stoppedBeforePolling(e));
          totals.failedBeforePolling(StanzaCorrelations.FAULT, e, stanza.feeds());
          return totals.summary(stanza.feeds().size());
        }
      }
      List<FeedRun> read = new ArrayList<>();
      List<String> unread = new ArrayList<>();
      for (Feed feed : stanza.feeds()) {
        FeedRun run = new FeedRun(ctx, feed, totals, correlations);
        try {
          if (!run.poll()) {
            unread.add(feed.id());
          } else if (correlations == null) {
            run.commit();
          } else {
            read.add(run);
          }
        } catch (SplunkException | CheckpointException | IOException | RuntimeException e) {
          unread.add(feed.id());
          totals.failed(feed.id(), e);
          log.error(run.stopped(e));
          SplunkException cause = e instanceof SplunkException se ? se
              : e.getCause() instanceof SplunkException se ? se : null;
          if (cause != null && cause.kind() == SplunkException.Kind.AUTH) {
            totals.stopAfter(feed, stanza.feeds());
            break;
          }
        }
      }
      if (correlations != null) {
        finish(correlations, read, unread);
      }
    }
    return totals.summary(stanza.feeds().size());
  }

  /**
   * With correlation rules, the feeds of a stanza move together: their windows are committed only once every
   * feed read its window and the correlations took all their hits (oldest first) and saved their state, so a
   * chain across feeds is never decided without one of its feeds' events. A feed that did not read its window
   * holds the others' windows for the next run, which reads them again (what they wrote is not sent again).
   */
  private void finish(StanzaCorrelations correlations, List<FeedRun> read, List<String> unread) {
    Log log = correlations.c.log();
    if (!unread.isEmpty() || correlations.c.stanza().dryRun()) {
      if (correlations.c.stanza().dryRun()) {
        correlations.correlate(read);
      }
      hold(read, "feed " + String.join(", ", unread) + " did not read its window, and the correlations take every"
          + " feed's window of a poll together");
      return;
    }
    try {
      correlations.correlateAndWrite(read);
    } catch (SplunkException | CheckpointException | IOException | RuntimeException e) {
      correlations.totals.failedCorrelations(e);
      log.error(correlations.stopped(e));
      hold(read, "the correlations stopped");
      return;
    }
    for (FeedRun run : read) {
      try {
        run.commit();
      } catch (CheckpointException e) {
        correlations.totals.failed(run.feed.id(), e);
        log.error(run.stopped(e));
      }
    }
  }

  private static void hold(List<FeedRun> runs, String why) {
    for (FeedRun run : runs) {
      try {
        run.hold(why);
      } catch (CheckpointException e) {
        run.totals.failed(run.feed.id(), e);
        run.c.log().error(run.stopped(e));
      }
    }
  }

  private static CheckpointStore checkpoints(SplunkClient client, InputDefinition definition, Log log, Clock clock) {
    String dir = definition.metadata().checkpointDir();
    if (dir.isEmpty()) {
      throw new IllegalArgumentException("the input definition has no checkpoint_dir");
    }
    return new KvStoreCheckpoints(client, new FileCheckpoints(Path.of(dir)), log, clock);
  }

  /** What every feed of one stanza's run shares. */
  record FeedContext(SplunkClient client, CheckpointStore store, Tuning tuning, Settings stanza, Log log,
      Instant now, long latest, long firstEarliest, String serverHost) {}

  /**
   * One feed's poll of one window. What it has done so far stays readable after a failure, so the log can say
   * what the run left for the next one.
   */
  private final class FeedRun extends WindowBook {
    private final Feed feed;
    /** The stanza's correlations, which take this feed's hits of the rules they name; null without any. */
    private final StanzaCorrelations correlations;
    /** Whether the window was empty (the checkpoint already at its end): nothing to commit. */
    private boolean nothingNew;

    FeedRun(FeedContext c, Feed feed, Totals totals, StanzaCorrelations correlations) {
      super(c, totals, c.stanza.name() + ":" + feed.id(), clock, sleeper);
      this.feed = feed;
      this.correlations = correlations;
    }

    /**
     * Reads the window and writes its risk events; returns whether the window was read whole, so that
     * {@link #commit} may move the checkpoint (false when the row limit cut it short: what was read is written,
     * the window is read again).
     */
    boolean poll() throws IOException, SplunkException, CheckpointException {
      Optional<Checkpoint> saved = c.store.load(key);
      earliest = saved.map(Checkpoint::latest).orElse(c.firstEarliest);
      if (earliest >= c.latest) {
        c.log.info(key + ": nothing new (window would be " + window(earliest, c.latest) + ")");
        nothingNew = true;
        return true;
      }
      written.addAll(saved.map(Checkpoint::writtenIds).orElse(List.of()));
      inFlight = saved.map(Checkpoint::inFlight).orElse(Checkpoint.InFlight.NONE);
      if (!inFlight.isEmpty() && !c.stanza.dryRun()) {
        settleInFlight();
      }
      SplBuilder.Search search = SplBuilder.build(feed, c.tuning.rules());
      if (!search.note().isEmpty()) {
        c.log.info(key + ": " + search.note());
      }
      boolean complete = true;
      try (RiskBatches out = RiskBatches.through(c.client, c.stanza.batchSize(), new RiskWriteOptions(
          c.stanza.riskIndex(), c.serverHost, c.tuning.tactics(), origin(earliest)), new WindowLedger())) {
        if (search.spl() != null) {
          complete = read(search.spl(), out);
        }
        if (c.stanza.dryRun()) {
          c.log.info(key + ": dry run, " + found + " risk events not written, checkpoint not moved");
          return complete;
        }
        out.flush();
        out.finish();
      }
      if (!complete) {
        if (!inFlight.isEmpty()) {
          save(earliest, Checkpoint.InFlight.NONE);
        }
        totals.failed.add(feed.id());
      }
      return complete;
    }

    /** Moves the checkpoint to the window's end, every risk event of the window written. */
    void commit() throws CheckpointException {
      if (nothingNew || c.stanza.dryRun()) {
        return;
      }
      long windowWritten = written.size();
      written.clear();
      save(c.latest, Checkpoint.InFlight.NONE);
      c.log.info(key + ": window " + window(earliest, c.latest) + " committed, " + sent.get() + " risk events written by this run ("
          + windowWritten + " in the window)");
    }

    /**
     * Leaves the window, read whole and written, for the next run to read again ({@code why}), its written risk
     * events recorded so that they are not sent again.
     */
    void hold(String why) throws CheckpointException {
      if (nothingNew || c.stanza.dryRun()) {
        return;
      }
      if (!inFlight.isEmpty()) {
        save(earliest, Checkpoint.InFlight.NONE);
      }
      c.log.info(key + ": window " + window(earliest, c.latest) + " read, not committed: " + why + ". It is read again"
          + " next run; its " + written.size() + " risk events written are not sent again");
    }

    /**
     * Streams the feed's rows through the engine into {@code out}, which writes a batch whenever one is full.
     * Returns false when the row limit cut the window short: what was read is still written, but the
     * checkpoint stays, and the next run reads the window again (its risk events are known and not written
     * twice). A result stream that ends without Splunk's end marker throws: the window is not committed.
     */
    private boolean read(String spl, RiskBatches out) throws IOException, SplunkException, CheckpointException {
      Scorer scorer = correlations == null ? new Scorer(c.tuning.rules(), c.tuning.fields())
          : Scorer.deferring(c.tuning.rules(), c.tuning.fields(), c.tuning.correlations(), correlations.gatherer(feed));
      LocalDate today = LocalDate.ofInstant(c.now, ZoneOffset.UTC);
      Scorer.Sink sink = (event, from) -> {
        if (c.tuning.allowlist().suppressing(event, today) != null) {
          totals.allowlisted++;
          return;
        }
        found++;
        totals.riskEvents++;
        // a dry run sends nothing; an event the checkpoint lists as written (by a run that died in this window)
        // is counted and not sent again
        if (!c.stanza.dryRun() && !written.contains(event.id())) {
          out.add(event);
        }
      };
      long rows = 0;
      try (ResultStream rs = c.client.export(spl, Long.toString(earliest), Long.toString(c.latest))) {
        Map<String, List<String>> row;
        while ((row = rs.next()) != null) {
          if (rows == c.stanza.maxRows()) {
            c.log.error(key + ": more than max_rows=" + c.stanza.maxRows() + " rows in window "
                + window(earliest, c.latest) + "; the rows read were scored and written, the checkpoint was not"
                + " moved. Narrow the " + feed.filterMacro() + " macro or raise max_rows.");
            totals.limitHit = true;
            return false;
          }
          rows++;
          totals.rows++;
          List<Record> recs = RowRecords.of(row, "splunk:" + feed.id(), rows, feed.shape() == Feed.Shape.RAW,
              message -> {
                totals.unreadable++;
                c.log.warn(message);
              });
          long rid = rows - 1;
          Map<String, List<String>> result = row;
          for (Record rec : recs) {
            scorer.score(rec, (event, r) -> sink.accept(RiskOrigin.Row.of(rid, result).stamp(event), r));
          }
          if (out.full()) {
            out.flush();
          }
        }
      } finally {
        totals.hits += scorer.stats().hits();
      }
      return true;
    }

    /** The ERROR line for a poll this failure stopped: the fault, and what is left for the next run. */
    String stopped(Exception e) {
      String what = what(e);
      SplunkException se = e instanceof SplunkException s ? s : e.getCause() instanceof SplunkException s ? s : null;
      if (se != null && se.kind() == SplunkException.Kind.AUTH) {
        what = "splunkd refused the session key it gave this run (" + what + "); the feeds after this one are not"
            + " polled";
      }
      if (earliest < 0) {
        return key + ": stopped before its window was known: " + what + ". Nothing was written; the next run"
            + " starts from the same checkpoint.";
      }
      Checkpoint.InFlight flying = inFlight;
      return key + ": stopped: " + what + ". Left for the next run: window " + window(earliest, c.latest)
          + " (not committed; it is read again), " + written.size() + " risk events already written in it (not"
          + " sent again)" + (flying.isEmpty() ? "" : ", " + flying.ids().size() + " in flight (the risk index is"
          + " asked for them before any is sent again)") + ".";
    }
  }

  /** {@code 2026-12-02T10:00:00Z..2026-12-02T11:00:00Z (1796205600..1796209200)}. */
  static String window(long from, long to) {
    return Instant.ofEpochSecond(from) + ".." + Instant.ofEpochSecond(to) + " (" + from + ".." + to + ")";
  }

  /**
   * How far past now the in-flight check looks for a checkpoint saved before in-flight time ranges were
   * recorded (a source event's own time may lie ahead of the search head's clock).
   */
  static final long LEGACY_LOOKAHEAD_SECONDS = 10L * 365 * 86_400;

  /** Counts over every feed of one stanza's run. */
  static final class Totals {
    long rows;
    long hits;
    long riskEvents;
    final AtomicLong written = new AtomicLong();
    long allowlisted;
    long unreadable;
    boolean limitHit;
    final List<String> failed = new ArrayList<>();
    /** The faults that stopped feeds, feed to kind ({@code sysmon:connection}). */
    final List<String> faults = new ArrayList<>();

    /** A feed this failure stopped. */
    void failed(String feed, Exception e) {
      failed.add(feed);
      faults.add(feed + ":" + kind(e));
    }

    /** {@code standalone}, {@code captain} or {@code member}; null when splunkd did not say. */
    String clusterRole;

    /** The cluster role question failed: no feed was polled. */
    void failedBeforePolling(SplunkException e, List<Feed> feeds) {
      failedBeforePolling("cluster", e, feeds);
    }

    /** {@code what} failed before any feed was polled ({@code cluster}, {@code correlations}). */
    void failedBeforePolling(String what, Exception e, List<Feed> feeds) {
      feeds.forEach(f -> failed.add(f.id()));
      faults.add(what + ":" + kind(e));
    }

    /** The correlations stopped after the feeds read their windows: the windows are read again next run. */
    void failedCorrelations(Exception e) {
      faults.add(StanzaCorrelations.FAULT + ":" + kind(e));
    }

    private static String kind(Exception e) {
      SplunkException se = e instanceof SplunkException s ? s : e.getCause() instanceof SplunkException s ? s : null;
      String kind = se != null ? se.kind().name() : e instanceof CheckpointException ? "CHECKPOINT"
          : e instanceof IOException ? "IO" : "INTERNAL";
      return kind.toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether correlation rules are loaded: the summary then says what they did. */
    boolean correlating;
    /** Correlation risk events found (not allowlisted), whether written or not. */
    long correlationRiskEvents;
    /** Events the correlation state holds after the run. */
    long correlationHeld;
    /** Hits too old to join the correlation state, and hits past its cap: counted, not correlated. */
    long correlationLate;
    long correlationOverCap;

    /** A member that is not the captain: nothing polled, and that is as it should be. */
    RunSummary standAside() {
      Map<String, String> extra = new LinkedHashMap<>();
      extra.put(RunSummary.STATUS, RunSummary.STOOD_ASIDE);
      extra.put("cluster_role", clusterRole);
      return new RunSummary(0, 0, 0, 0, extra);
    }

    /** After an authentication failure no further feed is polled: each counts as failed. */
    void stopAfter(Feed failedFeed, List<Feed> feeds) {
      for (Feed f : feeds.subList(feeds.indexOf(failedFeed) + 1, feeds.size())) {
        failed.add(f.id());
      }
    }

    RunSummary summary(int feeds) {
      Map<String, String> extra = new LinkedHashMap<>();
      extra.put(RunSummary.STATUS, failed.isEmpty() && faults.isEmpty() ? RunSummary.OK
          : failed.size() == feeds ? "failed" : "partial");
      if (clusterRole != null) {
        extra.put("cluster_role", clusterRole);
      }
      extra.put("allowlisted", Long.toString(allowlisted));
      extra.put("unreadable_rows", Long.toString(unreadable));
      extra.put("max_rows_hit", limitHit ? "1" : "0");
      if (correlating) {
        extra.put("correlation_risk_events", Long.toString(correlationRiskEvents));
        extra.put("correlation_held", Long.toString(correlationHeld));
        extra.put("correlation_late", Long.toString(correlationLate));
        extra.put("correlation_over_cap", Long.toString(correlationOverCap));
      }
      if (!failed.isEmpty()) {
        extra.put("failed_feeds", String.join(",", failed));
      }
      if (!faults.isEmpty()) {
        extra.put("faults", String.join(",", faults));
      }
      return new RunSummary(rows, hits, riskEvents, written.get(), extra);
    }
  }
}
