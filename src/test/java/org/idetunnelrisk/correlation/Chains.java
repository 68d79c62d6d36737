package org.idetunnelrisk.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.Engine;
import org.idetunnelrisk.engine.Hit;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.sigma.RuleProblem;
import org.idetunnelrisk.sigma.RuleSet;

/** Test harness: rules from YAML, rows from field/value pairs, the engine's hits fed to a correlator. */
final class Chains {
  static final FieldTable FIELDS = FieldTable.shipped();
  static final Path SPEC = Path.of("src/test/resources/sigma/correlation");

  final RuleSet set;
  final Engine engine;
  Correlator correlator;
  final List<Correlator.Result> results = new ArrayList<>();

  Chains(RuleSet set, Correlator.Settings settings) {
    assertEquals(List.of(), set.problems().stream().map(RuleProblem::toString).toList());
    this.set = set;
    this.engine = new Engine(set.rules(), FIELDS.canonicalFields());
    this.correlator = new Correlator(set.correlations(), settings);
  }

  static Chains of(String yaml, Correlator.Settings settings) {
    return new Chains(new RuleLoader(FIELDS).loadText(yaml, "t.yml"), settings);
  }

  static Chains spec(String file, Correlator.Settings settings) {
    try {
      return of(Files.readString(SPEC.resolve(file), StandardCharsets.UTF_8), settings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A row at {@code time} with these source fields (normalized by the shipped field table). */
  static Row row(double time, LogSource ls, String... pairs) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
    }
    return FIELDS.normalize(m, Row.builder().time(time).logSource(ls)).build();
  }

  /** Evaluates the row and feeds its hits to the correlator; returns the results it completed. */
  List<Correlator.Result> feed(Row row) {
    List<Correlator.Result> got = new ArrayList<>();
    for (Hit h : engine.evaluate(row)) {
      got.addAll(correlator.accept(h));
    }
    results.addAll(got);
    return got;
  }

  List<Correlator.Result> feedAll(List<Row> rows) {
    List<Correlator.Result> got = new ArrayList<>();
    rows.forEach(r -> got.addAll(feed(r)));
    return got;
  }

  List<Correlator.Result> finish() {
    List<Correlator.Result> got = correlator.finish();
    results.addAll(got);
    return got;
  }

  List<String> resultRuleIds() {
    return results.stream().map(r -> r.rule().id()).toList();
  }
}
