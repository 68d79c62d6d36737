package org.idetunnelrisk.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.modinput.EventWriter;
import org.idetunnelrisk.modinput.InputDefinition;
import org.idetunnelrisk.modinput.LogLevel;
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
import org.idetunnelrisk.splunk.FileCheckpoints;
import org.idetunnelrisk.splunk.KvStoreCheckpoints;
import org.idetunnelrisk.splunk.Log;
import org.idetunnelrisk.splunk.ResultStream;
import org.idetunnelrisk.splunk.RiskWriteOptions;
import org.idetunnelrisk.splunk.SplunkClient;
import org.idetunnelrisk.splunk.SplunkException;
import org.idetunnelrisk.splunk.WriteResult;

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
 * Risk events are written as ES writes them: index {@code risk} (the stanza's {@code risk_index}), sourcetype
 * {@code stash}, source the rule's search name, host the search head ({@code server_host}).
 * A run killed at any point therefore loses nothing and writes nothing twice. A 401 ends the poll without
 * moving the checkpoint. A dry run scores and reports but neither writes nor moves the checkpoint.
 */
public final class Poller implements StanzaRunner {
  private final AppHome home;
  private final Clock clock;
  private final UnaryOperator<org.idetunnelrisk.splunk.Settings.Builder> clientTuning;

  public Poller(AppHome home, Clock clock) {
    this(home, clock, UnaryOperator.identity());
  }

  /** With a last say on the REST client's settings (tests shorten retries and backoff). */
  Poller(AppHome home, Clock clock, UnaryOperator<org.idetunnelrisk.splunk.Settings.Builder> clientTuning) {
    this.home = home;
    this.clock = clock;
    this.clientTuning = clientTuning;
  }

  @Override
  public RunSummary run(InputDefinition definition, Settings stanza, EventWriter out) throws Exception {
    Tuning tuning = home.load(stanza.rulesDir());
    Log log = (level, message) -> out.log(LogLevel.valueOf(level.name()), message);
    String serverUri = definition.metadata().serverUri();
    if (serverUri.isEmpty()) {
      throw new IllegalArgumentException("the input definition has no server_uri");
    }
    if (!definition.metadata().sessionKey().isPresent()) {
      throw new IllegalArgumentException("the input definition has no session_key");
    }
    org.idetunnelrisk.splunk.Settings.Builder cs =
        org.idetunnelrisk.splunk.Settings.builder(org.idetunnelrisk.splunk.Settings.parseServerUri(serverUri))
            .verifyTls(stanza.verifySsl())
            .riskIndex(stanza.riskIndex());
    stanza.caCertPath().ifPresent(cs::caBundle);
    Instant now = clock.instant();
    long latest = RelativeTime.resolve(stanza.lag(), now).getEpochSecond();
    long firstEarliest = RelativeTime.resolve(stanza.window(), now).getEpochSecond();
    Totals totals = new Totals();
    try (SplunkClient client = SplunkClient.connect(clientTuning.apply(cs).build(),
        definition.metadata().sessionKey().get(), log)) {
      CheckpointStore store = checkpoints(client, definition, log);
      String host = definition.metadata().serverHost().isEmpty() ? "ide_tunnel_risk" : definition.metadata().serverHost();
      FeedContext ctx = new FeedContext(client, store, tuning, stanza, log, now, latest, firstEarliest, host);
      for (Feed feed : stanza.feeds()) {
        try {
          pollFeed(ctx, feed, totals);
        } catch (SplunkException e) {
          totals.failed.add(feed.id());
          log.error(stanza.name() + " feed " + feed.id() + ": " + e.getMessage());
          if (e.kind() == SplunkException.Kind.AUTH) {
            totals.stopAfter(feed, stanza.feeds());
            break;
          }
        } catch (CheckpointException e) {
          totals.failed.add(feed.id());
          log.error(stanza.name() + " feed " + feed.id() + ": " + e.getMessage());
          if (e.getCause() instanceof SplunkException se && se.kind() == SplunkException.Kind.AUTH) {
            totals.stopAfter(feed, stanza.feeds());
            break;
          }
        } catch (IOException | RuntimeException e) {
          totals.failed.add(feed.id());
          log.error(stanza.name() + " feed " + feed.id() + ": " + describe(e));
        }
      }
    }
    return totals.summary(stanza.feeds().size());
  }

  private static CheckpointStore checkpoints(SplunkClient client, InputDefinition definition, Log log) {
    String dir = definition.metadata().checkpointDir();
    if (dir.isEmpty()) {
      throw new IllegalArgumentException("the input definition has no checkpoint_dir");
    }
    return new KvStoreCheckpoints(client, new FileCheckpoints(Path.of(dir)), log);
  }

  /** What every feed of one stanza's run shares. */
  private record FeedContext(SplunkClient client, CheckpointStore store, Tuning tuning, Settings stanza, Log log,
      Instant now, long latest, long firstEarliest, String serverHost) {}

  private void pollFeed(FeedContext c, Feed feed, Totals totals)
      throws IOException, SplunkException, CheckpointException {
    String key = c.stanza.name() + ":" + feed.id();
    Optional<Checkpoint> saved = c.store.load(key);
    long earliest = saved.map(Checkpoint::latest).orElse(c.firstEarliest);
    if (earliest >= c.latest) {
      c.log.info(key + ": nothing new (window would be " + earliest + ".." + c.latest + ")");
      return;
    }
    // Read by the scoring thread, added to by the write-ahead thread.
    Set<String> written = ConcurrentHashMap.newKeySet();
    written.addAll(saved.map(Checkpoint::writtenIds).orElse(List.of()));
    List<String> inFlight = saved.map(Checkpoint::inFlightIds).orElse(List.of());
    if (!inFlight.isEmpty() && !c.stanza.dryRun()) {
      Set<String> landed = landed(c, inFlight, earliest);
      c.log.info(key + ": " + landed.size() + " of " + inFlight.size()
          + " risk events in flight when the last run stopped had reached the risk index");
      written.addAll(landed);
      c.store.save(new Checkpoint(key, earliest, List.copyOf(written), List.of(), c.now.getEpochSecond()));
    }
    SplBuilder.Search search = SplBuilder.build(feed, c.tuning.rules());
    if (!search.note().isEmpty()) {
      c.log.info(key + ": " + search.note());
    }
    boolean complete = true;
    long sent;
    try (WindowWriter out = new WindowWriter(c, key, earliest, written, totals)) {
      if (search.spl() != null) {
        complete = read(c, feed, search.spl(), earliest, out, totals);
      }
      if (c.stanza.dryRun()) {
        c.log.info(key + ": dry run, " + out.found + " risk events not written, checkpoint not moved");
        return;
      }
      out.flush();
      out.finish();
      sent = out.sent;
    }
    if (!complete) {
      totals.failed.add(feed.id());
      return;
    }
    c.store.save(new Checkpoint(key, c.latest, List.of(), List.of(), c.now.getEpochSecond()));
    c.log.info(key + ": window " + earliest + ".." + c.latest + " committed, " + sent + " risk events written");
  }

  /**
   * Streams the feed's rows through the engine into {@code out}, which writes a batch whenever one is full.
   * Returns false when the row limit cut the window short: what was read is still written, but the checkpoint
   * stays, and the next run reads the window again (its risk events are known and not written twice).
   */
  private boolean read(FeedContext c, Feed feed, String spl, long earliest, WindowWriter out, Totals totals)
      throws IOException, SplunkException, CheckpointException {
    String key = c.stanza.name() + ":" + feed.id();
    Scorer scorer = new Scorer(c.tuning.rules(), c.tuning.fields());
    LocalDate today = LocalDate.ofInstant(c.now, ZoneOffset.UTC);
    Scorer.Sink sink = (event, from) -> {
      if (c.tuning.allowlist().suppressing(event, today) != null) {
        totals.allowlisted++;
      } else {
        out.add(event);
      }
    };
    long rows = 0;
    try (ResultStream rs = c.client.export(spl, Long.toString(earliest), Long.toString(c.latest))) {
      Map<String, List<String>> row;
      while ((row = rs.next()) != null) {
        if (rows == c.stanza.maxRows()) {
          c.log.error(key + ": more than max_rows=" + c.stanza.maxRows() + " rows in window " + earliest + ".."
              + c.latest + "; the rows read were scored and written, the checkpoint was not moved. Narrow the "
              + feed.filterMacro() + " macro or raise max_rows.");
          totals.limitHit = true;
          totals.rows += rows;
          return false;
        }
        rows++;
        List<Record> recs = RowRecords.of(row, "splunk:" + feed.id(), rows, feed.shape() == Feed.Shape.RAW,
            message -> {
              totals.unreadable++;
              c.log.warn(message);
            });
        for (Record rec : recs) {
          scorer.score(rec, sink);
        }
        if (out.full()) {
          out.flush();
        }
      }
    } finally {
      totals.hits += scorer.stats().hits();
    }
    totals.rows += rows;
    return true;
  }

  /**
   * The risk events of one feed's window on their way to the risk index. A full batch is written by the
   * write-ahead thread ({@link WriteAhead}) while the rows go on streaming: at most one batch is being
   * written and one filled. Before each batch its ids are saved in the checkpoint as in flight; after it, as
   * written; batches are written one after the other. Events the checkpoint already lists as written (by a
   * run that died in this window) are counted and not sent again. In a dry run nothing is held or sent.
   * What grows with hits is only the set of written ids.
   */
  private static final class WindowWriter implements AutoCloseable {
    private final FeedContext c;
    private final String key;
    private final long earliest;
    private final Set<String> written;
    private final Totals totals;
    private final RiskWriteOptions options;
    private final WriteAhead ahead = new WriteAhead();
    private List<RiskEvent> batch = new ArrayList<>();
    /** Risk events found in this window (not allowlisted). */
    long found;
    /** Those of them sent by this run: added to by the write-ahead thread, read after {@link #finish}. */
    long sent;

    WindowWriter(FeedContext c, String key, long earliest, Set<String> written, Totals totals) {
      this.c = c;
      this.key = key;
      this.earliest = earliest;
      this.written = written;
      this.totals = totals;
      this.options = new RiskWriteOptions(c.stanza.riskIndex(), c.serverHost, false);
    }

    void add(RiskEvent e) {
      found++;
      totals.riskEvents++;
      if (!c.stanza.dryRun() && !written.contains(e.id())) {
        batch.add(e);
      }
    }

    boolean full() {
      return batch.size() >= c.stanza.batchSize();
    }

    /**
     * Hands what is held, if anything, to the write-ahead thread, once the batch before it is written; throws
     * when some of that one was not written (the checkpoint stays).
     */
    void flush() throws IOException, SplunkException, CheckpointException {
      if (batch.isEmpty()) {
        return;
      }
      List<RiskEvent> events = batch;
      batch = new ArrayList<>();
      ahead.submit(() -> write(events));
    }

    /** Waits for the last batch; throws when some of it was not written. */
    void finish() throws IOException, SplunkException, CheckpointException {
      ahead.finish();
    }

    @Override
    public void close() {
      ahead.close();
    }

    private void write(List<RiskEvent> events) throws SplunkException, CheckpointException {
      List<String> ids = events.stream().map(RiskEvent::id).toList();
      c.store.save(new Checkpoint(key, earliest, List.copyOf(written), ids, c.now.getEpochSecond()));
      WriteResult result = c.client.writeRiskEvents(events, options);
      written.addAll(result.writtenIds());
      sent += result.writtenIds().size();
      totals.written += result.writtenIds().size();
      c.store.save(new Checkpoint(key, earliest, List.copyOf(written), List.of(), c.now.getEpochSecond()));
      if (!result.complete()) {
        WriteResult.FailedBatch first = result.failed().get(0);
        throw first.error() != null ? first.error()
            : new SplunkException(SplunkException.Kind.HTTP, "receivers/simple", 0,
                result.notWrittenIds().size() + " risk events were not written");
      }
    }
  }

  /** Which of {@code ids} the risk index already holds, by searching it for their risk_event_id. */
  private static Set<String> landed(FeedContext c, List<String> ids, long earliest) throws SplunkException {
    StringBuilder in = new StringBuilder();
    for (String id : ids) {
      if (!id.matches("[0-9a-f]{1,64}")) {
        throw new IllegalStateException("checkpoint holds a malformed risk event id");
      }
      in.append(in.length() == 0 ? "" : ", ").append('"').append(id).append('"');
    }
    String spl = "search index=" + c.stanza.riskIndex() + " sourcetype=stash risk_event_id IN (" + in
        + ") | fields risk_event_id";
    Set<String> found = new LinkedHashSet<>();
    long from = earliest - LANDED_LOOKBACK_SECONDS;
    long to = c.now.getEpochSecond() + LANDED_LOOKBACK_SECONDS;
    try (ResultStream rs = c.client.export(spl, Long.toString(from), Long.toString(to))) {
      Map<String, List<String>> row;
      while ((row = rs.next()) != null) {
        for (String v : row.getOrDefault("risk_event_id", List.of())) {
          if (ids.contains(v)) {
            found.add(v);
          }
        }
      }
    }
    return found;
  }

  /**
   * How far around the window the in-flight check looks: risk events carry their source event's time, or the
   * time they were written when the source had none.
   */
  static final long LANDED_LOOKBACK_SECONDS = 86_400;

  private static String describe(Exception e) {
    return e.getMessage() == null ? "failed with " + e.getClass().getSimpleName() : e.getMessage();
  }

  /** Counts over every feed of one stanza's run. */
  static final class Totals {
    long rows;
    long hits;
    long riskEvents;
    long written;
    long allowlisted;
    long unreadable;
    boolean limitHit;
    final List<String> failed = new ArrayList<>();

    /** After an authentication failure no further feed is polled: each counts as failed. */
    void stopAfter(Feed failedFeed, List<Feed> feeds) {
      for (Feed f : feeds.subList(feeds.indexOf(failedFeed) + 1, feeds.size())) {
        failed.add(f.id());
      }
    }

    RunSummary summary(int feeds) {
      Map<String, String> extra = new LinkedHashMap<>();
      extra.put(RunSummary.STATUS, failed.isEmpty() ? RunSummary.OK : failed.size() == feeds ? "failed" : "partial");
      extra.put("allowlisted", Long.toString(allowlisted));
      extra.put("unreadable_rows", Long.toString(unreadable));
      extra.put("max_rows_hit", limitHit ? "1" : "0");
      if (!failed.isEmpty()) {
        extra.put("failed_feeds", String.join(",", failed));
      }
      return new RunSummary(rows, hits, riskEvents, written, extra);
    }
  }
}
