package org.idetunnelrisk.scoring;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.idetunnelrisk.correlation.Correlations;
import org.idetunnelrisk.correlation.Correlator;
import org.idetunnelrisk.engine.Engine;
import org.idetunnelrisk.engine.Hit;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.source.Layout;
import org.idetunnelrisk.source.Normalizer;

/**
 * Normalizes records, evaluates them, and hands each distinct risk event to a sink exactly once (by its
 * stable id, so the same event read twice, from two files or two exports, is written once).
 *
 * <p>With correlation rules, every hit of a rule a correlation names also goes to a {@link Correlator}, whose
 * results are risk events like the rest (handed to the sink with the record that completed them; those decided
 * only at the end, by {@link #finish}, with none). A rule referenced by correlations only with
 * {@code generate: false} gives no risk event of its own. A scorer made {@link #deferring} correlates nothing
 * itself: it hands each such hit to its caller, which correlates the hits of several scorers together (the
 * modular input: every feed of a poll, oldest first).
 *
 * <p>Not thread-safe: one scorer per run. Memory grows only with the number of distinct risk events
 * emitted (their ids) and the correlator's bounded state, never with the number of records.
 */
public final class Scorer {
  /** Receives each new risk event, with the record it came from. */
  @FunctionalInterface
  public interface Sink {
    void accept(RiskEvent event, Record from);
  }

  private final Normalizer normalizer;
  private final Engine engine;
  private final ScanStats stats = new ScanStats();
  private final IdSet emitted = new IdSet();
  private final Predicate<RiskEvent> allowlisted;
  private final Correlations correlations;
  private final Evaluable evaluable;
  /** Null when no correlation rule is loaded, or when hits are deferred. */
  private final Correlator correlator;
  /** Where hits of rules a correlation names go when they are not correlated here; null otherwise. */
  private final Consumer<Hit> deferred;

  public Scorer(List<Rule> rules, FieldTable fields) {
    this(rules, fields, e -> false);
  }

  /**
   * @param allowlisted true for a risk event an allowlist suppresses: it is counted
   *     ({@link ScanStats#allowlisted()}) and not passed on
   */
  public Scorer(List<Rule> rules, FieldTable fields, Predicate<RiskEvent> allowlisted) {
    this(rules, fields, Correlations.NONE, Correlator.Settings.OFFLINE, allowlisted);
  }

  /** With correlation rules, their state bounded by {@code settings}. */
  public Scorer(List<Rule> rules, FieldTable fields, Correlations correlations, Correlator.Settings settings) {
    this(rules, fields, correlations, settings, e -> false);
  }

  /** With correlation rules and an allowlist. */
  public Scorer(List<Rule> rules, FieldTable fields, Correlations correlations, Correlator.Settings settings,
      Predicate<RiskEvent> allowlisted) {
    this(rules, fields, correlations, correlations.isEmpty() ? null : new Correlator(correlations, settings),
        allowlisted, null);
  }

  private Scorer(List<Rule> rules, FieldTable fields, Correlations correlations, Correlator correlator,
      Predicate<RiskEvent> allowlisted, Consumer<Hit> deferred) {
    this.engine = new Engine(rules, fields.canonicalFields());
    this.normalizer = new Normalizer(fields, engine.fieldIndex());
    this.allowlisted = allowlisted;
    this.correlations = correlations;
    this.evaluable = new Evaluable(rules);
    this.correlator = correlator;
    this.deferred = deferred;
  }

  /**
   * A scorer whose hits of rules the correlations name go to {@code deferred} instead of a correlator of its own;
   * rules they name only with {@code generate: false} still give no risk event. Its caller correlates.
   */
  public static Scorer deferring(List<Rule> rules, FieldTable fields, Correlations correlations,
      Consumer<Hit> deferred) {
    return new Scorer(rules, fields, correlations, null, e -> false, deferred);
  }

  /** The correlator, or null when no correlation rule is loaded. */
  public Correlator correlator() {
    return correlator;
  }

  public Engine engine() {
    return engine;
  }

  public ScanStats stats() {
    return stats;
  }

  /** Counts {@code n} records a prefilter skipped unparsed (they count as read; no rule can match them). */
  public void skipped(long n) {
    stats.recordsSkipped(n);
  }

  /** As {@link #skipped(long)}, and counted for the input named {@code origin} ({@link ScanStats#byInput()}). */
  public void skipped(String origin, long n) {
    stats.recordsSkipped(n);
    stats.inputPrefiltered(origin, n);
  }

  /** Tells the format of the input named {@code origin} ({@link ScanStats.Input#format()}), listing it if new. */
  public void input(String origin, String format) {
    stats.inputFormat(origin, format);
  }

  /** Scores one record; returns the number of new risk events passed to {@code sink}. */
  public int score(Record record, Sink sink) {
    stats.recordRead();
    Layout layout = Normalizer.layout(record);
    Row row = normalizer.toRow(record, layout);
    boolean known = evaluable.test(row);
    stats.recordEvaluated(record.origin(), layout == Layout.NATIVE && !known ? "unknown" : layout.label(), known,
        record.fields().keySet());
    List<Hit> hits = engine.evaluate(row);
    int n = 0;
    for (Hit hit : hits) {
      stats.hit();
      if (correlator != null) {
        n += emit(correlator.accept(hit), record, sink);
      } else if (deferred != null && !correlations.referencing(hit.rule().id()).isEmpty()) {
        deferred.accept(hit);
      }
      if (correlations.silent(hit.rule().id())) {
        continue;
      }
      stats.suppressed(hit.suppressed());
      if (hit.unattributed()) {
        stats.unattributed(hit.rule(), record.location());
        continue;
      }
      for (RiskEvent e : hit.riskEvents()) {
        if (emitted.add(e.id())) {
          if (allowlisted.test(e)) {
            stats.riskEventAllowlisted();
            continue;
          }
          stats.riskEvent(hit.rule().title(), e);
          sink.accept(e, record);
          n++;
        } else {
          stats.duplicate();
        }
      }
    }
    return n;
  }

  /**
   * After a batch of records (a poll of the modular input): decides the correlation windows the newest event
   * time has closed, drops expired state, and hands the results to {@code sink} with a null record. The
   * correlator's {@link Correlator#snapshot()} is then what a checkpoint saves. Returns the number of new risk
   * events.
   */
  public int advance(Sink sink) {
    return correlator == null ? 0 : emit(correlator.advance(), null, sink);
  }

  /**
   * End of input: decides the correlation windows still open (conditions with an upper bound) and hands their
   * results to {@code sink} with a null record. Returns the number of new risk events.
   */
  public int finish(Sink sink) {
    return correlator == null ? 0 : emit(correlator.finish(), null, sink);
  }

  private int emit(List<Correlator.Result> results, Record record, Sink sink) {
    int n = 0;
    for (Correlator.Result r : results) {
      if (emitted.add(r.event().id())) {
        if (allowlisted.test(r.event())) {
          stats.riskEventAllowlisted();
          continue;
        }
        stats.riskEvent(r.rule().title(), r.event());
        stats.correlationRiskEvent();
        sink.accept(r.event(), record);
        n++;
      } else {
        stats.duplicate();
      }
    }
    return n;
  }
}
