package org.idetunnelrisk.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.idetunnelrisk.correlation.Correlator;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.output.RiskEventJson;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.scoring.Scorer;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.sigma.RuleSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture under {@code src/test/resources/events/<source>/<rule stem>/<case>.<ext>} scored with the
 * shipped rules and correlation rules (the whole file as one input, in any order) must give exactly the risk events of {@code <case>.expected.jsonl} (compared on the keys each
 * expected line gives; an empty file means nothing may fire).
 */
class ShippedRuleFixturesTest {
  static final Path EVENTS = Path.of("src/test/resources/events");

  static RuleSet shipped() {
    RuleSet set = new RuleLoader(FieldTable.shipped()).loadShipped();
    assertEquals(List.of(), set.problems());
    return set;
  }

  @Test
  void shippedRulesLoadWithoutProblems() {
    RuleSet set = shipped();
    assertTrue(set.rules().size() >= 8, "expected at least 8 shipped rules, found " + set.rules().size());
  }

  @TestFactory
  Stream<DynamicTest> eachFixtureGivesItsExpectedRiskEvents() throws IOException {
    RuleSet set = shipped();
    List<Path> cases = new ArrayList<>();
    try (Stream<Path> s = Files.walk(EVENTS)) {
      s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".expected.jsonl"))
          .filter(p -> !p.getFileName().toString().endsWith(".md"))
          .sorted()
          .forEach(cases::add);
    }
    assertFalse(cases.isEmpty(), "no fixtures under " + EVENTS);
    return cases.stream().map(c -> DynamicTest.dynamicTest(EVENTS.relativize(c).toString(), () -> check(set, c)));
  }

  private static void check(RuleSet set, Path input) throws IOException {
    String name = input.getFileName().toString();
    String stem = name.substring(0, name.indexOf('.'));
    Path expectedFile = input.resolveSibling(stem + ".expected.jsonl");
    assertTrue(Files.exists(expectedFile), "missing " + expectedFile);
    List<JsonObject> expected = readJsonLines(expectedFile);
    List<JsonObject> actual = score(set, input);
    Comparator<JsonObject> order = Comparator.comparing((JsonObject o) -> o.get("rule_id").getAsString())
        .thenComparing(o -> o.get("risk_object").getAsString())
        .thenComparing(o -> o.has("risk_score") ? o.get("risk_score").getAsInt() : 0);
    expected.sort(order);
    actual.sort(order);
    assertEquals(expected.size(), actual.size(), () -> "risk events for " + input + ": " + actual);
    for (int i = 0; i < expected.size(); i++) {
      JsonObject want = expected.get(i);
      JsonObject got = actual.get(i);
      for (Map.Entry<String, JsonElement> e : want.entrySet()) {
        assertEquals(e.getValue(), got.get(e.getKey()),
            "field " + e.getKey() + " of risk event " + i + " for " + input + ": " + got);
      }
    }
  }

  static List<JsonObject> score(RuleSet set, Path input) throws IOException {
    Scorer scorer = new Scorer(set.rules(), FieldTable.shipped(), set.correlations(), Correlator.Settings.OFFLINE);
    List<JsonObject> out = new ArrayList<>();
    Scorer.Sink sink = (e, from) -> out.add(JsonParser.parseString(RiskEventJson.toJson(e, null)).getAsJsonObject());
    try (RecordReader r = Readers.open(input)) {
      Record rec;
      while ((rec = r.next()) != null) {
        scorer.score(rec, sink);
      }
    }
    scorer.finish(sink);
    return out;
  }

  private static List<JsonObject> readJsonLines(Path p) throws IOException {
    List<JsonObject> out = new ArrayList<>();
    for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(JsonParser.parseString(line).getAsJsonObject());
      }
    }
    return out;
  }
}
