package org.idetunnelrisk.correlation;

import static org.idetunnelrisk.correlation.Chains.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The correlator's windows, conditions, out-of-order input, bounds and snapshots. */
class CorrelatorTest {
  private static final LogSource PROCESS = new LogSource("process_creation", "windows", null);
  private static final LogSource DNS = new LogSource("dns_query", "windows", null);
  private static final double T0 = 1_700_000_000;

  /** Rule a: process a.exe; rule b: DNS query of x.example; a chain correlation over them of the given type. */
  private static String yaml(String correlation) {
    return correlation + "---\ntitle: A\nid: rule-a\nname: a\nlogsource:\n  category: process_creation\n"
        + "detection:\n  sel:\n    Image|endswith: '\\a.exe'\n  condition: sel\n"
        + "---\ntitle: B\nid: rule-b\nname: b\nlogsource:\n  category: dns_query\n"
        + "detection:\n  sel:\n    QueryName|endswith: '.example'\n  condition: sel\n";
  }

  private static final String CHAIN = yaml("title: Chain\nid: chain\nlevel: high\ncorrelation:\n"
      + "  type: temporal_ordered\n  rules: [a, b]\n  group-by: [Computer]\n  timespan: 10m\n");

  private static Row a(double t, String host) {
    return row(t, PROCESS, "Image", "C:\\x\\a.exe", "Computer", host, "EventRecordID", "a" + t + host);
  }

  private static Row b(double t, String host, String query) {
    return row(t, DNS, "QueryName", query, "Computer", host, "EventRecordID", "b" + t + host + query);
  }

  private static String counting(String type, String condition) {
    return yaml("title: Count\nid: count\ncorrelation:\n  type: " + type + "\n  rules: [b]\n"
        + "  group-by: [Computer]\n  timespan: 1h\n  condition:\n" + condition.indent(4));
  }

  @ParameterizedTest(name = "{0} with {1} events")
  @CsvSource({
      "'gt: 3', 3, 0", "'gt: 3', 4, 1",
      "'gte: 3', 2, 0", "'gte: 3', 3, 1",
      "'lt: 3', 2, 1", "'lt: 3', 3, 0",
      "'lte: 3', 3, 1", "'lte: 3', 4, 0",
      "'eq: 3', 3, 1", "'eq: 3', 2, 0", "'eq: 3', 4, 0",
      "'gt: 2\nlte: 4', 2, 0", "'gt: 2\nlte: 4', 3, 1", "'gt: 2\nlte: 4', 4, 1", "'gt: 2\nlte: 4', 5, 0"})
  void eventCountConditionForms(String condition, int events, int expected) {
    Chains c = Chains.of(counting("event_count", condition), Correlator.Settings.OFFLINE);
    for (int i = 0; i < events; i++) {
      c.feed(b(T0 + i, "h1", "q" + i + ".example"));
    }
    c.finish();
    assertEquals(expected, c.results.size());
  }

  @ParameterizedTest(name = "{0} with {1} distinct values")
  @CsvSource({"'gte: 3', 2, 0", "'gte: 3', 3, 1", "'lt: 3', 2, 1", "'lt: 3', 3, 0", "'eq: 2', 2, 1",
      "'eq: 2', 3, 0"})
  void valueCountConditionForms(String condition, int distinct, int expected) {
    Chains c = Chains.of(counting("value_count", "field: QueryName\n" + condition), Correlator.Settings.OFFLINE);
    for (int i = 0; i < 5; i++) {
      c.feed(b(T0 + i, "h1", "q" + (i % distinct) + ".example"));
    }
    c.finish();
    assertEquals(expected, c.results.size());
  }

  @Test
  void eagerConditionFiresWhenTheLastEventArrivesAndUsesItsEventsUp() {
    Chains c = Chains.of(counting("event_count", "gte: 2"), Correlator.Settings.OFFLINE);
    assertEquals(0, c.feed(b(T0, "h1", "q1.example")).size());
    assertEquals(1, c.feed(b(T0 + 1, "h1", "q2.example")).size());
    assertEquals(0, c.feed(b(T0 + 2, "h1", "q3.example")).size());
    assertEquals(1, c.feed(b(T0 + 3, "h1", "q4.example")).size());
  }

  @Test
  void upperBoundConditionIsDecidedWhenTheWatermarkClosesTheWindow() {
    Chains c = Chains.of(counting("event_count", "lt: 3"), new Correlator.Settings(60, 1000));
    c.feed(b(T0, "h1", "q1.example"));
    assertEquals(List.of(), c.correlator.advance());
    c.feed(b(T0 + 3600 + 59, "h2", "q1.example"));
    assertEquals(List.of(), c.correlator.advance(), "the window of h1 closes at +3600 plus 60 s lateness");
    c.feed(b(T0 + 3600 + 61, "h2", "q2.example"));
    List<Correlator.Result> got = c.correlator.advance();
    assertEquals(1, got.size());
    assertEquals("h1", got.get(0).event().riskObject());
  }

  @Test
  void chainFiresOnlyInOrderOnTheSameHostWithinTheTimespan() {
    Chains c = Chains.of(CHAIN, Correlator.Settings.OFFLINE);
    c.feed(b(T0, "h1", "x.example"));
    c.feed(a(T0 + 1, "h1"));
    c.feed(b(T0 + 2, "h2", "x.example"));
    c.feed(b(T0 + 602, "h1", "x.example"));
    assertEquals(List.of(), c.resultRuleIds());
    c.feed(b(T0 + 600, "h1", "y.example"));
    assertEquals(List.of("chain"), c.resultRuleIds());
    assertEquals(List.of("rule-a", "rule-b"), c.results.get(0).event().fields().get("contributing_rule_id"),
        "the lookup before the start and the one past the timespan are not part of it");
  }

  @Test
  void sameContributingEventsGiveTheSameIdAndOthersAnother() {
    Chains one = Chains.of(CHAIN, Correlator.Settings.OFFLINE);
    one.feedAll(List.of(a(T0, "h1"), b(T0 + 5, "h1", "x.example")));
    Chains two = Chains.of(CHAIN, Correlator.Settings.OFFLINE);
    two.feedAll(List.of(b(T0 + 5, "h1", "x.example"), a(T0, "h1")));
    Chains three = Chains.of(CHAIN, Correlator.Settings.OFFLINE);
    three.feedAll(List.of(a(T0, "h1"), b(T0 + 6, "h1", "x.example")));
    assertEquals(one.results.get(0).event().id(), two.results.get(0).event().id());
    assertNotEquals(one.results.get(0).event().id(), three.results.get(0).event().id());
  }

  /** 200 hosts: 100 with a chain, 100 with the lookup first or too late; noise on every host. */
  private static List<Row> manyHosts() {
    List<Row> rows = new ArrayList<>();
    for (int h = 0; h < 200; h++) {
      String host = "host" + h;
      double t = T0 + h * 7;
      if (h % 2 == 0) {
        rows.add(a(t, host));
        rows.add(b(t + 30 + h, host, "r" + h + ".example"));
      } else {
        rows.add(b(t, host, "r" + h + ".example"));
        rows.add(a(t + 1, host));
        rows.add(b(t + 700, host, "late" + h + ".example"));
      }
      rows.add(row(t + 3, PROCESS, "Image", "C:\\x\\other.exe", "Computer", host, "EventRecordID", "n" + h));
    }
    return rows;
  }

  private static Set<String> ids(List<Correlator.Result> results) {
    Set<String> out = new TreeSet<>();
    results.forEach(r -> out.add(r.event().id()));
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void shuffledInputGivesTheResultsOfSortedInput(int seed) {
    List<Row> sorted = manyHosts();
    sorted.sort((x, y) -> Double.compare(x.time(), y.time()));
    Chains inOrder = Chains.of(CHAIN, Correlator.Settings.OFFLINE);
    inOrder.feedAll(sorted);
    inOrder.finish();
    List<Row> shuffled = new ArrayList<>(sorted);
    Collections.shuffle(shuffled, new Random(seed));
    Chains anyOrder = Chains.of(CHAIN, Correlator.Settings.OFFLINE);
    anyOrder.feedAll(shuffled);
    anyOrder.finish();
    assertEquals(100, inOrder.results.size());
    assertEquals(ids(inOrder.results), ids(anyOrder.results));
  }

  @Test
  void eventLateByLessThanTheLatenessIsCorrelatedAndOlderIsCountedAsLate() {
    Chains c = Chains.of(CHAIN, new Correlator.Settings(120, 1000));
    c.feed(b(T0 + 1000, "h1", "x.example"));
    c.feed(a(T0 + 900, "h1"));
    assertEquals(1, c.results.size(), "100 s late, within 2 min");
    c.feed(b(T0 + 5000, "h2", "x.example"));
    c.feed(a(T0 + 5000 - 600 - 121, "h2"));
    assertEquals(1, c.results.size());
    assertEquals(1, c.correlator.counts().late());
  }

  @Test
  void stateOlderThanTimespanAndLatenessIsDropped() {
    Chains c = Chains.of(CHAIN, new Correlator.Settings(60, 1000));
    for (int h = 0; h < 50; h++) {
      c.feed(a(T0 + h, "h" + h));
    }
    assertEquals(50, c.correlator.counts().held());
    c.feed(a(T0 + 600 + 60 + 50, "other"));
    c.correlator.advance();
    assertEquals(1, c.correlator.counts().held());
    assertEquals(1, ((Map<?, ?>) c.correlator.snapshot().get("correlations")).size());
  }

  @Test
  void pastTheCapNewHitsAreCountedNotHeld() {
    Chains c = Chains.of(CHAIN, new Correlator.Settings(Double.POSITIVE_INFINITY, 5));
    for (int h = 0; h < 8; h++) {
      c.feed(a(T0 + h, "h" + h));
    }
    assertEquals(5, c.correlator.counts().held());
    assertEquals(3, c.correlator.counts().overCap());
  }

  @Test
  void anEventDeliveredTwiceCountsOnce() {
    Chains c = Chains.of(counting("event_count", "gte: 2"), Correlator.Settings.LIVE);
    c.feed(b(T0, "h1", "q.example"));
    c.feed(b(T0, "h1", "q.example"));
    assertEquals(0, c.results.size());
    assertEquals(1, c.correlator.counts().redelivered());
  }

  private static Map<String, Object> viaJson(Map<String, Object> snapshot) {
    Gson gson = new Gson();
    return gson.fromJson(gson.toJson(snapshot), new TypeToken<Map<String, Object>>() { }.getType());
  }

  @Test
  void chainSplitAcrossTwoCallsWithSnapshotAndRestoreFiresOnce() {
    Chains first = Chains.of(CHAIN, Correlator.Settings.LIVE);
    first.feed(a(T0, "h1"));
    first.correlator.advance();
    Map<String, Object> saved = viaJson(first.correlator.snapshot());
    assertEquals(List.of(), first.results);

    Chains second = Chains.of(CHAIN, Correlator.Settings.LIVE);
    second.correlator.restore(saved);
    second.feed(b(T0 + 60, "h1", "x.example"));
    assertEquals(List.of("chain"), second.resultRuleIds());
    String id = second.results.get(0).event().id();

    // killed before the checkpoint was saved: the same snapshot and the same window again give the same id
    Chains rerun = Chains.of(CHAIN, Correlator.Settings.LIVE);
    rerun.correlator.restore(saved);
    rerun.feed(b(T0 + 60, "h1", "x.example"));
    assertEquals(List.of(id), rerun.results.stream().map(r -> r.event().id()).toList());

    // the checkpoint after the result records it: the overlapping window delivered again fires nothing
    Map<String, Object> after = viaJson(second.correlator.snapshot());
    Chains next = Chains.of(CHAIN, Correlator.Settings.LIVE);
    next.correlator.restore(after);
    next.feed(a(T0, "h1"));
    next.feed(b(T0 + 60, "h1", "x.example"));
    assertEquals(List.of(), next.results);
    assertEquals(2, next.correlator.counts().redelivered());
  }

  @Test
  void restoringASnapshotTwiceGivesTheSameState() {
    Chains c = Chains.of(CHAIN, Correlator.Settings.LIVE);
    c.feedAll(List.of(a(T0, "h1"), a(T0 + 5, "h2"), b(T0 + 9, "h2", "x.example")));
    Map<String, Object> s = viaJson(c.correlator.snapshot());
    Chains d = Chains.of(CHAIN, Correlator.Settings.LIVE);
    d.correlator.restore(s);
    d.correlator.restore(s);
    assertEquals(new Gson().toJson(c.correlator.snapshot()), new Gson().toJson(d.correlator.snapshot()));
    assertEquals(c.correlator.counts().held(), d.correlator.counts().held());
  }

  @Test
  void badSnapshotIsRefusedSayingWhere() {
    Chains c = Chains.of(CHAIN, Correlator.Settings.LIVE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.correlator.restore(
        Map.of("version", 1, "emitted", Map.of(), "correlations", Map.of("chain", List.of(Map.of("values", "h1"))))));
    assertEquals("correlation state: correlations.chain[0].values: expected a list but found 'h1'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c.correlator.restore(Map.of("version", 7)));
    assertEquals("correlation state: version: expected version 1 but found Integer", e.getMessage());
  }

  @Test
  void stateOfACorrelationNoLongerLoadedIsDropped() {
    Chains c = Chains.of(CHAIN, Correlator.Settings.LIVE);
    c.feed(a(T0, "h1"));
    Map<String, Object> s = viaJson(c.correlator.snapshot());
    Chains other = Chains.of(counting("event_count", "gte: 2"), Correlator.Settings.LIVE);
    other.correlator.restore(s);
    assertEquals(0, other.correlator.counts().held());
  }

  // ---- temporal_ordered and events of the same time (two feeds deliver a second's events in any order)

  @ParameterizedTest(name = "use first: {0}")
  @ValueSource(booleans = {false, true})
  void temporalOrderedTakesEventsOfTheSameSecondAsInOrderWhateverTheirArrival(boolean useFirst) {
    Chains c = Chains.of(CHAIN, Correlator.Settings.LIVE);
    List<Row> rows = new ArrayList<>(List.of(a(T0, "h1"), b(T0, "h1", "x.example")));
    if (useFirst) {
      Collections.reverse(rows);
    }
    c.feedAll(rows);
    assertEquals(List.of("chain"), c.resultRuleIds());
    assertEquals(List.of("rule-a", "rule-b"), c.results.get(0).event().fields().get("contributing_rule_id"));
  }

  @Test
  void temporalOrderedTieBreakDoesNotDependOnEventIds() {
    // many hosts, each with a start and a use in one second: the ids decide nothing, every host chains
    for (boolean useFirst : new boolean[] {false, true}) {
      Chains c = Chains.of(CHAIN, Correlator.Settings.OFFLINE);
      for (int h = 0; h < 40; h++) {
        Row start = a(T0 + h, "h" + h);
        Row use = b(T0 + h, "h" + h, "q" + h + ".example");
        c.feedAll(useFirst ? List.of(use, start) : List.of(start, use));
      }
      c.finish();
      assertEquals(40, c.results.size(), "use first: " + useFirst);
    }
  }

  @Test
  void temporalOrderedStillRefusesAUseBeforeItsStart() {
    Chains c = Chains.of(CHAIN, Correlator.Settings.OFFLINE);
    c.feedAll(List.of(b(T0, "h1", "x.example"), a(T0 + 1, "h1")));
    c.finish();
    assertEquals(List.of(), c.results);
  }

  @Test
  void aTieRestoredFromASnapshotKeepsItsOrder() {
    // the uses were held, and saved, before their starts of the same second came: 40 hosts, so an order by
    // event id alone would lose some of them
    Chains first = Chains.of(CHAIN, Correlator.Settings.LIVE);
    for (int h = 0; h < 40; h++) {
      first.feed(b(T0 + h, "h" + h, "q" + h + ".example"));
    }
    Map<String, Object> saved = viaJson(first.correlator.snapshot());
    Chains second = Chains.of(CHAIN, Correlator.Settings.LIVE);
    second.correlator.restore(saved);
    for (int h = 0; h < 40; h++) {
      second.feed(a(T0 + h, "h" + h));
    }
    assertEquals(40, second.results.size());
  }

  // ---- what the modular input uses: hits held oldest first, the watermark moved to the window's end

  @Test
  void aRetainedHitGivesTheResultsOfTheWholeHit() {
    Chains whole = Chains.of(CHAIN, Correlator.Settings.LIVE);
    whole.feedAll(List.of(a(T0, "h1"), b(T0 + 30, "h1", "x.example")));
    Chains kept = Chains.of(CHAIN, Correlator.Settings.LIVE);
    List<Correlator.Result> got = new ArrayList<>();
    for (Row r : List.of(a(T0, "h1"), b(T0 + 30, "h1", "x.example"))) {
      for (org.idetunnelrisk.engine.Hit h : kept.engine.evaluate(r)) {
        org.idetunnelrisk.engine.Hit small = kept.correlator.retained(h);
        assertEquals(Set.of("dest"), fieldNames(small.row()), "only what the correlation reads");
        got.addAll(kept.correlator.accept(small));
      }
    }
    assertEquals(ids(whole.results), ids(got));
    assertEquals(1, got.size());
  }

  private static Set<String> fieldNames(Row row) {
    Set<String> out = new TreeSet<>();
    row.fieldNames().forEach(out::add);
    return out;
  }

  @Test
  void advancingToTheWindowsEndDropsStateOlderThanTimespanAndLatenessWithoutNewEvents() {
    Chains c = Chains.of(CHAIN, new Correlator.Settings(60, 1000));
    c.feed(a(T0, "h1"));
    c.correlator.advanceTo(T0 + 600 + 60);
    assertEquals(1, c.correlator.counts().held(), "still joinable at timespan plus lateness");
    c.correlator.advanceTo(T0 + 600 + 61);
    assertEquals(0, c.correlator.counts().held());
    c.feed(b(T0 + 30, "h1", "x.example"));
    assertEquals(List.of(), c.results, "its start expired: the chain is not found");
    c.feed(a(T0 - 1, "h1"));
    assertEquals(1, c.correlator.counts().late(), "older than the watermark less timespan and lateness");
  }

  // ---- per correlation type, as the modular input runs it: two polls, each unordered, a restart, expiry

  /** A correlation of the given type over hosts h0..h39, each of whose three events straddle {@link #CUT}. */
  private static final double CUT = T0 + 150;

  private static String typed(String type) {
    switch (type) {
      case "event_count":
        return counting("event_count", "gte: 3");
      case "value_count":
        return counting("value_count", "field: QueryName\ngte: 3");
      case "temporal":
        return yaml("title: Both\nid: both\nlevel: high\ncorrelation:\n  type: temporal\n  rules: [a, b]\n"
            + "  group-by: [Computer]\n  timespan: 10m\n");
      default:
        return CHAIN;
    }
  }

  private static List<Row> straddling(String type) {
    List<Row> rows = new ArrayList<>();
    for (int h = 0; h < 40; h++) {
      double t = T0 + h;
      String host = "h" + h;
      switch (type) {
        case "event_count", "value_count" -> {
          rows.add(b(t, host, "q0.example"));
          rows.add(b(t + 100, host, "q1.example"));
          rows.add(b(t + 200, host, "q2.example"));
        }
        case "temporal" -> {
          rows.add(b(t, host, "x.example"));
          rows.add(a(t + 200, host));
        }
        default -> {
          rows.add(a(t, host));
          rows.add(b(t + 200, host, "x.example"));
        }
      }
    }
    return rows;
  }

  /** One poll: the state restored, the rows fed in a shuffled order, advanced to the window's end. */
  private static Chains poll(String type, Map<String, Object> state, List<Row> rows, double end, int seed) {
    Chains c = Chains.of(typed(type), Correlator.Settings.LIVE);
    if (state != null) {
      c.correlator.restore(state);
    }
    List<Row> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(seed));
    c.feedAll(shuffled);
    c.results.addAll(c.correlator.advanceTo(end));
    return c;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"event_count", "value_count", "temporal", "temporal_ordered"})
  void splitWindowsUnorderedInputRestartsAndExpiryPerType(String type) {
    List<Row> all = straddling(type);
    Chains offline = Chains.of(typed(type), Correlator.Settings.OFFLINE);
    offline.feedAll(all);
    offline.finish();
    Set<String> expected = ids(offline.results);
    assertEquals(40, expected.size(), "one result a host");
    List<Row> first = all.stream().filter(r -> r.time() < CUT).toList();
    List<Row> second = all.stream().filter(r -> r.time() >= CUT).toList();

    Chains one = poll(type, null, first, CUT, 1);
    assertEquals(List.of(), one.results, "no host has all its events in the first window");
    Map<String, Object> saved = viaJson(one.correlator.snapshot());
    Chains two = poll(type, saved, second, CUT + 3600, 2);
    assertEquals(expected, ids(two.results), "the second window completes every host, once");

    Chains replay = poll(type, saved, second, CUT + 3600, 3);
    assertEquals(expected, ids(replay.results), "killed before the second save: the replay finds the same ids");
    Chains again = poll(type, viaJson(two.correlator.snapshot()), second, CUT + 3600, 4);
    assertEquals(List.of(), again.results, "the second window read again after its save finds nothing twice");

    Chains quiet = poll(type, saved, List.of(), CUT + 3600 + 600 + 1, 5);
    assertEquals(0, quiet.correlator.counts().held(), "a quiet hour past timespan and lateness empties the state");
    Chains expired = poll(type, viaJson(quiet.correlator.snapshot()), second, CUT + 7200, 6);
    assertEquals(List.of(), expired.results, "their first events expired: no result");
  }
}
