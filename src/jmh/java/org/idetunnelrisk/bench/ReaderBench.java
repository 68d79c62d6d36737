package org.idetunnelrisk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.RawFilters;
import org.idetunnelrisk.prefilter.RawPrefilter;
import org.idetunnelrisk.scoring.Scorer;
import org.idetunnelrisk.sigma.RuleLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each reader alone (parse only) on a generated file of every format, and {@code scan}'s path end to end
 * (prefilter, parse, normalize, evaluate, deduplicate; no output formatting) on the same files. Scores are
 * events per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx128m"})
public class ReaderBench {
  static final int EVENTS = 50_000;

  @Param({"XML", "JSONL", "EXPORT", "CSV", "CSV_GZ"})
  public CorpusGenerator.Format format;

  private Path file;
  private RawFilters prefilter;
  private List<Rule> rules;
  private FieldTable fields;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    file = Files.createTempFile("reader-bench", "." + format.extension());
    new CorpusGenerator(44, CorpusGenerator.DEFAULT_FRACTION).write(format, EVENTS, file);
    fields = FieldTable.shipped();
    rules = new RuleLoader(fields).loadShipped().rules();
    prefilter = RawPrefilter.filters(rules, fields);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long parseOnly() throws IOException {
    return Workloads.parseOnly(file);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long scan() throws IOException {
    // a new scorer per pass (its deduplication starts empty), over rules loaded once, as scan loads them once
    return Workloads.scan(file, new Scorer(rules, fields), prefilter);
  }
}
