package org.idetunnelrisk.scoring;

import java.util.List;
import org.idetunnelrisk.engine.Engine;
import org.idetunnelrisk.engine.Hit;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.source.Normalizer;

/**
 * Normalizes records, evaluates them, and hands each distinct risk event to a sink exactly once (by its
 * stable id, so the same event read twice, from two files or two exports, is written once).
 *
 * <p>Not thread-safe: one scorer per run. Memory grows only with the number of distinct risk events
 * emitted (their ids), never with the number of records.
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

  public Scorer(List<Rule> rules, FieldTable fields) {
    this.engine = new Engine(rules, fields.canonicalFields());
    this.normalizer = new Normalizer(fields, engine.fieldIndex());
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

  /** Scores one record; returns the number of new risk events passed to {@code sink}. */
  public int score(Record record, Sink sink) {
    stats.recordRead();
    Row row = normalizer.toRow(record);
    List<Hit> hits = engine.evaluate(row);
    int n = 0;
    for (Hit hit : hits) {
      stats.hit();
      stats.suppressed(hit.suppressed());
      if (hit.unattributed()) {
        stats.unattributed(hit.rule(), record.location());
        continue;
      }
      for (RiskEvent e : hit.riskEvents()) {
        if (emitted.add(e.id())) {
          stats.riskEvent(hit.rule(), e);
          sink.accept(e, record);
          n++;
        } else {
          stats.duplicate();
        }
      }
    }
    return n;
  }
}
