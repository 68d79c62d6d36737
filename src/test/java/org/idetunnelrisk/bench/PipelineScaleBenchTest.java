package org.idetunnelrisk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import org.idetunnelrisk.alert.AlertActionMain;
import org.idetunnelrisk.app.AppHome;
import org.idetunnelrisk.app.Poller;
import org.idetunnelrisk.app.ResultsScorer;
import org.idetunnelrisk.bench.CorpusGenerator.Format;
import org.idetunnelrisk.modinput.ModularInputMain;
import org.idetunnelrisk.spl.Feed;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale measurements of the two Splunk-facing paths, in process against the loopback Splunk emulator: the
 * alert action ({@link AlertActionMain} with {@link ResultsScorer}) on a generated gzipped results CSV, and
 * the modular input ({@link Poller} through {@link ModularInputMain}) on a generated export stream made as it
 * is sent (nothing held). Each path runs once at 10,000 rows to warm up, then at 10,000 rows and at
 * {@code bench.rows} (default 1,000,000) with the default 0.1% planted events, then at {@code bench.rows} with
 * none (separating what grows with rows from what grows with risk events), printing rows/s and peak live heap
 * ({@link HeapProbe}; the emulator, in the same JVM, counts requests without keeping them) to stdout, which
 * surefire writes to {@code target/surefire-reports/org.idetunnelrisk.bench.PipelineScaleBenchTest-output.txt}.
 *
 * <p>Not part of {@code mvn verify}: each test runs only when its system property is set:
 * {@code mvn -B -o test -Dtest=PipelineScaleBenchTest -Dbench.alert=1 -Dbench.modinput=1
 * "-DargLine=-Xmx256m -Dsun.net.httpserver.nodelay=true" -Dsurefire.failIfNoSpecifiedTests=false}. Without
 * {@code sun.net.httpserver.nodelay} the JDK server under the emulator answers each request about 40 ms late
 * (Nagle's algorithm against delayed ACKs on loopback), which then dominates the time: one request per risk
 * event.
 */
class PipelineScaleBenchTest {
  static final String KEY = "benchSessionKey-5b21e0";
  static final long SMALL = 10_000;
  /** How often the heap probe forces a full collection to sample the live heap. */
  static final long SAMPLE_MILLIS = 250;
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:34:56Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static long rows() {
    return Long.getLong("bench.rows", 1_000_000L);
  }

  /** Risk events expected at least at the default fraction: every planted event fires one rule or more. */
  static long planted(long n) {
    return (long) Math.floor(n * CorpusGenerator.DEFAULT_FRACTION);
  }

  record Measure(long rows, double seconds, HeapProbe.Peak heap, long riskEvents) {
    double rowsPerSecond() {
      return rows / seconds;
    }

    String line(String what) {
      return String.format(Locale.ROOT, "%s rows=%d seconds=%.2f rows_per_s=%.0f peak_after_full_gc_mb=%.1f"
          + " peak_after_any_gc_mb=%.1f pool_peak_mb=%.1f risk_events=%d", what, rows, seconds, rowsPerSecond(),
          heap.fullBytes() / 1e6, heap.liveBytes() / 1e6, heap.poolBytes() / 1e6, riskEvents);
    }
  }

  // ---------------------------------------------------------------- alert action

  @Test
  @EnabledIfSystemProperty(named = "bench.alert", matches = "1")
  void alertActionOnAGzippedResultsFile() throws Exception {
    double f = CorpusGenerator.DEFAULT_FRACTION;
    alert(corpus(SMALL, f, "warmup"), SMALL, f);
    Measure a = alert(corpus(SMALL, f, "small"), SMALL, f);
    Path big = corpus(rows(), f, "big");
    Measure b = alert(big, rows(), f);
    Measure quiet = alert(corpus(rows(), 0, "quiet"), rows(), 0);
    double gz = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      gz = Math.min(gz, gzipWc(big, rows() + 1));
    }
    System.out.println(conditions());
    System.out.println(a.line("alert_action"));
    System.out.println(b.line("alert_action"));
    System.out.println(quiet.line("alert_action_no_planted_events"));
    System.out.printf(Locale.ROOT, "gzip_dc_wc_l seconds=%.2f (best of 3) file_mb=%.1f%n", gz, Files.size(big) / 1e6);
    System.out.printf(Locale.ROOT, "alert_action_vs_gzip ratio=%.2f (target <= 3)%n", b.seconds() / gz);
    System.out.printf(Locale.ROOT, "alert_action_heap ratio_big_to_10k=%.2f no_planted_ratio=%.2f%n",
        (double) b.heap().fullBytes() / a.heap().fullBytes(), (double) quiet.heap().fullBytes() / a.heap().fullBytes());
  }

  Path corpus(long n, double fraction, String name) throws IOException {
    return new CorpusGenerator(42, fraction).write(Format.CSV_GZ, n, dir.resolve(name + ".csv.gz")).file();
  }

  static String conditions() {
    return String.format(Locale.ROOT, "jvm max_heap_mb=%.0f sun.net.httpserver.nodelay=%s cores=%d",
        Runtime.getRuntime().maxMemory() / 1e6, System.getProperty("sun.net.httpserver.nodelay", "false"),
        Runtime.getRuntime().availableProcessors());
  }

  Measure alert(Path resultsFile, long n, double fraction) throws IOException {
    try (FakeSplunk fake = FakeSplunk.http(KEY).keepNoRequests()) {
      Path home = Files.createDirectories(dir.resolve("home-" + n));
      Path dispatch = Files.createDirectories(home.resolve("var/run/splunk/dispatch/scheduler__admin_x_at_1_1"));
      Path results = Files.move(resultsFile, dispatch.resolve("results.csv.gz"));
      String payload = "{\"app\":\"ide_tunnel_risk\",\"owner\":\"admin\",\"server_host\":\"sh1\",\"server_uri\":\""
          + fake.uri() + "\",\"session_key\":\"" + KEY + "\",\"sid\":\"scheduler__admin_x_at_1_1\","
          + "\"search_name\":\"Bench\",\"results_file\":\"" + results + "\",\"results_link\":\"x\","
          + "\"configuration\":{\"rules\":\"auto\",\"max_rows\":\"" + (n + 1) + "\"},\"result\":{}}";
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
      HeapProbe probe = HeapProbe.sampling(SAMPLE_MILLIS);
      long t0 = System.nanoTime();
      int exit = new AlertActionMain(new ResultsScorer(AppHome.at(null), CLOCK, errStream), CLOCK).run(
          new String[] {"--execute"}, new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)),
          new PrintStream(out, true, StandardCharsets.UTF_8), errStream, Map.of("SPLUNK_HOME", home.toString()));
      double seconds = (System.nanoTime() - t0) / 1e9;
      HeapProbe.Peak heap = probe.stop();
      Files.move(results, resultsFile);
      String log = err.toString(StandardCharsets.UTF_8);
      assertEquals(0, exit, log);
      assertTrue(log.contains("INFO rows=" + n + " "), log);
      long events = fake.receivers().acceptedCount();
      assertTrue(fraction == 0 ? events == 0 : events >= planted(n), events + " risk events for " + planted(n) + " planted");
      return new Measure(n, seconds, heap, events);
    }
  }

  /** Seconds {@code gzip -dc FILE | wc -l} takes as a child process; checks the line count. */
  static double gzipWc(Path file, long lines) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", "gzip -dc \"$1\" | wc -l", "sh", file.toString());
    pb.redirectErrorStream(true);
    long t0 = System.nanoTime();
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), out);
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(Long.toString(lines), out);
    return seconds;
  }

  // ---------------------------------------------------------------- modular input

  @Test
  @EnabledIfSystemProperty(named = "bench.modinput", matches = "1")
  void modularInputOnAStreamedExport() throws Exception {
    double f = CorpusGenerator.DEFAULT_FRACTION;
    poll(SMALL, f);
    Measure a = poll(SMALL, f);
    Measure b = poll(rows(), f);
    Measure quiet = poll(rows(), 0);
    System.out.println(conditions());
    System.out.println(a.line("modular_input"));
    System.out.println(b.line("modular_input"));
    System.out.println(quiet.line("modular_input_no_planted_events"));
    System.out.printf(Locale.ROOT, "modular_input_heap ratio_big_to_10k=%.2f no_planted_ratio=%.2f (target <= 1.2)%n",
        (double) b.heap().fullBytes() / a.heap().fullBytes(), (double) quiet.heap().fullBytes() / a.heap().fullBytes());
  }

  Measure poll(long n, double fraction) throws IOException {
    try (FakeSplunk fake = FakeSplunk.http(KEY).keepNoRequests()) {
      fake.kvStore().declare("ide_tunnel_risk_state");
      String macro = "`" + Feed.SYSMON.indexMacro() + "`";
      fake.export().respondWithStream(r -> r.form().getOrDefault("search", "").contains(macro)
          ? new CorpusGenerator(42, fraction).lines(Format.EXPORT, n)
          : Collections.<String>emptyIterator());
      // a folder of its own per poll: checkpoint files are always written, and each poll starts afresh
      Path checkpoints = Files.createTempDirectory(dir, "checkpoints-" + n + "-");
      String definition = "<input><server_host>sh1</server_host><server_uri>" + fake.uri() + "</server_uri>"
          + "<session_key>" + KEY + "</session_key><checkpoint_dir>" + checkpoints + "</checkpoint_dir>"
          + "<configuration><stanza name=\"ide_tunnel_risk://bench\" app=\"ide_tunnel_risk\">"
          + "<param name=\"feeds\">sysmon</param><param name=\"max_rows\">" + (n + 1) + "</param>"
          + "<param name=\"interval\">3600</param></stanza></configuration></input>";
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      HeapProbe probe = HeapProbe.sampling(SAMPLE_MILLIS);
      long t0 = System.nanoTime();
      int exit = new ModularInputMain(new Poller(AppHome.at(null), CLOCK), CLOCK).run(new String[0],
          new ByteArrayInputStream(definition.getBytes(StandardCharsets.UTF_8)),
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      double seconds = (System.nanoTime() - t0) / 1e9;
      HeapProbe.Peak heap = probe.stop();
      String log = err.toString(StandardCharsets.UTF_8);
      assertEquals(0, exit, log);
      long events = fake.receivers().acceptedCount();
      assertTrue(fraction == 0 ? events == 0 : events >= planted(n), events + " risk events for " + planted(n)
          + " planted: " + log);
      assertTrue(out.toString(StandardCharsets.UTF_8).contains("rows_read=" + n), "rows read");
      return new Measure(n, seconds, heap, events);
    }
  }
}
