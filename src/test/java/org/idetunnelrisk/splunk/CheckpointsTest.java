package org.idetunnelrisk.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.idetunnelrisk.splunk.emulator.FakeCa;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.idetunnelrisk.splunk.emulator.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
  private static final String KEY = "corp_endpoints:sysmon";
  private static final String BASE = "/servicesNS/nobody/ide_tunnel_risk/storage/collections/data/ide_tunnel_risk_state";
  private FakeSplunk fake;
  private final Fixtures.FakeSleeper sleeper = new Fixtures.FakeSleeper();
  private final Fixtures.RecordingLog log = new Fixtures.RecordingLog();
  @TempDir Path dir;

  @BeforeEach
  void start() {
    fake = Fixtures.fake();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static Checkpoint checkpoint(long latest, String... ids) {
    return new Checkpoint(KEY, latest, List.of(ids), latest + 100);
  }

  @Test
  void kvStoreRoundTrip() throws Exception {
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      KvStoreCheckpoints store = new KvStoreCheckpoints(c, new FileCheckpoints(dir), log);
      assertEquals(Optional.empty(), store.load(KEY));
      store.save(checkpoint(1790860000L, "e1", "e2"));
      store.save(checkpoint(1790863600L));
      assertEquals(Optional.of(checkpoint(1790863600L).withSeq(2)), store.load(KEY));
    }
    List<RecordedRequest> sent = fake.requests();
    assertEquals(List.of("GET " + BASE + "/corp_endpoints%3Asysmon", "POST " + BASE + "/corp_endpoints%3Asysmon",
        "POST " + BASE, "POST " + BASE + "/corp_endpoints%3Asysmon", "GET " + BASE + "/corp_endpoints%3Asysmon"),
        sent.stream().map(r -> r.method() + " " + r.path()).toList());
    assertEquals("{\"_key\":\"corp_endpoints:sysmon\",\"seq\":1,\"latest\":1790860000,\"written_ids\":[\"e1\",\"e2\"],"
        + "\"in_flight_ids\":[],\"in_flight_earliest\":0,\"in_flight_latest\":0,\"in_flight_settled\":0,"
        + "\"updated\":1790860100}", sent.get(2).body());
    assertEquals("application/json", sent.get(2).header("Content-Type"));
    assertEquals(2, fake.kvStore().record("ide_tunnel_risk_state", KEY).get("seq").getAsLong());
    assertEquals(Optional.of(checkpoint(1790863600L).withSeq(2)), new FileCheckpoints(dir).load(KEY),
        "the file holds the same save");
    assertEquals(List.of(), log.lines);
  }

  @Test
  void unavailableKvStoreIsToldOnceAndAskedAgainOnlyAfterThePause() throws Exception {
    MutableClock clock = new MutableClock();
    fake.kvStore().unavailable(true);
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      KvStoreCheckpoints store = new KvStoreCheckpoints(c, new FileCheckpoints(dir), log, clock);
      for (int i = 1; i <= 50; i++) {
        store.save(checkpoint(1790860000L + i, "e" + i));
      }
      assertEquals(Optional.of(checkpoint(1790860050L, "e50").withSeq(50)), store.load(KEY));
      assertEquals(1, fake.requests().size(), "one KV request, not a retry storm per save");
      assertEquals(List.of(), sleeper.slept, "no backoff waits");
      clock.millis += KvStoreCheckpoints.PROBE_EVERY.toMillis();
      store.save(checkpoint(1790860051L));
      assertEquals(2, fake.requests().size(), "asked again after the pause");
      fake.kvStore().unavailable(false);
      clock.millis += KvStoreCheckpoints.PROBE_EVERY.toMillis();
      store.save(checkpoint(1790860052L));
      store.save(checkpoint(1790860053L));
    }
    assertEquals(Optional.of(checkpoint(1790860053L).withSeq(53)), new FileCheckpoints(dir).load(KEY));
    assertEquals(53, fake.kvStore().record("ide_tunnel_risk_state", KEY).get("seq").getAsLong(),
        "the KV store has the newest save once it answers");
    assertEquals(2, log.lines.size(), log.lines.toString());
    assertEquals("WARN KV store did not answer (GET " + BASE + "/corp_endpoints%3Asysmon: HTTP 503: ERROR: KV Store is"
        + " initializing. Please try again later.): checkpoints are kept in their files (always written first) until"
        + " it answers again; asking it again at most every 30 s", log.lines.get(0));
    assertEquals("INFO KV store answers again: checkpoints are saved there as well as in their files", log.lines.get(1));
  }

  @Test
  void theNewerSaveWinsWhenKvStoreAndFileHaveTheSameLatest() throws Exception {
    // A splunkd restart: the KV store stops answering mid-poll, so the file gets saves the KV record lacks,
    // with the same window start; the process is killed; then the KV store answers again.
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      KvStoreCheckpoints store = new KvStoreCheckpoints(c, new FileCheckpoints(dir), log);
      store.save(checkpoint(100, "e1"));
      fake.kvStore().unavailable(true);
      store.save(checkpoint(100, "e1", "e2", "e3"));
    }
    fake.kvStore().unavailable(false);
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      KvStoreCheckpoints restarted = new KvStoreCheckpoints(c, new FileCheckpoints(dir), log);
      assertEquals(List.of("e1", "e2", "e3"), restarted.load(KEY).orElseThrow().writtenIds());
      restarted.save(checkpoint(100, "e1", "e2", "e3", "e4"));
      assertEquals(3, restarted.load(KEY).orElseThrow().seq());
    }
  }

  @Test
  void aNewerKvRecordWinsOverTheFile() throws Exception {
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      KvStoreCheckpoints store = new KvStoreCheckpoints(c, new FileCheckpoints(dir), log);
      store.save(checkpoint(100, "e1"));
      // another search head, sharing the collection, saved after this one
      fake.kvStore().put("ide_tunnel_risk_state", KEY, checkpoint(100, "e1", "e9").withSeq(7).toJson());
      assertEquals(List.of("e1", "e9"), new KvStoreCheckpoints(c, new FileCheckpoints(dir), log).load(KEY)
          .orElseThrow().writtenIds());
    }
  }

  @Test
  void unnumberedCopiesWithTheSameLatestAreMerged() {
    Checkpoint kv = new Checkpoint(KEY, 100, List.of("e1"), List.of("e2", "e3"), 5);
    Checkpoint file = new Checkpoint(KEY, 100, List.of("e1", "e2"), List.of("e4"), 6);
    Checkpoint merged = Checkpoint.newer(kv, file);
    assertEquals(List.of("e1", "e2"), merged.writtenIds());
    assertEquals(List.of("e3", "e4"), merged.inFlight().ids());
    assertEquals(200, Checkpoint.newer(checkpoint(200), checkpoint(100, "x")).latest());
  }

  @Test
  void kvAuthFailureIsCheckpointError() throws Exception {
    fake.expireKey();
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      KvStoreCheckpoints store = new KvStoreCheckpoints(c, new FileCheckpoints(dir), log);
      CheckpointException e = assertThrows(CheckpointException.class, () -> store.save(checkpoint(1)));
      assertEquals("cannot read checkpoint 'corp_endpoints:sysmon' from the KV store: GET " + BASE
          + "/corp_endpoints%3Asysmon: HTTP 401: WARN: call not properly authenticated", e.getMessage());
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count(), "no silent fallback on 401");
    }
  }

  @Test
  void kvAuthFailureOnSaveNamesTheFileThatHoldsTheSave() throws Exception {
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      KvStoreCheckpoints store = new KvStoreCheckpoints(c, new FileCheckpoints(dir), log);
      store.load(KEY);
      fake.expireKey();
      CheckpointException e = assertThrows(CheckpointException.class, () -> store.save(checkpoint(1)));
      assertEquals("cannot save checkpoint 'corp_endpoints:sysmon' to the KV store (it is saved in "
          + dir.resolve("corp_endpoints%3Asysmon.json") + "): POST " + BASE
          + "/corp_endpoints%3Asysmon: HTTP 401: WARN: call not properly authenticated", e.getMessage());
    }
  }

  @Test
  void aRefusedTlsHandshakeIsACheckpointErrorAndNeverAKvStoreOutage() throws Exception {
    FakeCa ca = FakeCa.create(dir, "KvTestCA");
    try (FakeSplunk tls = FakeSplunk.https(ca.splunkStyle().context(), Fixtures.KEY);
        SplunkRestClient c = Fixtures.client(Settings.builder(tls.uri()).build(), new SessionKey(Fixtures.KEY), sleeper, log)) {
      KvStoreCheckpoints store = new KvStoreCheckpoints(c, new FileCheckpoints(dir.resolve("cp")), log);
      CheckpointException e = assertThrows(CheckpointException.class, () -> store.load(KEY));
      assertTrue(e.getMessage().startsWith("cannot read checkpoint 'corp_endpoints:sysmon' from the KV store: GET " + BASE
          + "/corp_endpoints%3Asysmon: TLS handshake with 127.0.0.1:" + tls.uri().getPort() + " failed: the certificate"
          + " does not chain to a trusted CA"), e.getMessage());
      assertTrue(e.getMessage().contains("Set ca_cert_path"), e.getMessage());
      assertEquals(SplunkException.Kind.TLS, ((SplunkException) e.getCause()).kind());
    }
    assertEquals(List.of(), log.lines, "no 'KV store did not answer'");
  }

  @Test
  void splunkdNotReachableIsToldAsSuchNotAsTheKvStore() throws Exception {
    java.net.URI dead = fake.uri();
    fake.close();
    try (SplunkRestClient c = Fixtures.client(Settings.builder(dead).build(), new SessionKey(Fixtures.KEY), sleeper, log)) {
      KvStoreCheckpoints store = new KvStoreCheckpoints(c, new FileCheckpoints(dir), log);
      store.save(checkpoint(1790860000L, "e1"));
      assertEquals(Optional.of(checkpoint(1790860000L, "e1").withSeq(1)), store.load(KEY));
    }
    assertEquals(1, log.lines.size(), log.lines.toString());
    assertTrue(log.lines.get(0).startsWith("WARN splunkd could not be reached for the KV store call (GET " + BASE
        + "/corp_endpoints%3Asysmon: cannot connect to 127.0.0.1:" + dead.getPort()), log.lines.get(0));
    assertFalse(log.lines.get(0).contains("KV store did not answer"), log.lines.get(0));
  }

  /** A clock whose millis the test moves. */
  static final class MutableClock extends java.time.Clock {
    long millis = 1_000_000L;

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public java.time.Instant instant() {
      return java.time.Instant.ofEpochMilli(millis);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void fileSaveReplacesAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
    FileCheckpoints files = new FileCheckpoints(dir);
    files.save(checkpoint(1, "a"));
    files.save(checkpoint(2, "b"));
    try (Stream<Path> list = Files.list(dir)) {
      assertEquals(List.of("corp_endpoints%3Asysmon.json"), list.map(p -> p.getFileName().toString()).toList());
    }
    assertEquals(Optional.of(checkpoint(2, "b")), files.load(KEY));
    assertEquals(dir.resolve("%2E.json"), files.fileFor("."));
    assertEquals(dir.resolve("a%2Fb%C3%A9.json"), files.fileFor("a/bé"));
  }

  @Test
  void unwritableDirectoryIsAClearError() throws Exception {
    Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
    FileCheckpoints files = new FileCheckpoints(notADir);
    CheckpointException e = assertThrows(CheckpointException.class, () -> files.save(checkpoint(1)));
    assertEquals("cannot write checkpoint file " + notADir.resolve("corp_endpoints%3Asysmon.json")
        + ": FileAlreadyExistsException: " + notADir, e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"written_ids\":[]}|field latest is missing",
      "{\"latest\":1,\"correlation_state\":{}}|correlation_state is not text"})
  void corruptFileIsAClearError(String content, String reason) throws Exception {
    Files.writeString(dir.resolve("corp_endpoints%3Asysmon.json"), content);
    CheckpointException e = assertThrows(CheckpointException.class, () -> new FileCheckpoints(dir).load(KEY));
    assertEquals("checkpoint file " + dir.resolve("corp_endpoints%3Asysmon.json") + " is not a checkpoint record: "
        + reason, e.getMessage());
  }

  @Test
  void correlationStateTravelsAsTextThroughFileAndKvStore() throws Exception {
    // NUL and dots in the state's keys: a KV store field name could hold neither, text can
    String state = "{\"version\":1,\"seen\":{\"rule.a\\u0000e1\":1.5}}";
    Checkpoint saved = new Checkpoint("corp:correlations", 0, 1790860000L, List.of("c1"), Checkpoint.InFlight.NONE,
        1790860100L, state);
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      new KvStoreCheckpoints(c, new FileCheckpoints(dir), log).save(saved);
    }
    assertEquals(state, fake.kvStore().record("ide_tunnel_risk_state", "corp:correlations")
        .get("correlation_state").getAsString());
    assertEquals(Optional.of(saved.withSeq(1)), new FileCheckpoints(dir).load("corp:correlations"));
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      Files.delete(new FileCheckpoints(dir).fileFor("corp:correlations"));
      assertEquals(Optional.of(saved.withSeq(1)), new KvStoreCheckpoints(c, new FileCheckpoints(dir), log)
          .load("corp:correlations"), "read back from the KV store alone");
    }
    assertFalse(checkpoint(1).toJson().has("correlation_state"), "a feed's record is as before");
  }
}
