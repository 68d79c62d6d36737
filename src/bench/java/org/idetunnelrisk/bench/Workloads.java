package org.idetunnelrisk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.idetunnelrisk.engine.Engine;
import org.idetunnelrisk.engine.Hit;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.InputException;
import org.idetunnelrisk.read.RawFilters;
import org.idetunnelrisk.read.ReadLimits;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.prefilter.RawPrefilter;
import org.idetunnelrisk.scoring.Scorer;
import org.idetunnelrisk.sigma.RuleLoader;

/**
 * The measured operations, shared by the {@code bench} command and the JMH benchmarks: read a file (parse
 * only), scan a file (the scan command's path without output formatting), evaluate rows, and the floor of
 * evaluating: one pass over every value of every row. Stateless.
 */
public final class Workloads {
  private Workloads() {}

  /** Every record of {@code file}, parsed by the reader its content selects; returns how many. */
  public static long parseOnly(Path file) throws IOException {
    long n = 0;
    try (RecordReader r = Readers.open(file)) {
      while (true) {
        Record rec;
        try {
          rec = r.next();
        } catch (InputException e) {
          if (e.recoverable()) {
            continue;
          }
          throw e;
        }
        if (rec == null) {
          return n;
        }
        n++;
      }
    }
  }

  /** Scans {@code file} as {@code scan} does (prefilter, normalize, evaluate, deduplicate); returns risk events. */
  public static long scan(Path file, Scorer scorer, RawFilters filters) throws IOException {
    long[] events = new long[1];
    try (RecordReader r = Readers.open(file, ReadLimits.DEFAULT, filters)) {
      while (true) {
        Record rec;
        try {
          rec = r.next();
        } catch (InputException e) {
          if (e.recoverable()) {
            continue;
          }
          throw e;
        }
        if (rec == null) {
          break;
        }
        scorer.score(rec, (e, from) -> events[0]++);
      }
      scorer.skipped(r.skipped());
    }
    return events[0];
  }

  /** A scorer with the shipped rules and fields. */
  public static Scorer shippedScorer() {
    FieldTable fields = FieldTable.shipped();
    return new Scorer(new RuleLoader(fields).loadShipped().rules(), fields);
  }

  /** The shipped rules' prefilter. */
  public static RawPrefilter shippedPrefilter() {
    FieldTable fields = FieldTable.shipped();
    return RawPrefilter.of(new RuleLoader(fields).loadShipped().rules(), fields);
  }

  /** Normalized rows of a file (all of them in memory), built for the engine whose field index is {@code index}. */
  public static List<Row> rows(Path file, org.idetunnelrisk.engine.FieldIndex index) {
    org.idetunnelrisk.source.Normalizer norm = new org.idetunnelrisk.source.Normalizer(FieldTable.shipped(), index);
    List<Row> rows = new ArrayList<>();
    try (RecordReader r = Readers.open(file)) {
      for (Record rec; (rec = r.next()) != null; ) {
        rows.add(norm.toRow(rec));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** Evaluates every row; returns the number of hits. */
  public static long evaluate(Engine engine, List<Row> rows) {
    long hits = 0;
    for (Row row : rows) {
      List<Hit> h = engine.evaluate(row);
      hits += h.size();
    }
    return hits;
  }

  /** The floor of evaluating: every character of every value of every row read once. */
  public static long touchValues(List<Row> rows) {
    long sum = 0;
    for (Row row : rows) {
      for (String f : row.fieldNames()) {
        for (String v : row.values(f)) {
          for (int i = 0, n = v.length(); i < n; i++) {
            sum += v.charAt(i);
          }
        }
      }
    }
    return sum;
  }
}
