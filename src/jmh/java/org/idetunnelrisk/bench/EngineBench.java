package org.idetunnelrisk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.idetunnelrisk.engine.Engine;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.sigma.RuleLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine alone on normalized rows of a generated Sysmon corpus (0.1% planted): the shipped rules, and
 * the shipped rules plus generated ones up to 500, to show how cost grows with rules; and the floor, one
 * pass over every character of every value. Each invocation evaluates 100k rows: either 2,000 distinct
 * rows cycled (they stay in the CPU cache, as a row does in the pipeline, evaluated right after it is
 * built) or 100,000 distinct rows (memory-bound: most time goes to fetching each row's field map).
 * Scores are rows per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBench {
  static final int ROWS = 100_000;

  @Param({"shipped", "500"})
  public String rules;

  @Param({"2000", "100000"})
  public int distinct;

  private List<Row> rows;
  private Engine engine;

  @Setup
  public void setup() throws IOException {
    // rows built for this engine (its field index), as the pipeline builds them: they hold its fields by number
    FieldTable fields = FieldTable.shipped();
    engine = new Engine(rules.equals("shipped") ? new RuleLoader(fields).loadShipped().rules()
        : SyntheticRules.load(Integer.parseInt(rules), fields), fields.canonicalFields());
    Path file = Files.createTempFile("engine-bench", ".jsonl");
    new CorpusGenerator(43, CorpusGenerator.DEFAULT_FRACTION).write(CorpusGenerator.Format.JSONL, distinct, file);
    List<Row> some = Workloads.rows(file, engine.fieldIndex());
    rows = new java.util.ArrayList<>(ROWS);
    while (rows.size() < ROWS) {
      rows.addAll(some.subList(0, Math.min(some.size(), ROWS - rows.size())));
    }
    Files.delete(file);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public long evaluate() {
    return Workloads.evaluate(engine, rows);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public long floorTouchEveryValue() {
    return Workloads.touchValues(rows);
  }
}
