package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.idetunnelrisk.splunk.Sleeper;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.idetunnelrisk.splunk.emulator.ReceiversSimpleRoute;
import org.idetunnelrisk.splunk.emulator.RecordedRequest;
import org.idetunnelrisk.splunk.emulator.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The alert action through its in-process seam: a gzipped results CSV scored and written to the emulator. */
class ResultsScorerTest {
  static final String KEY = "alertTestSessionKey-41d2";
  @TempDir Path home;
  FakeSplunk fake;
  Path results;

  @BeforeEach
  void start() throws IOException {
    fake = FakeSplunk.http(KEY);
    Path dispatch = Files.createDirectories(home.resolve("var/run/splunk/dispatch/scheduler__admin_x_at_1_1"));
    results = dispatch.resolve("results.csv.gz");
    gzip(Files.readString(Path.of("samples/cim_processes.csv")), results);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  static void gzip(String text, Path to) throws IOException {
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(to))) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  record Run(int exit, String out, String err) {}

  Run run(String configuration) {
    AlertRun a = AlertRun.run(AppHome.at(null), fake.uri(), KEY, "scheduler__admin_x_at_1_1", "Corp Process Hunt", results,
        configuration, home, Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));
    Run r = new Run(a.exit(), a.out(), a.err());
    assertFalse(r.err().contains(KEY), "session key leaked: " + r.err());
    assertEquals("", r.out(), "stdout stays empty");
    return r;
  }

  List<String> received() {
    List<String> keys = new ArrayList<>();
    for (RecordedRequest r : fake.receivers().accepted()) {
      Map<String, String> f = PollerTest.fields(r.body());
      keys.add(f.get("rule_id") + "|" + f.get("risk_object").replace("\\\\", "\\") + "|" + f.get("risk_object_type")
          + "|" + f.get("risk_score"));
    }
    Collections.sort(keys);
    return keys;
  }

  @Test
  void autoModeScoresWithTheShippedRulesAsScanDoes() throws IOException {
    Run r = run("\"rules\":\"auto\"");
    assertEquals(0, r.exit(), r.err());
    List<String> expected = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/golden/scan_samples.jsonl"))) {
      if (line.contains("\"orig_location\":\"samples/cim_processes.csv:")) {
        var e = com.google.gson.JsonParser.parseString(line).getAsJsonObject();
        expected.add(e.get("rule_id").getAsString() + "|" + e.get("risk_object").getAsString() + "|"
            + e.get("risk_object_type").getAsString() + "|" + e.get("risk_score").getAsInt());
      }
    }
    Collections.sort(expected);
    assertEquals(expected, received());
    assertEquals("sh1", fake.receivers().accepted().get(0).query().get("host"));
    assertTrue(r.err().contains("INFO rows=15 hits="), r.err());
  }

  @Test
  void correlationsRunWithinTheOneResultSet() {
    Run r = run("\"rules\":\"auto\"");
    assertEquals(0, r.exit(), r.err());
    assertTrue(received().contains("3b7c6f0e-2d4a-4e8b-9c61-5a0f7d2e8b14|ws-gina.corp.example.com|system|60"),
        "the renamed CLI and its scheduled task, rows 7 and 8: " + received());
  }

  @Test
  void fixedModeGivesOneRiskEventPerRowWithTheRowsOwnScoreWinning() throws IOException {
    gzip("dest,user,risk_score,process_name\nws1,alice,,a.exe\nws2,bob,70,b.exe\n,carol,,c.exe\n", results);
    Run r = run("\"rules\":\"fixed\",\"risk_object_field\":\"dest\",\"risk_score\":\"30\",\"threat_object_field\":"
        + "\"process_name\",\"threat_object_type\":\"process_name\",\"risk_message\":\"$process_name$ on $dest$\"");
    assertEquals(0, r.exit(), r.err());
    List<RecordedRequest> got = fake.receivers().accepted();
    assertEquals(2, got.size(), "the row without a dest gives nothing");
    Map<String, String> first = PollerTest.fields(got.get(0).body());
    assertEquals("ws1", first.get("risk_object"));
    assertEquals("30", first.get("risk_score"));
    assertEquals("a.exe on ws1", first.get("risk_message"));
    assertEquals("a.exe", first.get("threat_object"));
    assertEquals("Corp Process Hunt", first.get("search_name"));
    assertEquals("Corp Process Hunt", got.get(0).query().get("source"));
    assertEquals("70", PollerTest.fields(got.get(1).body()).get("risk_score"));
  }

  @Test
  void rawEventXmlInTheResultsIsParsedAsTheModularInputDoes() throws IOException {
    StringBuilder csv = new StringBuilder("_time,_raw,host\n");
    for (String line : Files.readAllLines(Path.of("samples/sysmon_tunnel_day.xml"))) {
      csv.append("1795250000,\"").append(line.replace("\"", "\"\"")).append("\",forwarder1\n");
    }
    gzip(csv.toString(), results);
    Run r = run("\"rules\":\"auto\"");
    assertEquals(0, r.exit(), r.err());
    List<String> expected = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/golden/scan_samples.jsonl"))) {
      if (line.contains("\"orig_location\":\"samples/sysmon_tunnel_day.xml:")) {
        var e = com.google.gson.JsonParser.parseString(line).getAsJsonObject();
        expected.add(e.get("rule_id").getAsString() + "|" + e.get("risk_object").getAsString() + "|"
            + e.get("risk_object_type").getAsString() + "|" + e.get("risk_score").getAsInt());
      }
    }
    Collections.sort(expected);
    assertEquals(expected, received());
  }

  @Test
  void ruleIdsLimitAutoModeToTheNamedRules() {
    String devtunnel = "acd0c792-feb1-4f97-b3fb-534ee2854e37";
    Run r = run("\"rules\":\"auto\",\"rule_ids\":\"" + devtunnel + "\"");
    assertEquals(0, r.exit(), r.err());
    assertEquals(2, received().size(), received().toString());
    assertTrue(received().stream().allMatch(k -> k.startsWith(devtunnel + "|")), received().toString());
    Run typo = run("\"rules\":\"auto\",\"rule_ids\":\"not-a-rule\"");
    assertEquals(1, typo.exit());
    assertTrue(typo.err().contains("ERROR rule_ids: no rule has the id 'not-a-rule'"), typo.err());
  }

  @Test
  void moreRowsThanMaxRowsWritesTheFirstAndFailsLoudly() {
    Run r = run("\"rules\":\"auto\",\"max_rows\":\"3\"");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("ERROR the results file has more than max_rows=3 rows; the first 3 were scored"), r.err());
    assertEquals(1, fake.receivers().accepted().size(), "row 1 (devtunnel on build-07) was written");
  }

  @Test
  void riskEventsAreWrittenBatchByBatchAndAFailedBatchStopsTheAction() throws IOException {
    StringBuilder csv = new StringBuilder("dest\n");
    for (int i = 1; i <= 10; i++) {
      csv.append("ws").append(i).append('\n');
    }
    gzip(csv.toString(), results);
    fake.receivers().failWhen(q -> q.body().contains("risk_object=\"ws5\""), Reply.status(500));
    Run r = run("\"rules\":\"fixed\",\"risk_object_field\":\"dest\",\"risk_score\":\"30\",\"batch_size\":\"3\"");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("ERROR 1 of 6 risk events were not written: "), r.err());
    assertTrue(r.err().contains("; the rest of the results were not scored"), r.err());
    List<String> objects = fake.receivers().accepted().stream()
        .map(q -> PollerTest.fields(q.body()).get("risk_object")).sorted().toList();
    assertEquals(List.of("ws1", "ws2", "ws3", "ws4", "ws6"), objects, "the second batch lost ws5; rows 7-10 unread");
  }

  // ---- A write sent without a clear answer is settled within the run: each risk event in the index once.

  /** Ten rows, ws1..ws10, with their own time, written in batches of 3 by fixed mode; the run's exit. */
  Run runTenRows(Sleeper sleeper, Clock clock) throws IOException {
    StringBuilder csv = new StringBuilder("_time,dest\n");
    for (int i = 1; i <= 10; i++) {
      csv.append(1795430000 + i).append(",ws").append(i).append('\n');
    }
    gzip(csv.toString(), results);
    fake.export().respondWith(new FakeEstate(fake));
    AlertRun a = AlertRun.run(AppHome.at(null), fake.uri(), KEY, "scheduler__admin_x_at_1_1", "Corp Process Hunt",
        results, "\"rules\":\"fixed\",\"risk_object_field\":\"dest\",\"risk_score\":\"30\",\"batch_size\":\"3\"",
        home, clock, sleeper);
    assertFalse(a.err().contains(KEY), "session key leaked: " + a.err());
    return new Run(a.exit(), a.out(), a.err());
  }

  /** The risk objects the index holds, one entry per indexed write, sorted. */
  List<String> indexedObjects() {
    return fake.receivers().accepted().stream().map(q -> PollerTest.fields(q.body()).get("risk_object")).sorted()
        .toList();
  }

  static final List<String> TEN = List.of("ws1", "ws10", "ws2", "ws3", "ws4", "ws5", "ws6", "ws7", "ws8", "ws9");

  @ParameterizedTest
  @EnumSource(value = ReceiversSimpleRoute.AfterIndexing.class, names = {"DROP_CONNECTION", "SERVER_ERROR"})
  void aWriteIndexedWithoutAClearAnswerIsFoundInTheRiskIndexAndNotSentAgain(ReceiversSimpleRoute.AfterIndexing fault)
      throws IOException {
    fake.receivers().afterIndexing(q -> q.body().contains("risk_object=\"ws5\"") ? fault
        : ReceiversSimpleRoute.AfterIndexing.ANSWER);
    List<java.time.Duration> waits = new ArrayList<>();
    Run r = runTenRows(waits::add, Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("WARN 1 risk events were sent without a clear answer ("), r.err());
    assertTrue(r.err().contains("INFO 1 of 1 had reached the risk index; 0 had not and are sent again"), r.err());
    assertTrue(r.err().contains("written=10 "), r.err());
    assertEquals(List.of(), waits, "found at once: no wait");
    assertEquals(TEN, indexedObjects(), "each once");
  }

  @Test
  void aWriteNotIndexedWithoutAClearAnswerIsSentAgainOnceAfterTheDelay() throws IOException {
    java.util.concurrent.atomic.AtomicInteger ws5 = new java.util.concurrent.atomic.AtomicInteger();
    fake.receivers().failWhen(q -> q.body().contains("risk_object=\"ws5\"") && ws5.getAndIncrement() == 0,
        Reply.status(502));
    List<java.time.Duration> waits = new ArrayList<>();
    Run r = runTenRows(waits::add, Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("waiting 30 s (landed_check_delay) for indexing before deciding"), r.err());
    assertTrue(r.err().contains("INFO 0 of 1 had reached the risk index; 1 had not and are sent again"), r.err());
    assertEquals(List.of(java.time.Duration.ofSeconds(30)), waits);
    assertEquals(TEN, indexedObjects(), "ws5 sent twice, indexed once");
    assertEquals(2, ws5.get());
  }

  @Test
  void aWriteStillIndexingIsWaitedForInsteadOfSentAgain() throws IOException {
    TestClock clock = new TestClock(Instant.parse("2026-11-23T12:00:00Z"));
    fake.receivers().indexingLag(java.time.Duration.ofSeconds(12), clock::millis);
    fake.receivers().afterIndexing(q -> q.body().contains("risk_object=\"ws5\"")
        ? ReceiversSimpleRoute.AfterIndexing.DROP_CONNECTION : ReceiversSimpleRoute.AfterIndexing.ANSWER);
    Run r = runTenRows(clock.sleeper(), clock);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("1 of 1 are not in the risk index yet; waiting 30 s (landed_check_delay)"), r.err());
    assertTrue(r.err().contains("INFO 1 of 1 had reached the risk index; 0 had not and are sent again"), r.err());
    assertEquals(TEN, indexedObjects());
  }

  @Test
  void aRiskIndexThatCannotBeSearchedEndsTheActionAndNothingIsSentTwice() throws IOException {
    fake.receivers().afterIndexing(q -> q.body().contains("risk_object=\"ws5\"")
        ? ReceiversSimpleRoute.AfterIndexing.SERVER_ERROR : ReceiversSimpleRoute.AfterIndexing.ANSWER);
    fake.export().enqueue(Reply.messages(403, "ERROR", "You have insufficient privileges to search index=risk"));
    Run r = runTenRows(wait -> { }, Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("1 of 6 risk events were sent without a clear answer and the risk index could not be"
        + " searched for them ("), r.err());
    assertTrue(r.err().contains("none was sent again, so they may be missing"), r.err());
    assertEquals(List.of("ws1", "ws2", "ws3", "ws4", "ws5", "ws6"), indexedObjects(), "ws5 once; rows 7-10 unread");
  }

  @Test
  void expiredKeyFailsWithTheEndpointAndStatusNeverTheKey() {
    fake.expireKey();
    Run r = run("\"rules\":\"auto\"");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("/services/receivers/simple") && r.err().contains("401"), r.err());
  }
}
