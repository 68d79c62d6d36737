package org.idetunnelrisk.sigma;

import static org.idetunnelrisk.sigma.Fixtures.FIELDS;
import static org.idetunnelrisk.sigma.Fixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.idetunnelrisk.correlation.CorrelationRule;
import org.idetunnelrisk.correlation.CountCondition;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.engine.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Correlation rules and filters as the loader reads them, and every way they are refused. */
class CorrelationLoaderTest {
  private static final String BASE = "---\ntitle: Base\nid: base-1\nname: base\nlogsource:\n  category: dns_query\n"
      + "detection:\n  sel:\n    QueryName|endswith: '.devtunnels.ms'\n  condition: sel\n";

  private static RuleSet load(String yaml) {
    return new RuleLoader(FIELDS).loadText(yaml, "t.yml");
  }

  private static String corr(String body) {
    return "title: C\nid: c-1\ncorrelation:\n" + body.indent(2) + BASE;
  }

  private static List<String> warnings(RuleSet set) {
    return set.warnings().stream().map(RuleProblem::toString).collect(Collectors.toList());
  }

  @Test
  void correlationCompilesWithItsParts() {
    RuleSet set = load(corr("type: value_count\nrules: [base]\ngroup-by: [Computer, User]\ntimespan: 90m\n"
        + "condition:\n  field: QueryName\n  gt: 5\n  lte: 9\ngenerate: true\n"));
    assertEquals(List.of(), problems(set));
    CorrelationRule c = set.correlations().rules().get(0);
    assertEquals(CorrelationRule.Type.VALUE_COUNT, c.type());
    assertEquals(List.of("base-1"), c.rules());
    assertEquals(5400, c.timespanSeconds());
    assertEquals(new CountCondition(5L, null, null, 9L, null), c.condition());
    assertEquals(List.of("dest", "user"), c.groupBy().stream().map(CorrelationRule.GroupField::canonical).toList());
    assertEquals("query", c.valueField().canonical());
    assertFalse(set.correlations().silent("base-1"), "generate: true inside correlation");
  }

  @Test
  void generateIsReadAtTheTopLevelToo() {
    RuleSet set = load("title: C\nid: c-1\ngenerate: true\ncorrelation:\n  type: temporal\n  rules: [base]\n"
        + "  group-by: [Computer]\n  timespan: 5m\n" + BASE);
    assertEquals(List.of(), problems(set));
    assertFalse(set.correlations().silent("base-1"));
    assertTrue(load(corr("type: temporal\nrules: [base]\ngroup-by: [Computer]\ntimespan: 5m\n"))
        .correlations().silent("base-1"), "generate defaults to false");
  }

  @Test
  void timespanUnits() {
    for (String[] t : new String[][] {{"45s", "45"}, {"10m", "600"}, {"2h", "7200"}, {"7d", "604800"}}) {
      RuleSet set = load(corr("type: temporal\nrules: [base]\ngroup-by: [Computer]\ntimespan: " + t[0] + "\n"));
      assertEquals(Long.parseLong(t[1]), set.correlations().rules().get(0).timespanSeconds(), t[0]);
    }
  }

  @Test
  void problemsNameTheLineAndWhatWasExpected() {
    assertEquals(List.of("t.yml:4: unknown correlation type 'count' (expected event_count, value_count, temporal or"
        + " temporal_ordered)"), problems(load(corr("type: count\nrules: [base]\ngroup-by: [Computer]\ntimespan: 5m\n"
        + "condition:\n  gte: 2\n"))));
    assertEquals(List.of("t.yml:7: timespan must be a number and a unit s, m, h or d (e.g. 90s, 10m, 1h, 7d) but was"
        + " '1H'"), problems(load(corr("type: temporal\nrules: [base]\ngroup-by: [Computer]\ntimespan: 1H\n"))));
    assertEquals(List.of("t.yml:8: unknown key 'within' in correlation (expected type, rules, group-by, timespan,"
        + " condition, aliases or generate)"), problems(load(corr("type: temporal\nrules: [base]\n"
        + "group-by: [Computer]\ntimespan: 5m\nwithin: 5m\n"))));
    assertEquals(List.of("t.yml:5: correlation 'C' names 'nothing', which is no loaded rule or correlation (by id or"
        + " name)"), problems(load(corr("type: temporal\nrules: [base, nothing]\ngroup-by: [Computer]\ntimespan: 5m\n"))));
    assertEquals(List.of("t.yml:9: condition gt: 5, lt: 3 can never hold"), problems(load(corr(
        "type: event_count\nrules: [base]\ngroup-by: [Computer]\ntimespan: 5m\ncondition:\n  gt: 5\n  lt: 3\n"))));
    assertEquals(List.of("t.yml:10: condition field is only for value_count correlations, not event_count"),
        problems(load(corr("type: event_count\nrules: [base]\ngroup-by: [Computer]\ntimespan: 5m\ncondition:\n"
            + "  gte: 3\n  field: User\n"))));
    assertEquals(List.of("t.yml:9: a value_count condition needs field: the field whose distinct values are counted"),
        problems(load(corr("type: value_count\nrules: [base]\ngroup-by: [Computer]\ntimespan: 5m\ncondition:\n"
            + "  gte: 3\n"))));
    assertEquals(List.of("t.yml:9: unsupported feature: a temporal_ordered condition other than all 2 rules in order"
        + " (gte: 1)"), problems(load("title: C\nid: c-1\ncorrelation:\n  type: temporal_ordered\n  rules: [base, b2]\n"
        + "  group-by: [Computer]\n  timespan: 5m\n  condition:\n    gte: 1\n" + BASE + BASE.replace("base", "b2"))));
    assertEquals(List.of("t.yml:1: generate is true here but false inside correlation (line 9); give it once"),
        problems(load("generate: true\n" + corr("type: temporal\nrules: [base]\ngroup-by: [Computer]\ntimespan: 5m\n"
            + "generate: false\n"))));
    assertEquals(List.of("t.yml:3: a correlation rule has no 'detection': it correlates the rules it names (put the"
        + " detection in a rule of its own, in this file after '---' or in another)"), problems(load("title: C\n"
        + "id: c-1\ndetection:\n  sel:\n    a: b\n  condition: sel\ncorrelation:\n  type: temporal\n  rules: [base]\n"
        + "  group-by: [Computer]\n  timespan: 5m\n" + BASE)));
  }

  @Test
  void aliasMustNameACorrelatedRuleAndAGroupByField() {
    assertEquals(List.of("t.yml:9: alias 'host' is not in group-by (Computer); an alias only names a group-by field"),
        problems(load(corr("type: temporal\nrules: [base]\ngroup-by: [Computer]\ntimespan: 5m\n"
            + "aliases:\n  host:\n    base: src\n"))));
    assertEquals(List.of("t.yml:10: alias 'host' names rule 'other', which this correlation does not correlate"
        + " (rules: base-1)"), problems(load(corr("type: temporal\nrules: [base]\ngroup-by: [host]\ntimespan: 5m\n"
            + "aliases:\n  host:\n    other: src\n"))));
  }

  @Test
  void aliasMayListFieldsTriedInOrder() {
    RuleSet set = load(corr("type: temporal\nrules: [base]\ngroup-by: [host]\ntimespan: 5m\n"
        + "aliases:\n  host:\n    base: [src, Computer]\n"));
    assertEquals(List.of(), problems(set));
    assertEquals(List.of("src", "dest"), set.correlations().rules().get(0).groupBy().get(0).fieldsFor("base-1"));
  }

  @Test
  void correlationCycleIsAProblem() {
    String yaml = "title: X\nid: x\nname: x\ncorrelation:\n  type: event_count\n  rules: [y]\n  group-by: [Computer]\n"
        + "  timespan: 5m\n  condition:\n    gte: 2\n---\ntitle: Y\nid: y\nname: y\ncorrelation:\n  type: event_count\n"
        + "  rules: [x]\n  group-by: [Computer]\n  timespan: 5m\n  condition:\n    gte: 2\n";
    assertEquals(List.of("t.yml:1: correlation 'X' references itself through the correlations it names; correlations"
        + " must form chains, not cycles"), problems(load(yaml)));
  }

  @Test
  void outerCorrelationMayGroupOnlyByWhatTheInnerCarries() {
    String yaml = "title: Outer\nid: o\ncorrelation:\n  type: temporal\n  rules: [inner]\n  group-by: [User]\n"
        + "  timespan: 5m\n---\ntitle: Inner\nid: i\nname: inner\ncorrelation:\n  type: event_count\n  rules: [base]\n"
        + "  group-by: [Computer]\n  timespan: 5m\n  condition:\n    gte: 2\n" + BASE;
    assertEquals(List.of("t.yml:6: correlation 'Outer' reads 'user' of correlation 'Inner', whose results carry only"
        + " its group-by fields (Computer)"), problems(load(yaml)));
  }

  @Test
  void duplicateNameIsAProblem() {
    assertEquals(List.of("t.yml:12: duplicate rule name 'base' (already used by t.yml:2)"),
        problems(load(BASE.substring(4) + BASE.replace("base-1", "base-2"))));
  }

  @Test
  void specFilterSuppressesItsRuleAndWarnsOfTheRuleNotLoaded() throws Exception {
    RuleSet set = new RuleLoader(FIELDS).load(List.of(Path.of("src/test/resources/sigma/correlation/spec_filter.yml")));
    assertEquals(List.of(), problems(set));
    assertEquals(List.of("src/test/resources/sigma/correlation/spec_filter.yml:9: filter 'Filter Administrator"
        + " account' names 'df0841c0-9846-4e9f-ad8a-7df91571771b', which is no loaded rule (by id or name): it"
        + " suppresses nothing there"), warnings(set));
    assertTrue(set.ok(), "a warning does not stop loading");
    Rule rar = set.rules().get(0);
    LogSource ls = new LogSource("process_creation", "windows", null);
    Row admin = Row.builder().logSource(ls).add("process_path", "C:\\x\\rar.exe").add("process", "rar a x.rar y")
        .add("user", "adm_jo").build();
    Row other = Row.builder().logSource(ls).add("process_path", "C:\\x\\rar.exe").add("process", "rar a x.rar y")
        .add("user", "jo").build();
    assertFalse(rar.detection().matches(admin));
    assertTrue(rar.detection().matches(other));
  }

  @Test
  void filterWithAnotherLogSourceWarnsAndSuppressesNothing() {
    RuleSet set = load("title: F\nlogsource:\n  category: process_creation\nfilter:\n  rules: [base]\n"
        + "  sel:\n    Computer: dev1\n  condition: sel\n" + BASE);
    assertEquals(List.of(), problems(set));
    assertEquals(List.of("t.yml:1: filter 'F' has log source (category process_creation) but rule 'base-1' has"
        + " (category dns_query): it suppresses nothing there"), warnings(set));
  }

  @Test
  void filterFromAnotherFileAppliesByName(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("base.yml"), BASE.substring(4));
    Files.writeString(dir.resolve("mf_dev.yml"), "title: F\nlogsource:\n  category: dns_query\nfilter:\n"
        + "  rules: [base]\n  sel:\n    Computer: dev1\n  condition: sel\n");
    RuleSet set = new RuleLoader(FIELDS).load(List.of(dir));
    assertEquals(List.of(), problems(set));
    Rule r = set.rules().get(0);
    Row dev = Row.builder().add("query", "a.devtunnels.ms").add("dest", "dev1").build();
    Row prod = Row.builder().add("query", "a.devtunnels.ms").add("dest", "prod1").build();
    assertFalse(r.detection().matches(dev));
    assertTrue(r.detection().matches(prod));
  }
}
