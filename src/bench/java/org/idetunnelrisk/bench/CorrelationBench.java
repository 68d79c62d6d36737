package org.idetunnelrisk.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.idetunnelrisk.correlation.Correlator;
import org.idetunnelrisk.engine.Engine;
import org.idetunnelrisk.engine.Hit;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.sigma.RuleSet;

/**
 * {@code bench correlate [--events N] [--hosts H] [--hours D]}: the engine with the shipped rules and
 * correlation rules on N normalized rows, every one a hit of a correlated rule (the worst case: in real
 * telemetry almost no row is), spread over H hosts and D hours, a quarter of them out of time order by up to
 * five minutes. Rows are built before timing. Prints rows per second for the engine alone, the engine and the
 * correlator live (10 minutes of lateness) and offline (no lateness: everything held to the end), and for each
 * the events held and the live heap the correlator's state takes (measured after full collections, rows
 * excluded). Not thread-safe; one run per process.
 */
final class CorrelationBench {
  private static final LogSource PROCESS = new LogSource("process_creation", "windows", null);
  private static final LogSource DNS = new LogSource("dns_query", "windows", null);

  private CorrelationBench() {}

  static int run(long events, int hosts, int hours, PrintStream out) {
    FieldTable fields = FieldTable.shipped();
    RuleSet set = new RuleLoader(fields).loadShipped();
    Engine engine = new Engine(set.rules(), fields.canonicalFields());
    List<Row> rows = rows((int) events, hosts, hours);
    out.printf(Locale.ROOT, "rows %d, hosts %d, over %d h; %d rules, %d correlation rules%n", rows.size(), hosts,
        hours, set.rules().size(), set.correlations().rules().size());
    for (int round = 0; round < 2; round++) {
      boolean last = round == 1;
      long t0 = System.nanoTime();
      long hits = 0;
      for (Row r : rows) {
        hits += engine.evaluate(r).size();
      }
      report(out, last, "engine alone", rows.size(), System.nanoTime() - t0, hits, -1, -1, -1);
      for (Correlator.Settings s : List.of(Correlator.Settings.LIVE,
          new Correlator.Settings(Double.POSITIVE_INFINITY, 10_000_000))) {
        long before = liveHeap();
        Correlator c = new Correlator(set.correlations(), s);
        long results = 0;
        t0 = System.nanoTime();
        for (Row r : rows) {
          for (Hit h : engine.evaluate(r)) {
            results += c.accept(h).size();
          }
        }
        results += c.advance().size();
        long took = System.nanoTime() - t0;
        long held = c.counts().held();
        long heap = liveHeap() - before;
        results += c.finish().size();
        String name = s.latenessSeconds() == Double.POSITIVE_INFINITY ? "engine + correlator offline"
            : "engine + correlator live";
        report(out, last, name, rows.size(), took, results, held, heap, c.counts().late());
      }
    }
    return 0;
  }

  private static void report(PrintStream out, boolean print, String what, int rows, long nanos, long outputs,
      long held, long heap, long late) {
    if (!print) {
      return;
    }
    out.printf(Locale.ROOT, "%-30s %,12.0f rows/s  %s%n", what, rows / (nanos / 1e9),
        held < 0 ? "hits " + outputs : String.format(Locale.ROOT, "results %d, held %,d events, state %.1f MB"
            + " (%.0f bytes per held event), late %d", outputs, held, heap / 1e6, held == 0 ? 0.0 : (double) heap / held,
            late));
  }

  /** Live heap after full collections, bytes. */
  private static long liveHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /**
   * Rows alternating tunnel starts (devtunnel.exe host) and relay lookups on random hosts, times rising
   * evenly over the hours; one row in four moved back by up to five minutes.
   */
  static List<Row> rows(int n, int hosts, int hours) {
    Random rnd = new Random(42);
    double t0 = 1_795_000_000;
    double step = hours * 3600.0 / n;
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String host = "host" + rnd.nextInt(hosts) + ".corp.example.com";
      double t = t0 + i * step - (rnd.nextInt(4) == 0 ? rnd.nextInt(300) : 0);
      Row.Builder b = Row.builder().time(t).add("dest", host).eventKey(host + "|Sysmon|" + i);
      if (rnd.nextInt(3) == 0) {
        b.logSource(PROCESS).add("process_name", "devtunnel.exe").add("process", "devtunnel.exe host -p 8080")
            .add("process_path", "C:\\Users\\u\\Downloads\\devtunnel.exe").add("parent_process_name", "cmd.exe");
      } else {
        b.logSource(DNS).add("query", "t" + rnd.nextInt(50) + "-8080.euw.devtunnels.ms")
            .add("process_name", "devtunnel.exe");
      }
      rows.add(b.build());
    }
    return rows;
  }
}
