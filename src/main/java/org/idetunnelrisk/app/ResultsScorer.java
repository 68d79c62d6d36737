package org.idetunnelrisk.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idetunnelrisk.alert.AlertPayload;
import org.idetunnelrisk.alert.AlertScorer;
import org.idetunnelrisk.alert.AlertSettings;
import org.idetunnelrisk.alert.AlertSummary;
import org.idetunnelrisk.correlation.Correlations;
import org.idetunnelrisk.correlation.Correlator;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.engine.RiskSpec;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.InputException;
import org.idetunnelrisk.read.ReadLimits;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.read.RowRecords;
import org.idetunnelrisk.prefilter.RawPrefilter;
import org.idetunnelrisk.scoring.Scorer;
import org.idetunnelrisk.splunk.Log;
import org.idetunnelrisk.splunk.Redactor;
import org.idetunnelrisk.splunk.RiskOrigin;
import org.idetunnelrisk.splunk.RiskWriteOptions;
import org.idetunnelrisk.splunk.SessionKey;
import org.idetunnelrisk.splunk.SplunkClient;
import org.idetunnelrisk.splunk.Sleeper;
import org.idetunnelrisk.splunk.SplunkException;
import org.idetunnelrisk.splunk.WriteResult;

/**
 * The alert action's work: score the rows of a saved search's results file and write the risk events.
 *
 * <p>In {@code auto} mode every row goes through the shipped rules (with the app's tuning), exactly as
 * {@code scan} and the modular input do. In {@code fixed} mode, for searches that are not ours, one rule is
 * made from the action's parameters: it matches every row, its risk object, threat object and message come
 * from the parameters (field names through the field table, so {@code Computer} means {@code dest}), and a
 * row's own {@code risk_score} of 1..100 replaces the configured score, as ES's risk action does.
 *
 * <p>A row whose {@code _raw} is event XML or JSON (the saved searches of raw feeds return it) is parsed
 * from it, as the modular input does ({@link RowRecords}). The results file is read as a stream, and risk
 * events are written in batches of {@code batch_size} as rows are scored, so memory grows with neither rows
 * nor hits; a batch not wholly written ends the action. At most {@code max_rows} rows are scored. When the
 * file holds more, the risk events of the rows read are still written and the action then fails with a
 * message saying so, so the cut is never silent. Allowlisted risk events are dropped and counted.
 *
 * <p>TLS to splunkd as the modular input's ({@link ClientTls}): {@code ca_cert_path}, else splunkd's own CA file
 * ({@link SplunkdCa}, found from {@code SPLUNK_HOME}), is trusted besides the JVM's store;
 * {@code ssl_hostname_check = loopback_chain_only} verifies a loopback server's chain against that file alone.
 */
public final class ResultsScorer implements AlertScorer {
  private static final Pattern TOKEN = Pattern.compile("\\$([A-Za-z0-9_.\\-]+)\\$");

  private final AppHome home;
  private final Clock clock;
  private final Sleeper sleeper;
  private final PrintStream err;
  private final Map<String, String> env;

  /**
   * @param err where {@code LEVEL message} lines go (splunkd reads the action's stderr); the payload's session
   *     key is masked in every line
   */
  public ResultsScorer(AppHome home, Clock clock, PrintStream err) {
    this(home, clock, Sleeper.REAL, err, System.getenv());
  }

  /**
   * With the sleeper that waits out {@code landed_check_delay} (tests advance their clock instead) and the
   * environment {@code SPLUNK_HOME} is read from (tests give a Splunk tree of their own).
   */
  ResultsScorer(AppHome home, Clock clock, Sleeper sleeper, PrintStream err, Map<String, String> env) {
    this.home = home;
    this.clock = clock;
    this.sleeper = sleeper;
    this.err = err;
    this.env = Map.copyOf(env);
  }

  @Override
  public AlertSummary score(AlertPayload p, AlertSettings s, Path resultsFile) throws Exception {
    SessionKey key = p.sessionKey().orElseThrow(() -> new IllegalArgumentException("the payload has no session_key"));
    Log log = Log.lines(err, new Redactor().add(key));
    Tuning tuning = home.load(Optional.empty());
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    tuning.warnings(today).forEach(log::warn);
    tuning.notes().forEach(log::info);
    List<Rule> rules = s.rules() == AlertSettings.Rules.AUTO ? autoRules(tuning, s.ruleIds())
        : List.of(fixedRule(p, s, tuning.fields()));
    boolean fixed = s.rules() == AlertSettings.Rules.FIXED;
    // correlations within this one result set: every row's hits, in any order, decided at its end
    Scorer scorer = new Scorer(rules, tuning.fields(), fixed ? Correlations.NONE : tuning.correlations(),
        Correlator.Settings.OFFLINE);
    long rows = 0;
    long unreadable = 0;
    boolean cut = false;
    // where the risk events came from, as ES's risk action writes it: the job, this action, the job's time range
    DispatchInfo info = DispatchInfo.of(resultsFile, log);
    RiskOrigin origin =
        new RiskOrigin(p.sid(), AlertActionIds.ACTION, info.minTime(), info.maxTime(), info.searchTime());
    String host = p.serverHost() == null || p.serverHost().isBlank() ? "ide_tunnel_risk" : p.serverHost();
    long[] allowlisted = {0};
    RiskWriteOptions options = new RiskWriteOptions(s.index(), host, tuning.tactics(), origin);
    SplunkClient[] client = {null};
    SettleWithinRun ledger =
        new SettleWithinRun(() -> client[0], options, s.index(), s.landedCheckDelay(), clock, sleeper, log);
    try (RiskBatches out = RiskBatches.connectingAtFirstBatch(() -> client[0] = connect(p, s, key, log),
        s.batchSize(), options, ledger)) {
      Scorer.Sink sink = (event, from) -> {
        RiskEvent e = fixed ? withRowScore(event, from) : event;
        if (tuning.allowlist().suppressing(e, today) != null) {
          allowlisted[0]++;
        } else {
          out.add(e);
        }
      };
      // Rows no rule can match are skipped from their bytes; they still count as rows read.
      try (RecordReader r = Readers.open(resultsFile, ReadLimits.DEFAULT, RawPrefilter.filters(rules))) {
        while (true) {
          Record rec;
          try {
            rec = r.next();
          } catch (InputException e) {
            unreadable++;
            log.warn(e.getMessage());
            if (e.recoverable()) {
              continue;
            }
            throw new IOException("results file could not be read past " + e.getMessage(), e);
          }
          if (rec == null) {
            cut = rows + r.skipped() > s.maxRows();
            break;
          }
          if (rows + r.skipped() >= s.maxRows()) {
            cut = true;
            break;
          }
          rows++;
          long[] bad = {0};
          RiskOrigin.Row from = RiskOrigin.Row.of(rec.number() - 1, rec.fields());
          for (Record one : RowRecords.of(rec, message -> {
            bad[0]++;
            log.warn(message);
          })) {
            scorer.score(one, (event, record) -> sink.accept(from.stamp(event), record));
          }
          unreadable += bad[0];
          if (out.full()) {
            out.flush();
          }
        }
        rows = Math.min(rows + r.skipped(), s.maxRows());
      }
      scorer.finish(sink);
      if (scorer.correlator() != null && scorer.correlator().counts().overCap() > 0) {
        log.warn("correlation state held its cap of " + Correlator.Settings.OFFLINE.maxHeldEvents() + " events: "
            + scorer.correlator().counts().overCap() + " hit(s) were not correlated");
      }
      out.flush();
      out.finish();
      long written = out.written() + ledger.settled();
      log.info("rows=" + rows + " hits=" + scorer.stats().hits() + " risk_events=" + out.added() + " written="
          + written + " allowlisted=" + allowlisted[0] + " unreadable_rows=" + unreadable);
      if (cut) {
        throw new IOException("the results file has more than max_rows=" + s.maxRows() + " rows; the first "
            + s.maxRows() + " were scored and their " + written + " risk events written, the rest were not scored."
            + " Raise max_rows or narrow the search.");
      }
      return new AlertSummary(rows, scorer.stats().hits(), out.added(), written);
    }
  }

  /** The client for the payload's splunkd, made at the first batch (a search with no hits makes no call). */
  private SplunkClient connect(AlertPayload payload, AlertSettings settings, SessionKey key, Log log)
      throws SplunkException {
    org.idetunnelrisk.splunk.Settings.Builder cs = ClientTls.apply(org.idetunnelrisk.splunk.Settings
        .builder(org.idetunnelrisk.splunk.Settings.parseServerUri(payload.serverUri())).riskIndex(settings.index()),
        settings.verifySsl(), settings.loopbackChainOnly(), settings.caCertPath(), env, log);
    return SplunkClient.connect(cs.build(), key, log);
  }

  /**
   * The alert action keeps no checkpoint, so a write sent without a clear answer is settled within the run: the
   * risk index is asked for those risk events; those it does not hold yet are asked for again once
   * {@code landed_check_delay} has passed; only those still missing are sent again, once. A batch refused
   * outright, a second write without a clear answer, or a risk index that cannot be searched ends the action
   * with the count of what was and was not written: nothing is sent twice.
   */
  private static final class SettleWithinRun implements RiskBatches.Ledger {
    private final Supplier<SplunkClient> client;
    private final RiskWriteOptions options;
    private final String riskIndex;
    private final int delay;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Log log;
    /** Risk events sent so far, batch by batch on the write-ahead thread. */
    private long submitted;
    /** Risk events found in the risk index or sent again after a write without a clear answer. */
    private final AtomicLong settled = new AtomicLong();

    SettleWithinRun(Supplier<SplunkClient> client, RiskWriteOptions options, String riskIndex,
        int delay, Clock clock, Sleeper sleeper, Log log) {
      this.client = client;
      this.options = options;
      this.riskIndex = riskIndex;
      this.delay = delay;
      this.clock = clock;
      this.sleeper = sleeper;
      this.log = log;
    }

    long settled() {
      return settled.get();
    }

    @Override
    public void sending(List<RiskEvent> events) {
      // nothing to record before a batch
    }

    @Override
    public void answered(List<RiskEvent> events, WriteResult result) throws IOException {
      submitted += events.size();
      if (result.complete()) {
        return;
      }
      List<String> unknown = result.unknownIds();
      if (unknown.size() < result.notWrittenIds().size()) {
        throw notWritten(result.notWrittenIds().size(), result);
      }
      Set<String> ids = Set.copyOf(unknown);
      List<RiskEvent> flying = events.stream().filter(e -> ids.contains(e.id())).toList();
      log.warn(flying.size() + " risk events were sent without a clear answer (" + why(result)
          + "); asking the risk index for them before any is sent again");
      Set<String> landed;
      try {
        landed = RiskIndexLookup.landedWaitingOnce(wanted -> lookUp(flying, wanted), unknown, () -> delay, sleeper,
            (missing, wait) -> log.info(missing + " of " + unknown.size() + " are not in the risk index yet; waiting "
                + wait + " s (landed_check_delay) for indexing before deciding"));
      } catch (SplunkException e) {
        throw new IOException(flying.size() + " of " + submitted + " risk events were sent without a clear answer and"
            + " the risk index could not be searched for them (" + e.getMessage() + "): none was sent again, so they"
            + " may be missing; the rest of the results were not scored");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for indexing; the rest of the results were not scored");
      }
      List<RiskEvent> missing = flying.stream().filter(e -> !landed.contains(e.id())).toList();
      settled.addAndGet(landed.size());
      log.info(landed.size() + " of " + flying.size() + " had reached the risk index; " + missing.size()
          + " had not and are sent again");
      if (!missing.isEmpty()) {
        WriteResult again = client.get().writeRiskEvents(missing, options);
        settled.addAndGet(again.writtenIds().size());
        if (!again.complete()) {
          throw notWritten(again.notWrittenIds().size(), again);
        }
      }
    }

    /** Which of {@code ids} the risk index holds, searched over the time range of {@code flying} up to now. */
    private Set<String> lookUp(List<RiskEvent> flying, List<String> ids) throws SplunkException {
      long now = clock.instant().getEpochSecond();
      RiskIndexLookup.TimeRange range = RiskIndexLookup.TimeRange.of(flying, now);
      return RiskIndexLookup.landed(client.get(), riskIndex, ids, range.first() - 1, Math.max(range.last(), now) + 2);
    }

    private IOException notWritten(int count, WriteResult result) {
      String why = why(result);
      return new IOException(count + " of " + submitted + " risk events were not written: "
          + (why.endsWith(".") ? why.substring(0, why.length() - 1) : why) + "; the rest of the results were not scored");
    }

    private static String why(WriteResult result) {
      WriteResult.FailedBatch first = result.failed().get(0);
      return first.error() == null ? "no answer" : first.error().getMessage();
    }
  }

  /**
   * The rules of auto mode: all of them, or those {@code rule_ids} names. A rule disabled in
   * ide_tunnel_risk.conf scores nothing; an id no rule has is an error (a typo must not silently score nothing).
   */
  static List<Rule> autoRules(Tuning tuning, List<String> ids) {
    if (ids.isEmpty()) {
      return tuning.rules();
    }
    List<Rule> out = new ArrayList<>();
    for (String id : ids) {
      Rule found = tuning.rules().stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
      if (found != null) {
        out.add(found);
      } else if (!tuning.overrides().byRuleId().containsKey(id)) {
        throw new IllegalArgumentException("rule_ids: no rule has the id '" + id + "'");
      }
    }
    return out;
  }

  /** The rule fixed mode scores every row with. */
  static Rule fixedRule(AlertPayload p, AlertSettings s, FieldTable fields) {
    String field = fields.ruleField(s.riskObjectField().orElseThrow());
    String name = p.searchName() == null || p.searchName().isBlank() ? "ad hoc sendalert" : p.searchName();
    List<RiskSpec.ThreatObject> threats = new ArrayList<>();
    s.threatObjectField().ifPresent(f -> threats.add(
        new RiskSpec.ThreatObject(fields.ruleField(f), s.threatObjectType().orElse("other"))));
    String template = s.riskMessage().isBlank() ? name : s.riskMessage();
    Matcher m = TOKEN.matcher(template);
    StringBuilder message = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(message, Matcher.quoteReplacement("$" + fields.ruleField(m.group(1)) + "$"));
    }
    m.appendTail(message);
    RiskSpec risk = new RiskSpec(message.toString(),
        List.of(new RiskSpec.RiskObject(List.of(field),
            RiskSpec.ObjectType.valueOf(s.riskObjectType().name()), s.riskScore().orElseThrow())),
        threats, List.of(), List.of(), List.of());
    return new Rule(AlertActionIds.ruleId(name), name, name, "medium", LogSource.ANY,
        new org.idetunnelrisk.engine.Matcher.Const(true), risk, "alert action " + AlertActionIds.ACTION);
  }

  /** The event with the row's own {@code risk_score} (1..100) when it has one, as ES's risk action does. */
  private static RiskEvent withRowScore(RiskEvent e, Record from) {
    List<String> v = from.fields().get("risk_score");
    if (v == null || v.isEmpty()) {
      return e;
    }
    int score;
    try {
      score = Integer.parseInt(v.get(0).strip());
    } catch (NumberFormatException ex) {
      return e;
    }
    if (score < 1 || score > RiskSpec.MAX_SCORE || score == e.riskScore()) {
      return e;
    }
    return new RiskEvent(e.id(), e.time(), e.riskObject(), e.riskObjectType(), score, e.riskMessage(),
        e.threatObjects(), e.threatObjectTypes(), e.searchName(), e.ruleId(), e.ruleTitle(), e.mitreAttack(),
        e.analyticStories(), e.modifiers(), e.fields());
  }
}
