package org.idetunnelrisk.bench;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.idetunnelrisk.engine.Engine;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.RawFilters;
import org.idetunnelrisk.prefilter.RawPrefilter;
import org.idetunnelrisk.scoring.Scorer;
import org.idetunnelrisk.sigma.RuleLoader;

/**
 * {@code java -jar target/ide-tunnel-risk-bench.jar generate|run|parse|engine|memory}: generates corpora and
 * prints throughput as ratios against floors measured in the same run on the same machine. Built from
 * {@code src/bench/java} into its own jar, which finds the product's classes through its manifest's
 * {@code Class-Path} ({@code ide-tunnel-risk.jar} beside it); the app package never holds it.
 *
 * <ul>
 *   <li>{@code generate [--events N] [--seed S] [--fraction F] [--near-miss F] [--out DIR]}: one corpus per
 *       format, and beside each a {@code .planted} file listing the lines a scan must report; {@code --near-miss}
 *       is the share of benign events that are near misses (default 0.03).</li>
 *   <li>{@code run [--events N] [--out DIR] [--java-opts "..."]}: the figures of BENCHMARKS.md. End-to-end
 *       figures are child processes ({@code java -jar} the product jar for {@code scan}, this jar for
 *       the floors), timed on the wall clock, best of {@value #RUNS} runs taken in turn.</li>
 *   <li>{@code parse FILE}: reads every record with its reader, nothing else (the parse-only floor).</li>
 *   <li>{@code engine FILE [--rules shipped|N] [--distinct D]}: the engine alone on FILE's rows (rows/s).</li>
 *   <li>{@code correlate [--events N] [--hosts H] [--hours D]}: the engine with correlation rules
 *       ({@link CorrelationBench}): rows/s, events held and the correlator's state in MB.</li>
 *   <li>{@code lines FILE}: per-line costs of JSON lines by kind ({@link LineCosts}).</li>
 *   <li>{@code memory FILE}: scans FILE into a counting sink and prints peak live heap (sampled by forced
 *       full collections), peak RSS and the heap's raw peak.</li>
 * </ul>
 * Not thread-safe; one command per process.
 */
public final class BenchCommand {
  private static final String USAGE = "usage: java -jar target/ide-tunnel-risk-bench.jar";
  private final PrintStream out;
  private final PrintStream err;

  public BenchCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** The bench jar's entry point: one subcommand, its exit code. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code;
    try {
      code = new BenchCommand(out, err).run(args);
    } catch (RuntimeException e) {
      err.println("bench: internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      code = 1;
    }
    out.flush();
    System.exit(code);
  }

  public int run(String[] args) {
    if (args.length == 0) {
      err.println(USAGE + " generate|run|parse FILE|memory FILE|engine FILE|correlate|lines FILE [options]");
      return 2;
    }
    if ((args[0].equals("parse") || args[0].equals("memory") || args[0].equals("lines")) && args.length != 2
        || args[0].equals("engine") && (args.length < 2 || args[1].startsWith("--"))) {
      err.println(USAGE + " " + args[0] + " FILE");
      return 2;
    }
    try {
      switch (args[0]) {
        case "generate":
          return generate(option(args, "--events", 1_000_000), option(args, "--seed", 42),
              optionD(args, "--fraction", CorpusGenerator.DEFAULT_FRACTION),
              optionD(args, "--near-miss", CorpusGenerator.DEFAULT_NEAR_MISS), Path.of(optionS(args, "--out", "bench-corpus")));
        case "lines":
          LineCosts.run(Path.of(args[1]), out);
          return 0;
        case "parse":
          out.println(Workloads.parseOnly(Path.of(args[1])));
          return 0;
        case "memory":
          return memory(Path.of(args[1]));
        case "engine":
          return engine(Path.of(args[1]), optionS(args, "--rules", "shipped"), (int) option(args, "--distinct", 2000));
        case "correlate":
          return CorrelationBench.run(option(args, "--events", 1_000_000), (int) option(args, "--hosts", 10_000),
              (int) option(args, "--hours", 24), out);
        case "run":
          return report(option(args, "--events", 1_000_000), Path.of(optionS(args, "--out", "bench-corpus")),
              optionS(args, "--java-opts", "-Xmx128m"));
        default:
          err.println("bench: unknown subcommand '" + args[0] + "'");
          return 2;
      }
    } catch (BadOption e) {
      err.println(e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("bench: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("bench: interrupted");
      return 1;
    }
  }

  private int generate(long events, long seed, double fraction, double nearMiss, Path dir) throws IOException {
    if (!(nearMiss >= 0 && nearMiss <= 1)) {
      throw new BadOption("bench: --near-miss must be within 0..1 but was '" + nearMiss + "'");
    }
    Files.createDirectories(dir);
    CorpusGenerator g = new CorpusGenerator(seed, fraction, nearMiss);
    for (CorpusGenerator.Format f : CorpusGenerator.Format.values()) {
      Path file = dir.resolve("sysmon-" + events + "." + f.extension());
      CorpusGenerator.Corpus c = g.write(f, events, file);
      StringBuilder sb = new StringBuilder();
      c.plantedLines().forEach(l -> sb.append(l).append('\n'));
      Files.writeString(Path.of(file + ".planted"), sb, StandardCharsets.UTF_8);
      out.printf(Locale.ROOT, "%s: %d events, %d planted, %.1f MB%n", file, events, c.plantedLines().size(), Files.size(file) / 1e6);
    }
    return 0;
  }

  /**
   * How often {@code bench memory} forces a full collection to sample the live heap, milliseconds: often enough
   * that a 10 k event run (tens of milliseconds) is sampled while it reads, as a long run is.
   */
  static final long MEMORY_SAMPLE_MILLIS = 10;

  /**
   * Scans FILE without output and prints "peak_live_heap peak_rss peak_heap records risk_events
   * after_any_gc" (bytes). Peak live heap is the most heap in use after a full collection, forced every
   * {@value #MEMORY_SAMPLE_MILLIS} ms during the run and once more at its end while the scan's state is
   * still reachable: what the scan keeps, garbage aside. Peak heap is the pools' peak including garbage not
   * yet collected, which depends on the collector's sizing. After any GC is the most in use after any
   * collection, young ones included (old garbage counted, so it grows with the run's length).
   */
  private int memory(Path file) throws IOException {
    HeapProbe probe = HeapProbe.sampling(MEMORY_SAMPLE_MILLIS);
    Scorer scorer = Workloads.shippedScorer();
    long events = Workloads.scan(file, scorer, RawPrefilter.filters(scorer.engine().rules(), FieldTable.shipped()));
    HeapProbe.Peak peak = probe.stop();
    out.println(peak.fullBytes() + " " + peakRss() + " " + peak.poolBytes() + " " + scorer.stats().records() + " " + events
        + " " + peak.liveBytes());
    return 0;
  }

  private static long peakRss() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  private int report(long events, Path dir, String javaOpts) throws IOException, InterruptedException {
    Path benchJar = codeSource(BenchCommand.class);
    Path jar = codeSource(org.idetunnelrisk.cli.Main.class);
    if (!benchJar.toString().endsWith(".jar") || !jar.toString().endsWith(".jar")) {
      err.println("bench run: start it with java -jar target/ide-tunnel-risk-bench.jar (found classes at " + benchJar
          + " and " + jar + ")");
      return 2;
    }
    Files.createDirectories(dir);
    CorpusGenerator g = new CorpusGenerator(42, CorpusGenerator.DEFAULT_FRACTION);
    Path jsonl = corpus(g, CorpusGenerator.Format.JSONL, events, dir);
    Path csvgz = corpus(g, CorpusGenerator.Format.CSV_GZ, events, dir);
    Path small = corpus(g, CorpusGenerator.Format.JSONL, 10_000, dir);
    Path smallGz = corpus(g, CorpusGenerator.Format.CSV_GZ, 10_000, dir);
    out.printf(Locale.ROOT, "machine: %d cores, %s %s, java %s; child JVM options: %s%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
        System.getProperty("java.version"), javaOpts);

    engineFigures(dir, benchJar, javaOpts);

    double mb = Files.size(jsonl) / 1e6;
    RawPrefilter pf = Workloads.shippedPrefilter();
    List<String> rg = new ArrayList<>(List.of("rg", "-c", "-F", "-i"));
    for (String p : pf.skipLiterals()) {
      rg.add("-e");
      rg.add(p);
    }
    rg.add(jsonl.toString());
    double[] times = best(RUNS, List.of(List.of("java", javaOpts, "-jar", jar.toString(), "scan", jsonl.toString()),
        List.of("java", javaOpts, "-jar", benchJar.toString(), "parse", jsonl.toString()), rg));
    double scan = times[0];
    double parse = times[1];
    double ripgrep = times[2];
    int cores = Runtime.getRuntime().availableProcessors();
    out.printf(Locale.ROOT, "scan %d JSON lines (%.0f MB): %.2f s = %.0f events/s, %.1f MB/s on %d cores = %.1f MB/s per core"
        + " (lines are filtered on every core)%n", events, mb, scan, events / scan, mb / scan, cores, mb / scan / cores);
    out.printf(Locale.ROOT, "  parse-only (same reader, no rules): %.2f s; scan/parse = %.2f (target < 1)%n", parse, scan / parse);
    double[] warm = warmScanAndParse(jsonl);
    out.printf(Locale.ROOT, "  warm, in this JVM (third pass of each, JIT done): scan %.2f s, parse-only %.2f s; scan/parse = %.2f (target < 1)%n",
        warm[0], warm[1], warm[0] / warm[1]);
    out.printf(Locale.ROOT, "  rg -c -F -i with the %d stage-one literals: %.2f s; scan/rg = %.2f (target <= 2)%n",
        pf.skipLiterals().size(), ripgrep, scan / ripgrep);

    nearMissFigures(events, dir, jar, benchJar, javaOpts);

    double mbGz = Files.size(csvgz) / 1e6;
    double[] gzTimes = best(RUNS, List.of(List.of("java", javaOpts, "-jar", jar.toString(), "scan", csvgz.toString()),
        List.of("sh", "-c", "gzip -dc '" + csvgz + "' | wc -l")));
    double scanGz = gzTimes[0];
    double gz = gzTimes[1];
    out.printf(Locale.ROOT, "scan %d rows of gzipped CSV (%.0f MB compressed; the alert action's reading path): %.2f s = %.0f rows/s%n",
        events, mbGz, scanGz, events / scanGz);
    out.printf(Locale.ROOT, "  gzip -dc | wc -l: %.2f s; scan/gzip = %.2f (target <= 3)%n", gz, scanGz / gz);

    for (Path[] pair : new Path[][] {{small, jsonl}, {smallGz, csvgz}}) {
      long[] a = medianMemory(benchJar, javaOpts, pair[0]);
      long[] b = medianMemory(benchJar, javaOpts, pair[1]);
      out.printf(Locale.ROOT, "memory under %s, %s: 10k events: peak live heap %.1f MB (peak heap with garbage %.1f MB), RSS %.1f MB;"
          + " %d events: peak live heap %.1f MB (with garbage %.1f MB), RSS %.1f MB; live heap ratio %.2f (target <= 1.2; median of 3 runs each)%n",
          javaOpts, pair[0].getFileName().toString().replaceAll("^sysmon-10000", ""),
          a[0] / 1e6, a[2] / 1e6, a[1] / 1e6, events, b[0] / 1e6, b[2] / 1e6, b[1] / 1e6, (double) b[0] / a[0]);
    }
    return 0;
  }

  /** The jar (or class folder) a class was loaded from. */
  private static Path codeSource(Class<?> c) {
    return Path.of(new File(c.getProtectionDomain().getCodeSource().getLocation().getPath()).getPath());
  }

  /** Share of near misses in the second JSON lines corpus: a developer-heavy estate. */
  static final double NEAR_MISS = 0.30;

  /**
   * The JSON lines figures again on a corpus where {@value #NEAR_MISS} of benign lines are near misses: scan,
   * parse-only and ripgrep with the stage-one literals, in turns; then {@code bench lines} in a child JVM.
   */
  private void nearMissFigures(long events, Path dir, Path jar, Path benchJar, String javaOpts)
      throws IOException, InterruptedException {
    Path file = dir.resolve("sysmon-" + events + "-near30." + CorpusGenerator.Format.JSONL.extension());
    if (!Files.exists(file)) {
      new CorpusGenerator(42, CorpusGenerator.DEFAULT_FRACTION, NEAR_MISS).write(CorpusGenerator.Format.JSONL, events, file);
    }
    RawPrefilter pf = Workloads.shippedPrefilter();
    List<String> rg = new ArrayList<>(List.of("rg", "-c", "-F", "-i"));
    for (String p : pf.skipLiterals()) {
      rg.add("-e");
      rg.add(p);
    }
    rg.add(file.toString());
    double[] t = best(RUNS, List.of(List.of("java", javaOpts, "-jar", jar.toString(), "scan", file.toString()),
        List.of("java", javaOpts, "-jar", benchJar.toString(), "parse", file.toString()), rg));
    out.printf(Locale.ROOT, "near misses (30%%): scan %d JSON lines (%.0f MB): %.2f s; parse-only %.2f s (scan/parse %.2f);"
        + " rg %.2f s; scan/rg = %.2f (target <= 2)%n", events, Files.size(file) / 1e6, t[0], t[1], t[0] / t[1], t[2], t[0] / t[2]);
    List<String> cmd = new ArrayList<>(List.of("java"));
    cmd.addAll(List.of(javaOpts.split(" ")));
    cmd.addAll(List.of("-jar", benchJar.toString(), "lines", file.toString()));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("bench lines failed for " + file);
    }
    for (String line : text.strip().split("\n")) {
      out.println("  " + line);
    }
  }

  /** Scan and parse-only of the same file in this JVM, three passes each; the last pass's seconds. */
  private static double[] warmScanAndParse(Path file) throws IOException {
    FieldTable fields = FieldTable.shipped();
    List<Rule> rules = new RuleLoader(fields).loadShipped().rules();
    RawFilters pf = RawPrefilter.filters(rules, fields);
    double scan = 0;
    double parse = 0;
    for (int k = 0; k < 3; k++) {
      long t0 = System.nanoTime();
      Workloads.scan(file, new Scorer(rules, fields), pf);
      long t1 = System.nanoTime();
      Workloads.parseOnly(file);
      long t2 = System.nanoTime();
      scan = (t1 - t0) / 1e9;
      parse = (t2 - t1) / 1e9;
    }
    return new double[] {scan, parse};
  }

  /**
   * Engine figures on rows normalized once and kept: 2,000 distinct rows cycled (they stay in the CPU
   * cache, as a row does in the pipeline, evaluated right after it is built) and 30,000 distinct rows
   * (memory-bound: most time goes to fetching each row's fields). Each rule set and row set is measured
   * in a child JVM of its own ({@code bench engine}), as JMH forks: one JVM running both engines compiles
   * the shared evaluation code with a profile mixed from both.
   */
  private void engineFigures(Path dir, Path jar, String javaOpts) throws IOException, InterruptedException {
    Path file = dir.resolve("engine-rows.jsonl");
    if (!Files.exists(file)) {
      new CorpusGenerator(43, CorpusGenerator.DEFAULT_FRACTION).write(CorpusGenerator.Format.JSONL, 30_000, file);
    }
    for (int distinct : new int[] {2000, 30_000}) {
      double[] shipped = childEngine(jar, javaOpts, file, "shipped", distinct);
      double[] many = childEngine(jar, javaOpts, file, "500", distinct);
      out.printf(Locale.ROOT, "engine on %,d distinct rows (%s):%n", distinct, distinct == 2000 ? "in cache" : "memory-bound");
      out.printf(Locale.ROOT, "  shipped rules: %.2f M rows/s on one thread; time / reading every value once = %.2f (floor %.2f M rows/s)%n",
          shipped[0] / 1e6, shipped[1] / shipped[0], shipped[1] / 1e6);
      out.printf(Locale.ROOT, "  500 rules: %.2f M rows/s; cost 500 / shipped = %.2f (target <= 5); hits %d (shipped: %d)%n",
          many[0] / 1e6, shipped[0] / many[0], (long) many[2], (long) shipped[2]);
    }
  }

  private double[] childEngine(Path jar, String javaOpts, Path file, String rules, int distinct)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("java"));
    cmd.addAll(List.of(javaOpts.split(" ")));
    cmd.addAll(List.of("-jar", jar.toString(), "engine", file.toString(), "--rules", rules, "--distinct",
        Integer.toString(distinct)));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IOException("engine run failed for " + rules + " rules");
    }
    String[] parts = text.split(" ");
    return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
  }

  /**
   * {@code bench engine FILE --rules shipped|N --distinct D}: evaluates D distinct rows of FILE (cycled to 30,000)
   * with the shipped rules or N rules ({@link SyntheticRules}), and prints "rows_per_s floor_rows_per_s hits":
   * best of 15 timed passes after 20 warm-up passes, the floor being one read of every value.
   */
  private int engine(Path file, String rules, int distinct) {
    FieldTable fields = FieldTable.shipped();
    // rows built for this engine (its field index), as the pipeline builds them: they hold its fields by number
    Engine engine = new Engine(rules.equals("shipped") ? new RuleLoader(fields).loadShipped().rules()
        : SyntheticRules.load(Integer.parseInt(rules), fields), fields.canonicalFields());
    List<Row> some = Workloads.rows(file, engine.fieldIndex());
    List<Row> rows = new ArrayList<>();
    while (rows.size() < 30_000) {
      rows.addAll(some.subList(0, Math.min(distinct, Math.min(some.size(), 30_000 - rows.size()))));
    }
    double floor = time(() -> Workloads.touchValues(rows));
    double t = time(() -> Workloads.evaluate(engine, rows));
    out.println(rows.size() / t + " " + rows.size() / floor + " " + Workloads.evaluate(engine, rows));
    return 0;
  }

  /** Best of 15 timed runs after 20 warm-up runs, seconds. */
  private static double time(java.util.function.LongSupplier work) {
    long sink = 0;
    for (int i = 0; i < 20; i++) {
      sink += work.getAsLong();
    }
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 15; i++) {
      long t0 = System.nanoTime();
      sink += work.getAsLong();
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    if (sink == 42) {
      System.err.print("");
    }
    return best;
  }

  private Path corpus(CorpusGenerator g, CorpusGenerator.Format f, long events, Path dir) throws IOException {
    Path file = dir.resolve("sysmon-" + events + "." + f.extension());
    if (!Files.exists(file)) {
      g.write(f, events, file);
    }
    return file;
  }

  /** {@link #childMemory} three times; the run whose peak live heap is the median of the three. */
  private long[] medianMemory(Path jar, String javaOpts, Path file) throws IOException, InterruptedException {
    List<long[]> runs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      runs.add(childMemory(jar, javaOpts, file));
    }
    runs.sort(java.util.Comparator.comparingLong(r -> r[0]));
    return runs.get(1);
  }

  private long[] childMemory(Path jar, String javaOpts, Path file) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("java"));
    cmd.addAll(List.of(javaOpts.split(" ")));
    cmd.addAll(List.of("-jar", jar.toString(), "memory", file.toString()));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IOException("memory run failed for " + file);
    }
    String[] parts = text.split(" ");
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])};
  }

  /** How many times each end-to-end command runs; its best time counts (the guest's speed drifts from run to run). */
  static final int RUNS = 5;

  /**
   * Best wall-clock time of each command (output discarded), seconds, over {@code runs} rounds that run each
   * command once in turn, so a drift in the machine's speed touches all of them alike.
   */
  private static double[] best(int runs, List<List<String>> commands) throws IOException, InterruptedException {
    double[] best = new double[commands.size()];
    java.util.Arrays.fill(best, Double.MAX_VALUE);
    for (int i = 0; i < runs; i++) {
      for (int c = 0; c < commands.size(); c++) {
        best[c] = Math.min(best[c], seconds(commands.get(c)));
      }
    }
    return best;
  }

  /** One wall-clock run of a command, seconds; a {@code -X...} argument holding spaces is split. */
  private static double seconds(List<String> command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    for (String c : command) {
      if (c.startsWith("-X") && c.contains(" ")) {
        cmd.addAll(List.of(c.split(" ")));
      } else {
        cmd.add(c);
      }
    }
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", command));
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** A bad option value: its message is printed as it is, with exit code 2. */
  private static final class BadOption extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadOption(String message) {
      super(message);
    }
  }

  private static long option(String[] args, String name, long dflt) {
    String v = optionS(args, name, null);
    try {
      return v == null ? dflt : Long.parseLong(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new BadOption("bench: " + name + " needs a whole number but was '" + v + "'");
    }
  }

  private static double optionD(String[] args, String name, double dflt) {
    String v = optionS(args, name, null);
    try {
      return v == null ? dflt : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new BadOption("bench: " + name + " needs a number but was '" + v + "'");
    }
  }

  private static String optionS(String[] args, String name, String dflt) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return dflt;
  }
}
