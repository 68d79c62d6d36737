package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.idetunnelrisk.modinput.ModularInputMain;
import org.idetunnelrisk.spl.Feed;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.idetunnelrisk.splunk.emulator.KvStoreRoute;
import org.idetunnelrisk.splunk.emulator.ReceiversSimpleRoute;
import org.idetunnelrisk.splunk.emulator.RecordedRequest;
import org.idetunnelrisk.splunk.emulator.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The modular input's run mode through its in-process seam, against the loopback Splunk emulator holding
 * the bundled sample telemetry: windows, searches, risk events written, checkpoints, faults.
 */
class PollerTest {
  static final String KEY = "pollerTestSessionKey-7f3a9c";
  static final Instant T = Instant.parse("2026-11-23T12:34:56Z");
  /** -70m@m and -10m@m at T. */
  static final long EARLIEST = Instant.parse("2026-11-23T11:24:00Z").getEpochSecond();
  static final long LATEST = Instant.parse("2026-11-23T12:24:00Z").getEpochSecond();
  static final long IN_WINDOW = Instant.parse("2026-11-23T12:00:00Z").getEpochSecond();
  static final Pattern PAIR = Pattern.compile("([A-Za-z0-9_.]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  @TempDir Path dir;
  FakeSplunk fake;
  FakeEstate estate;
  Path checkpoints;
  /** The poller's clock; its sleeps (waiting for indexing) advance it, and it times the emulator's indexing. */
  final TestClock clock = new TestClock(T);

  @BeforeEach
  void start() throws IOException {
    fake = FakeSplunk.http(KEY);
    fake.kvStore().declare("ide_tunnel_risk_state");
    fake.receivers().indexingLag(Duration.ZERO, clock::millis);
    estate = new FakeEstate(fake);
    fake.export().respondWith(estate);
    estate.rawLines(Feed.SYSMON, IN_WINDOW, Path.of("samples/sysmon_tunnel_day.xml"));
    estate.rawLines(Feed.CROWDSTRIKE, IN_WINDOW, Path.of("samples/crowdstrike.jsonl"));
    estate.csvRows(Feed.ENDPOINT_PROCESSES, IN_WINDOW, Path.of("samples/cim_processes.csv"));
    checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  record Run(int exit, String out, String err) {}

  String definition(String params) {
    return "<input><server_host>sh1</server_host><server_uri>" + fake.uri() + "</server_uri>"
        + "<session_key>" + KEY + "</session_key><checkpoint_dir>" + checkpoints + "</checkpoint_dir>"
        + "<configuration><stanza name=\"ide_tunnel_risk://corp\" app=\"ide_tunnel_risk\">"
        + "<param name=\"feeds\">sysmon,crowdstrike,endpoint_processes</param>" + params
        + "<param name=\"interval\">3600</param></stanza></configuration></input>";
  }

  Run run(Instant now, String params, AppHome home) {
    return run(now, params, home, UnaryOperator.identity());
  }

  /** A run whose REST client settings the test adjusts further (after the short backoff every run has). */
  Run run(Instant now, String params, AppHome home,
      UnaryOperator<org.idetunnelrisk.splunk.Settings.Builder> client) {
    clock.set(now);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Poller poller = new Poller(home, clock, clock.sleeper(),
        b -> client.apply(b.backoff(Duration.ofMillis(1), Duration.ofMillis(2))));
    int exit = new ModularInputMain(poller, clock).run(new String[0],
        new ByteArrayInputStream(definition(params).getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    Run r = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    assertFalse(r.out().contains(KEY) || r.err().contains(KEY), "session key leaked: " + r);
    return r;
  }

  Run run(Instant now) {
    return run(now, "", AppHome.at(null));
  }

  /**
   * rule_id|risk_object|type|score of every risk event in the scan golden, sorted, the correlations' (which the
   * modular input evaluates across its feeds) included.
   */
  static List<String> goldenKeys() throws IOException {
    List<String> keys = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/golden/scan_samples.jsonl"))) {
      JsonObject e = JsonParser.parseString(line).getAsJsonObject();
      keys.add(e.get("rule_id").getAsString() + "|" + e.get("risk_object").getAsString() + "|"
          + e.get("risk_object_type").getAsString() + "|" + e.get("risk_score").getAsInt());
    }
    Collections.sort(keys);
    return keys;
  }

  static Map<String, String> fields(String raw) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    Matcher x = PAIR.matcher(raw);
    while (x.find()) {
      m.putIfAbsent(x.group(1), x.group(2));
    }
    return m;
  }

  List<String> receivedKeys() {
    List<String> keys = new ArrayList<>();
    for (RecordedRequest r : fake.receivers().accepted()) {
      Map<String, String> f = fields(r.body());
      keys.add(f.get("rule_id") + "|" + f.get("risk_object").replace("\\\\", "\\") + "|" + f.get("risk_object_type")
          + "|" + f.get("risk_score"));
    }
    Collections.sort(keys);
    return keys;
  }

  List<RecordedRequest> exports() {
    return fake.requests("/services/search/jobs/export");
  }

  /** The feed's checkpoint as its file holds it (written first: the truth), or null. */
  JsonObject checkpoint(String feed) {
    Path file = checkpoints.resolve("corp%3A" + feed + ".json");
    try {
      return Files.exists(file) ? JsonParser.parseString(Files.readString(file)).getAsJsonObject() : null;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void firstRunScoresTheDefaultWindowAndWritesWhatScanWould() throws IOException {
    Run r = run(T);
    assertEquals(0, r.exit(), r.err());
    List<RecordedRequest> ex = exports();
    assertEquals(3, ex.size());
    for (RecordedRequest q : ex) {
      assertEquals(Long.toString(EARLIEST), q.form().get("earliest_time"));
      assertEquals(Long.toString(LATEST), q.form().get("latest_time"));
      assertEquals("Splunk " + KEY, q.header("Authorization"));
    }
    assertTrue(ex.get(0).form().get("search").startsWith(
        "search `ide_tunnel_risk_sysmon_index` EventCode IN (1, 3, 7, 11, 22) ("), ex.get(0).form().get("search"));
    assertTrue(ex.get(0).form().get("search").contains("(devtunnel OR "), "literals pushed down");
    assertTrue(ex.get(0).form().get("search").endsWith(
        " | `ide_tunnel_risk_sysmon_filter` | fields _time _raw host source sourcetype"));
    assertTrue(ex.get(2).form().get("search").startsWith("| tstats `ide_tunnel_risk_summariesonly`"));
    assertTrue(ex.get(2).form().get("search").contains("Processes.process_name="), ex.get(2).form().get("search"));
    assertEquals(goldenKeys(), receivedKeys());
    RecordedRequest first = fake.receivers().accepted().get(0);
    assertEquals("risk", first.query().get("index"));
    assertEquals("stash", first.query().get("sourcetype"));
    assertTrue(first.query().get("source").startsWith("IDE Tunnel Risk - "), first.query().toString());
    for (String feed : List.of("sysmon", "crowdstrike", "endpoint_processes")) {
      assertEquals(LATEST, checkpoint(feed).get("latest").getAsLong(), feed);
      assertEquals(0, checkpoint(feed).getAsJsonArray("written_ids").size(), feed);
    }
    assertTrue(r.out().contains("risk_events_written=" + goldenKeys().size()), r.out());
    assertTrue(r.out().contains("status=ok"), r.out());
    assertTrue(r.out().contains("<sourcetype>ide_tunnel_risk:run</sourcetype>"), r.out());
  }

  @Test
  void nextRunTilesTimeWithNoGapNoOverlapAndWritesNothingTwice() {
    assertEquals(0, run(T).exit());
    int written = fake.receivers().accepted().size();
    Instant later = T.plusSeconds(3600);
    Run r = run(later);
    assertEquals(0, r.exit(), r.err());
    List<RecordedRequest> ex = exports().subList(3, 6);
    for (RecordedRequest q : ex) {
      assertEquals(Long.toString(LATEST), q.form().get("earliest_time"));
      assertEquals(Long.toString(LATEST + 3600), q.form().get("latest_time"));
    }
    assertEquals(written, fake.receivers().accepted().size());
  }

  @Test
  void rerunInTheSameMinuteHasNothingNew() {
    assertEquals(0, run(T).exit());
    Run r = run(T.plusSeconds(3));
    assertEquals(0, r.exit(), r.err());
    assertEquals(3, exports().size());
    assertTrue(r.err().contains("INFO corp:sysmon: nothing new"), r.err());
  }

  @Test
  void writeFailureMidWindowKeepsTheCheckpointAndTheRerunWritesTheRestOnce() throws IOException {
    AtomicInteger n = new AtomicInteger();
    fake.receivers().failWhen(q -> n.incrementAndGet() == 5, Reply.status(500));
    Run first = run(T);
    assertEquals(1, first.exit());
    assertTrue(first.out().contains("status=partial"), first.out());
    assertTrue(first.err().contains("ERROR corp:sysmon: stopped: "), first.err());
    assertEquals(EARLIEST, checkpoint("sysmon").get("latest").getAsLong());
    assertFalse(checkpoint("sysmon").getAsJsonArray("written_ids").isEmpty());
    Run second = run(T.plusSeconds(60));
    assertEquals(0, second.exit(), second.err());
    List<String> ids = estate.acceptedIds();
    assertEquals(ids.size(), new HashSet<>(ids).size(), "no risk event written twice");
    assertEquals(goldenKeys(), receivedKeys());
  }

  @Test
  void inFlightIdsThatLandedAreNotSentAgainAndThoseThatDidNotAre() throws Exception {
    assertEquals(0, run(T).exit());
    List<String> ids = estate.acceptedIds();
    List<RecordedRequest> sysmon = new ArrayList<>();
    for (RecordedRequest r : fake.receivers().accepted()) {
      if (r.body().contains("WS-ERIN")) {
        sysmon.add(r);
      }
    }
    // As if the last run was killed after sending a batch and before saving: the checkpoint still at the
    // window start, that batch in flight. Half of it landed, half never reached Splunk.
    List<String> flight = new ArrayList<>();
    for (RecordedRequest r : sysmon) {
      Matcher m = Pattern.compile("risk_event_id=\"([0-9a-f]+)\"").matcher(r.body());
      assertTrue(m.find());
      flight.add(m.group(1));
    }
    List<String> lost = flight.subList(0, flight.size() / 2);
    fake.receivers().forget(r -> lost.stream().anyMatch(id -> r.body().contains(id)));
    JsonObject cp = new JsonObject();
    cp.addProperty("latest", EARLIEST);
    cp.add("written_ids", new com.google.gson.JsonArray());
    com.google.gson.JsonArray f = new com.google.gson.JsonArray();
    flight.forEach(f::add);
    cp.add("in_flight_ids", f);
    cp.addProperty("updated", T.getEpochSecond());
    cp.addProperty("seq", 1000);
    fake.kvStore().put("ide_tunnel_risk_state", "corp:sysmon", cp);
    Files.writeString(checkpoints.resolve("corp%3Asysmon.json"), cp.toString());
    int before = fake.receivers().accepted().size();
    Run r = run(T.plusSeconds(60));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("INFO corp:sysmon: " + (flight.size() - lost.size()) + " of " + flight.size()
        + " risk events in flight when the last run stopped had reached the risk index"), r.err());
    assertEquals(before + lost.size(), fake.receivers().accepted().size());
    List<String> after = estate.acceptedIds();
    assertEquals(after.size(), new HashSet<>(after).size(), "no risk event written twice");
    assertEquals(new HashSet<>(ids), new HashSet<>(after));
  }

  @Test
  void exportCutMidRecordFailsThePollKeepsTheCheckpointAndTheRerunWritesTheRestOnce() throws IOException {
    fake.export().dropConnectionAfter("{\"preview\":false,\"result\":{\"_raw\":\"<Event");
    Run first = run(T, "<param name=\"batch_size\">2</param>", AppHome.at(null));
    assertEquals(1, first.exit());
    assertTrue(first.err().contains("ERROR corp:sysmon: stopped: "), first.err());
    assertTrue(first.out().contains("status=failed"), first.out());
    assertFalse(fake.receivers().accepted().isEmpty(), "full batches are written while the rows stream");
    assertEquals(EARLIEST, checkpoint("sysmon").get("latest").getAsLong(), "the checkpoint did not move");
    Set<String> saved = ids(checkpoint("sysmon").getAsJsonArray("written_ids"));
    assertFalse(saved.isEmpty());
    assertTrue(new HashSet<>(estate.acceptedIds()).containsAll(saved), "the checkpoint lists what was written");
    fake.export().dropConnectionAfter(null);
    assertEquals(0, run(T.plusSeconds(60), "<param name=\"batch_size\">2</param>", AppHome.at(null)).exit());
    List<String> ids = estate.acceptedIds();
    assertEquals(ids.size(), new HashSet<>(ids).size(), "no risk event written twice");
    assertEquals(goldenKeys(), receivedKeys());
  }

  @Test
  void batchesAreWrittenWhileTheExportStillStreams() throws Exception {
    // Each export pauses after 20 rows until the first risk event is written (at most 30 s): with batches of
    // two, the poller must write from those rows, not hold them until the export ends.
    AtomicInteger openExports = new AtomicInteger();
    AtomicReference<Boolean> firstWriteWhileStreaming = new AtomicReference<>();
    CountDownLatch firstWrite = new CountDownLatch(1);
    fake.export().respondWithStream(q -> {
      Iterator<String> lines = estate.apply(q).iterator();
      openExports.incrementAndGet();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          boolean more = lines.hasNext();
          if (!more) {
            openExports.decrementAndGet();
          }
          return more;
        }

        @Override
        public String next() {
          return lines.next();
        }
      };
    }).pauseAfter(20, firstWrite);
    fake.receivers().failWhen(q -> {
      firstWriteWhileStreaming.compareAndSet(null, openExports.get() > 0);
      firstWrite.countDown();
      return false;
    }, Reply.status(500));
    Run r = run(T, "<param name=\"batch_size\">2</param>", AppHome.at(null));
    assertEquals(0, r.exit(), r.err());
    assertEquals(Boolean.TRUE, firstWriteWhileStreaming.get());
    List<String> ids = estate.acceptedIds();
    assertEquals(ids.size(), new HashSet<>(ids).size(), "no risk event written twice");
    assertEquals(goldenKeys(), receivedKeys());
  }

  static Set<String> ids(com.google.gson.JsonArray array) {
    Set<String> out = new HashSet<>();
    array.forEach(e -> out.add(e.getAsString()));
    return out;
  }

  @Test
  void keyExpiringMidWriteStopsThePollAndTheNextRunWritesTheRestOnce() throws IOException {
    AtomicInteger n = new AtomicInteger();
    fake.receivers().failWhen(q -> n.incrementAndGet() > 10 && n.get() < 1000,
        Reply.messages(401, "WARN", "call not properly authenticated"));
    Run first = run(T);
    assertEquals(1, first.exit());
    assertTrue(first.err().contains("401"), first.err());
    assertTrue(first.out().contains("status=failed"), first.out());
    assertEquals(10, fake.receivers().accepted().size());
    assertEquals(EARLIEST, checkpoint("sysmon").get("latest").getAsLong(), "the checkpoint did not move");
    n.set(1000);
    assertEquals(0, run(T.plusSeconds(60)).exit());
    List<String> ids = estate.acceptedIds();
    assertEquals(ids.size(), new HashSet<>(ids).size(), "no risk event written twice");
    assertEquals(goldenKeys(), receivedKeys());
  }

  @Test
  void checkpointThatCannotBeWrittenFailsThePollBeforeAnythingIsWritten() throws IOException {
    fake.kvStore().unavailable(true);
    Files.delete(checkpoints);
    Files.writeString(checkpoints, "not a folder");
    Run r = run(T);
    assertEquals(1, r.exit());
    // the correlations' checkpoint is read first: nothing is polled without it
    assertTrue(r.err().contains("ERROR corp:correlations: stopped before polling: the correlation state could not be"
        + " loaded: cannot read checkpoint file "), r.err());
    assertTrue(r.err().contains(checkpoints.toString()), "names the checkpoint place: " + r.err());
    assertTrue(r.out().contains("faults=correlations:checkpoint"), r.out());
    assertEquals(0, exports().size());
    assertEquals(0, fake.receivers().accepted().size());
  }

  @Test
  void truncatedRawFallsBackToTheRowsFieldsSoPaddingCannotHideAnEvent() {
    estate = new FakeEstate(fake);
    fake.export().respondWith(estate);
    String padded = "devtunnel.exe host -a " + "A".repeat(200);
    estate.row(Feed.SYSMON, IN_WINDOW, Map.of(
        "_raw", List.of("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>1"
            + "</EventID><Computer>ws-pad</Computer></System><EventData><Data Name='CommandLine'>" + padded.substring(0, 60)),
        "Image", List.of("C:\\Users\\x\\devtunnel.exe"),
        "CommandLine", List.of(padded),
        "Computer", List.of("ws-pad"),
        "EventCode", List.of("1")));
    Run r = run(T);
    assertTrue(r.err().contains("could not be read from _raw"), r.err());
    assertTrue(r.err().contains("scoring the row's fields instead"), r.err());
    assertTrue(r.out().contains("unreadable_rows=1"), r.out());
    assertTrue(receivedKeys().stream().anyMatch(k -> k.contains("|ws-pad|system|")), receivedKeys().toString());
  }

  @Test
  void expiredKeyEndsThePollWithoutMovingTheCheckpoint() {
    fake.expireKey();
    Run r = run(T);
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("ERROR corp: stopped before polling: cannot tell whether this search head may poll"
        + " (standalone, or the search head cluster captain) or must stand aside (splunkd refused the session key it"
        + " gave this run: GET /services/server/info: HTTP 401:"), r.err());
    assertEquals(0, fake.receivers().accepted().size());
    assertEquals(0, exports().size(), "the run stops at its first call");
    assertTrue(r.out().contains("status=failed"), r.out());
    assertNull(checkpoint("sysmon"));
  }

  @Test
  void dryRunScoresButNeitherWritesNorMovesTheCheckpoint() throws IOException {
    Run r = run(T, "<param name=\"dry_run\">1</param>", AppHome.at(null));
    assertEquals(0, r.exit(), r.err());
    assertEquals(0, fake.receivers().accepted().size());
    assertTrue(r.out().contains("risk_events=" + goldenKeys().size()), r.out());
    assertTrue(r.out().contains("risk_events_written=0"), r.out());
    assertNull(checkpoint("sysmon"));
  }

  @Test
  void rowLimitIsReportedAndTheWindowIsReadAgain() {
    Run r = run(T, "<param name=\"max_rows\">5</param>", AppHome.at(null));
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("ERROR corp:sysmon: more than max_rows=5 rows in window "
        + "2026-11-23T11:24:00Z..2026-11-23T12:24:00Z (" + EARLIEST + ".." + LATEST + ")"), r.err());
    assertTrue(r.out().contains("max_rows_hit=1"), r.out());
    assertNull(checkpoint("sysmon"), "the first five rows had no hit, so nothing was saved and nothing moved");
  }

  @Test
  void allowlistedRiskEventsAreDroppedAndCounted() throws IOException {
    Path app = Files.createDirectories(dir.resolve("app/lookups"));
    Files.writeString(app.resolve("ide_tunnel_risk_allowlist_local.csv"),
        "dest,user,process_path,parent_process_name,rule_id,expires,reason\n"
            + "LAPTOP-GRACE,,,,,2099-12-31,lab machine of the red team\n");
    Run r = run(T, "", AppHome.at(dir.resolve("app")));
    assertEquals(0, r.exit(), r.err());
    // LAPTOP-GRACE's two DNS lookups, its tunnel start, and the chain they make
    assertTrue(r.out().contains("allowlisted=4"), r.out());
    assertTrue(receivedKeys().stream().noneMatch(k -> k.contains("|LAPTOP-GRACE|")));
  }

  @Test
  void kvStoreDownFallsBackToCheckpointFiles() throws IOException {
    fake.kvStore().unavailable(true);
    Run r = run(T);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("WARN"), r.err());
    try (var files = Files.list(checkpoints)) {
      assertEquals(List.of("corp%3Acorrelations.json", "corp%3Acrowdstrike.json", "corp%3Aendpoint_processes.json",
          "corp%3Asysmon.json"), files.map(f -> f.getFileName().toString()).sorted().toList());
    }
  }

  // ---- Faults a real deployment has (issue 10): each ends with every expected risk event in the index once.

  /** Every risk event the index holds exactly once, and exactly the golden ones. */
  void assertExactlyOnce() throws IOException {
    List<String> ids = estate.acceptedIds();
    assertEquals(ids.size(), new HashSet<>(ids).size(), "no risk event written twice");
    assertEquals(goldenKeys(), receivedKeys(), "every risk event written");
  }

  @ParameterizedTest
  @EnumSource(value = ReceiversSimpleRoute.AfterIndexing.class, names = {"DROP_CONNECTION", "SERVER_ERROR", "NO_ANSWER"})
  void writesIndexedWithoutAClearAnswerAreFoundInTheRiskIndexAndNotSentAgain(ReceiversSimpleRoute.AfterIndexing fault)
      throws IOException {
    AtomicInteger n = new AtomicInteger();
    fake.receivers().afterIndexing(q -> n.incrementAndGet() % 7 == 3 ? fault : ReceiversSimpleRoute.AfterIndexing.ANSWER);
    Run r = runWithTimeout(T);
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("sent without a clear answer"), r.err());
    assertTrue(r.err().contains("in flight (the risk index is asked for them before any is sent again)"), r.err());
    assertFalse(checkpoint("sysmon").getAsJsonArray("in_flight_ids").isEmpty(), "stays in flight");
    fake.receivers().afterIndexing(q -> ReceiversSimpleRoute.AfterIndexing.ANSWER);
    Run last = runWithTimeout(T.plusSeconds(60));
    assertEquals(0, last.exit(), last.err());
    assertTrue(last.err().contains("1 of 1 risk events in flight when the last run stopped had reached the risk index"),
        last.err());
    assertExactlyOnce();
  }

  Run runWithTimeout(Instant now) {
    return run(now, "", AppHome.at(null), b -> b.requestTimeout(Duration.ofMillis(400)));
  }

  @Test
  void anExportEndingCleanlyBeforeItsLastRowFailsThePollAndNothingIsLost() throws IOException {
    fake.export().endCleanlyAfter(9);
    Run first = run(T);
    assertEquals(1, first.exit());
    assertTrue(first.out().contains("status=failed"), first.out());
    assertTrue(first.err().contains("without Splunk's end-of-results marker"), first.err());
    for (String feed : List.of("sysmon", "crowdstrike", "endpoint_processes")) {
      JsonObject cp = checkpoint(feed);
      assertTrue(cp == null || cp.get("latest").getAsLong() == EARLIEST, feed + ": window not committed");
    }
    fake.export().endCleanlyAfter(-1);
    assertEquals(0, run(T.plusSeconds(60)).exit());
    assertExactlyOnce();
  }

  @Test
  void aRestartDuringIndexingLagWaitsForTheRiskIndexInsteadOfSendingAgain() throws IOException {
    fake.receivers().indexingLag(Duration.ofSeconds(12), clock::millis);
    AtomicInteger n = new AtomicInteger();
    // the 6th write is indexed but its answer lost: the run stops with it in flight, and the next run starts
    // at once, before the index makes it searchable
    fake.receivers().afterIndexing(q -> n.incrementAndGet() == 6 ? ReceiversSimpleRoute.AfterIndexing.DROP_CONNECTION
        : ReceiversSimpleRoute.AfterIndexing.ANSWER);
    assertEquals(1, run(T).exit());
    Run second = run(T);
    assertEquals(0, second.exit(), second.err());
    assertTrue(second.err().contains("not in the risk index yet; waiting 30 s (landed_check_delay)"), second.err());
    assertTrue(second.err().contains("INFO corp:sysmon: 1 of 1 risk events in flight when the last run stopped had"
        + " reached the risk index"), second.err());
    assertExactlyOnce();
  }

  @Test
  void inFlightEventsTheIndexNeverGotAreSentAgainAfterTheDelay() throws IOException {
    AtomicInteger n = new AtomicInteger();
    fake.receivers().failWhen(q -> n.incrementAndGet() == 4, Reply.status(502));
    Run first = run(T, "<param name=\"landed_check_delay\">5</param>", AppHome.at(null));
    assertEquals(1, first.exit());
    Instant before = T.plusSeconds(1);
    Run second = run(before, "<param name=\"landed_check_delay\">5</param>", AppHome.at(null));
    assertEquals(0, second.exit(), second.err());
    assertTrue(second.err().contains("waiting 4 s (landed_check_delay)"), second.err());
    assertTrue(second.err().contains("0 of 1 risk events in flight when the last run stopped had reached the risk"
        + " index; 1 had not and are sent again"), second.err());
    assertExactlyOnce();
  }

  @Test
  void aKvStoreDownForTheWholePollCostsOneRequestAndOneWarning() throws IOException {
    fake.kvStore().unavailable(true);
    Run r = run(T);
    assertEquals(0, r.exit(), r.err());
    assertEquals(1, fake.requests(KvStoreRoute.PREFIX).size(), "asked once, not per save");
    assertEquals(1, r.err().lines().filter(l -> l.startsWith("WARN KV store did not answer")).count(), r.err());
    assertExactlyOnce();
  }

  @Test
  void runSummaryCountsWhatWasReadAndWrittenWhenThePollFails() throws IOException {
    AtomicInteger n = new AtomicInteger();
    fake.receivers().failWhen(q -> n.incrementAndGet() == 15, Reply.status(403));
    Run r = run(T);
    assertEquals(1, r.exit());
    Matcher rows = Pattern.compile("rows_read=(\\d+)").matcher(r.out());
    Matcher written = Pattern.compile("risk_events_written=(\\d+)").matcher(r.out());
    assertTrue(rows.find() && written.find(), r.out());
    assertTrue(Long.parseLong(rows.group(1)) > 0, r.out());
    assertEquals(fake.receivers().accepted().size(), Integer.parseInt(written.group(1)), r.out());
    assertTrue(Integer.parseInt(written.group(1)) >= 14, r.out());
    assertTrue(r.out().contains("faults=sysmon:forbidden"), r.out());
  }

  @Test
  void retriesThatSucceedAreLoggedWithTheirWait() throws IOException {
    fake.receivers().enqueue(Reply.unavailable("1"), Reply.unavailable("1"));
    Run r = run(T);
    assertEquals(0, r.exit(), r.err());
    assertEquals(2, r.err().lines().filter(l -> l.startsWith("INFO retrying POST /services/receivers/simple: HTTP 503")
        && l.contains(" in 1 s)")).count(), r.err());
    assertExactlyOnce();
  }

  // ---- Correlations across polls (issue 13): a tunnel start in one window, its use in the next

  static final String CHAIN = "3b7c6f0e-2d4a-4e8b-9c61-5a0f7d2e8b14";
  /** In the first window (11:24-12:24), and six minutes later in the second (12:24-13:24). */
  static final long START = Instant.parse("2026-11-23T12:20:00Z").getEpochSecond();
  static final long USE = Instant.parse("2026-11-23T12:26:00Z").getEpochSecond();
  static final Instant NEXT = T.plusSeconds(3600);

  /** The emulator holding only the split chain: a Dev Tunnels host (endpoint_processes), the relay resolved (Sysmon). */
  void splitChain() {
    estate = new FakeEstate(fake);
    fake.export().respondWith(estate);
    estate.row(Feed.ENDPOINT_PROCESSES, START, Map.of("dest", List.of("ws-split"), "user", List.of("CORP\\split"),
        "process_name", List.of("devtunnel.exe"), "process", List.of("devtunnel.exe host -p 8080"),
        "parent_process_name", List.of("cmd.exe"), "process_path", List.of("C:\\Program Files\\devtunnel\\devtunnel.exe")));
    estate.raw(Feed.SYSMON, USE, dns("ws-split", USE, 9001));
  }

  /** A Sysmon DNS query (event 22) of a Dev Tunnels relay name by {@code host} at {@code time}. */
  static String dns(String host, long time, int record) {
    String t = Instant.ofEpochSecond(time).toString();
    return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider"
        + " Name='Microsoft-Windows-Sysmon'/><EventID>22</EventID><TimeCreated SystemTime='" + t + "'/><EventRecordID>"
        + record + "</EventRecordID><Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>" + host
        + "</Computer></System><EventData><Data Name='UtcTime'>" + t.replace('T', ' ').replace("Z", ".000")
        + "</Data><Data Name='QueryName'>k3m9q2-8080.euw.devtunnels.ms</Data><Data Name='Image'>"
        + "C:\\Users\\split\\devtunnel.exe</Data></EventData></Event>";
  }

  List<String> chains() {
    return receivedKeys().stream().filter(k -> k.startsWith(CHAIN + "|")).toList();
  }

  @Test
  void aChainWhoseEventsFallInTwoPollsFiresOnceInTheSecond() throws IOException {
    splitChain();
    Run first = run(T);
    assertEquals(0, first.exit(), first.err());
    assertEquals(List.of(), chains(), "the use is not read yet");
    assertTrue(first.out().contains("correlation_risk_events=0 correlation_held=2"), first.out());
    assertTrue(checkpoint("correlations").get("correlation_state").getAsString().contains("ws-split"),
        "the open chain is saved with the checkpoint");
    Run second = run(NEXT);
    assertEquals(0, second.exit(), second.err());
    assertEquals(List.of(CHAIN + "|ws-split|system|60"), chains());
    assertTrue(second.out().contains("correlation_risk_events=1"), second.out());
    RecordedRequest chain = fake.receivers().accepted().stream().filter(r -> r.body().contains(CHAIN)).findFirst()
        .orElseThrow();
    assertEquals(List.of(Long.toString(START), Long.toString(USE)), all(chain.body(), "contributing_time"));
    assertEquals(0, run(NEXT.plusSeconds(3600)).exit());
    assertEquals(1, chains().size(), "nothing found twice");
    List<String> ids = estate.acceptedIds();
    assertEquals(3, ids.size(), "the start, the lookup and the chain: " + receivedKeys());
    assertEquals(ids.size(), new HashSet<>(ids).size());
  }

  static List<String> all(String raw, String field) {
    List<String> out = new ArrayList<>();
    Matcher m = PAIR.matcher(raw);
    while (m.find()) {
      if (m.group(1).equals(field)) {
        out.add(m.group(2));
      }
    }
    return out;
  }

  /** The checkpoint files and KV records at one moment: what a process killed then leaves behind. */
  record Durable(Map<String, byte[]> files, Map<String, JsonObject> kv, Set<RecordedRequest> indexed) {}

  Durable durable() {
    Map<String, byte[]> files = new java.util.TreeMap<>();
    try (var list = Files.list(checkpoints)) {
      for (Path f : list.toList()) {
        files.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Set<RecordedRequest> indexed = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    indexed.addAll(fake.receivers().accepted());
    return new Durable(files, fake.kvStore().records("ide_tunnel_risk_state"), indexed);
  }

  /** Back to {@code d}: checkpoints as saved then, and the risk index without what was written after. */
  void restore(Durable d) throws IOException {
    try (var list = Files.list(checkpoints)) {
      for (Path f : list.toList()) {
        Files.delete(f);
      }
    }
    for (Map.Entry<String, byte[]> e : d.files().entrySet()) {
      Files.write(checkpoints.resolve(e.getKey()), e.getValue());
    }
    fake.kvStore().replaceAll("ide_tunnel_risk_state", d.kv());
    fake.receivers().forget(r -> !d.indexed().contains(r));
  }

  /**
   * The second poll of the split chain killed at its k-th durable moment: a checkpoint save that reached its file
   * and not yet the KV store, or a write the index took whose answer never came back. The emulator then holds
   * what a process killed there leaves: the checkpoints as saved, the risk index as written. A restart and one
   * more poll must leave every risk event, the chain's included, in the index exactly once.
   */
  @ParameterizedTest(name = "KV store down: {0}")
  @ValueSource(booleans = {false, true})
  void aChainSplitAcrossPollsIsWrittenOnceWhereverTheSecondPollIsKilled(boolean kvDown) throws IOException {
    List<String> expected = null;
    int points = 0;
    for (int k = 0; ; k++) {
      if (k > 0) {
        fake.close();
        fake = FakeSplunk.http(KEY);
        fake.kvStore().declare("ide_tunnel_risk_state");
        fake.receivers().indexingLag(Duration.ZERO, clock::millis);
        checkpoints = Files.createDirectories(dir.resolve("checkpoints-" + kvDown + "-" + k));
      }
      splitChain();
      assertEquals(0, run(T).exit());
      fake.kvStore().unavailable(kvDown);
      AtomicInteger moments = new AtomicInteger();
      AtomicReference<Durable> crash = new AtomicReference<>();
      int killAt = k;
      fake.kvStore().failWhen(q -> {
        if (q.method().equals("POST") && moments.incrementAndGet() == killAt) {
          crash.set(durable());
        }
        return false;
      }, Reply.status(500));
      fake.receivers().afterIndexing(q -> {
        if (moments.incrementAndGet() == killAt) {
          crash.set(durable());
        }
        return ReceiversSimpleRoute.AfterIndexing.ANSWER;
      });
      Run second = run(NEXT);
      assertEquals(0, second.exit(), second.err());
      if (k > 0 && crash.get() == null) {
        break;
      }
      if (k > 0) {
        restore(crash.get());
        points++;
        fake.kvStore().unavailable(false);
        Run restart = run(NEXT.plusSeconds(60));
        assertEquals(0, restart.exit(), "killed at moment " + k + ": " + restart.err());
        assertEquals(0, run(NEXT.plusSeconds(3600)).exit());
      }
      List<String> ids = estate.acceptedIds();
      assertEquals(ids.size(), new HashSet<>(ids).size(), "killed at moment " + k + ": no risk event written twice");
      if (expected == null) {
        expected = receivedKeys();
        assertEquals(List.of(CHAIN + "|ws-split|system|60"), chains());
      }
      assertEquals(expected, receivedKeys(), "killed at moment " + k + ": every risk event written");
    }
    assertTrue(points >= (kvDown ? 2 : 8), "crash points met: " + points);
  }

  @Test
  void aChainWriteIndexedWithoutAClearAnswerIsFoundInTheRiskIndexAndNotSentAgain() throws IOException {
    splitChain();
    assertEquals(0, run(T).exit());
    fake.receivers().afterIndexing(q -> q.body().contains(CHAIN) ? ReceiversSimpleRoute.AfterIndexing.DROP_CONNECTION
        : ReceiversSimpleRoute.AfterIndexing.ANSWER);
    Run second = run(NEXT);
    assertEquals(1, second.exit());
    assertTrue(second.err().contains("ERROR corp:correlations: stopped: "), second.err());
    assertTrue(second.err().contains("1 in flight (the risk index is asked for them before any is sent again)"),
        second.err());
    assertTrue(second.err().contains("INFO corp:sysmon: window " + Poller.window(LATEST, LATEST + 3600) + " read, not"
        + " committed: the correlations stopped"), second.err());
    assertTrue(second.out().contains("faults=correlations:"), second.out());
    assertEquals(LATEST, checkpoint("sysmon").get("latest").getAsLong(), "the windows are read again");
    fake.receivers().afterIndexing(q -> ReceiversSimpleRoute.AfterIndexing.ANSWER);
    Run third = run(NEXT.plusSeconds(60));
    assertEquals(0, third.exit(), third.err());
    assertTrue(third.err().contains("INFO corp:correlations: 1 of 1 risk events in flight when the last run stopped"
        + " had reached the risk index"), third.err());
    assertEquals(List.of(CHAIN + "|ws-split|system|60"), chains());
    List<String> ids = estate.acceptedIds();
    assertEquals(ids.size(), new HashSet<>(ids).size(), "no risk event written twice");
  }

  @Test
  void aFeedThatDidNotReadItsWindowHoldsTheOthersSoTheChainIsStillFoundOnce() throws IOException {
    splitChain();
    assertEquals(0, run(T).exit());
    java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean(true);
    fake.export().failWhen(q -> failing.get()
        && q.form().getOrDefault("search", "").contains("ide_tunnel_risk_crowdstrike_index"), Reply.status(400));
    Run second = run(NEXT);
    assertEquals(1, second.exit());
    assertEquals(List.of(), chains(), "not decided without the crowdstrike window");
    assertTrue(second.err().contains("INFO corp:sysmon: window " + Poller.window(LATEST, LATEST + 3600) + " read, not"
        + " committed: feed crowdstrike did not read its window, and the correlations take every feed's window of a"
        + " poll together. It is read again next run; its 1 risk events written are not sent again"), second.err());
    failing.set(false);
    Run third = run(NEXT.plusSeconds(60));
    assertEquals(0, third.exit(), third.err());
    assertEquals(List.of(CHAIN + "|ws-split|system|60"), chains());
    List<String> ids = estate.acceptedIds();
    assertEquals(3, ids.size(), receivedKeys().toString());
    assertEquals(ids.size(), new HashSet<>(ids).size(), "no risk event written twice");
  }

  @Test
  void stateOlderThanTheTimespanAndTheLatenessIsDroppedAndItsChainIsNotFound() throws IOException {
    estate = new FakeEstate(fake);
    fake.export().respondWith(estate);
    estate.row(Feed.ENDPOINT_PROCESSES, START, Map.of("dest", List.of("ws-split"), "process_name",
        List.of("devtunnel.exe"), "process", List.of("devtunnel.exe host -p 8080")));
    // the use comes 21 minutes after the start, in the poll after next: past the 10-minute timespan
    long late = START + 21 * 60;
    estate.raw(Feed.SYSMON, late, dns("ws-split", late, 9002));
    Run first = run(T);
    assertTrue(first.out().contains("correlation_held=2"), first.out());
    Run second = run(NEXT);
    assertEquals(0, second.exit(), second.err());
    assertEquals(List.of(), chains());
    assertTrue(second.out().contains("correlation_held=1"), "the start expired, the use is held: " + second.out());
    assertFalse(checkpoint("correlations").get("correlation_state").getAsString().contains(Long.toString(START)),
        "dropped from the saved state");
  }

  @Test
  void hitsOlderThanTheStateCanJoinAreCountedAndWarnedAbout() throws IOException {
    splitChain();
    assertEquals(0, run(T).exit());
    // indexed in the second window, but its own time is two hours earlier: older than the state keeps
    long old = USE - 7200;
    estate.raw(Feed.SYSMON, USE + 60, dns("ws-old", old, 9003));
    Run second = run(NEXT);
    assertEquals(0, second.exit(), second.err());
    // one hit, late for the two correlations it feeds (the tunnel use, the relay name count)
    assertTrue(second.err().contains("WARN corp:correlations: hits older than the correlation state can still join"
        + " were not correlated, 2 times (once per correlation a hit feeds; by feed: sysmon 2): older than their"
        + " correlation's timespan plus 600 s of allowed lateness behind the newest time read."), second.err());
    assertTrue(second.out().contains("correlation_late=2"), second.out());
  }

  @Test
  void unreadableCorrelationStateStopsTheRunSayingHowToReset() throws IOException {
    JsonObject cp = new JsonObject();
    cp.addProperty("latest", EARLIEST);
    cp.addProperty("seq", 5);
    cp.addProperty("correlation_state", "{\"version\":9}");
    Files.writeString(checkpoints.resolve("corp%3Acorrelations.json"), cp.toString());
    Run r = run(T);
    assertEquals(1, r.exit());
    assertEquals(List.of("ERROR corp:correlations: stopped before polling: the correlation state could not be loaded:"
        + " correlation state: version: expected version 1 but found Double. Nothing was polled or written. To start the"
        + " correlations afresh, delete the KV store record 'corp:correlations' of collection ide_tunnel_risk_state"
        + " and the file of the same key in the input's checkpoint_dir (README, Correlations in the modular input)."),
        r.err().lines().filter(l -> l.startsWith("ERROR")).toList());
    assertEquals(0, exports().size());
    assertTrue(r.out().contains("status=failed"), r.out());
  }
}
