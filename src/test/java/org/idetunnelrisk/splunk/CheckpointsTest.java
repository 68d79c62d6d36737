package org.idetunnelrisk.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.idetunnelrisk.splunk.emulator.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
      assertEquals(Optional.of(checkpoint(1790863600L)), store.load(KEY));
    }
    List<RecordedRequest> sent = fake.requests();
    assertEquals(List.of("GET " + BASE + "/corp_endpoints%3Asysmon", "POST " + BASE + "/corp_endpoints%3Asysmon",
        "POST " + BASE, "POST " + BASE + "/corp_endpoints%3Asysmon", "GET " + BASE + "/corp_endpoints%3Asysmon"),
        sent.stream().map(r -> r.method() + " " + r.path()).toList());
    assertEquals("{\"_key\":\"corp_endpoints:sysmon\",\"latest\":1790860000,\"written_ids\":[\"e1\",\"e2\"],\"in_flight_ids\":[],\"updated\":1790860100}",
        sent.get(2).body());
    assertEquals("application/json", sent.get(2).header("Content-Type"));
    assertEquals("{\"_key\":\"corp_endpoints:sysmon\",\"latest\":1790863600,\"written_ids\":[],\"in_flight_ids\":[],\"updated\":1790863700,\"_user\":\"nobody\"}",
        fake.kvStore().record("ide_tunnel_risk_state", KEY).toString());
    assertEquals(List.of(), log.lines);
  }

  @Test
  void unavailableKvStoreFallsBackToFile() throws Exception {
    fake.kvStore().unavailable(true);
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      KvStoreCheckpoints store = new KvStoreCheckpoints(c, new FileCheckpoints(dir), log);
      store.save(checkpoint(1790860000L, "e1"));
      assertEquals(Optional.of(checkpoint(1790860000L, "e1")), store.load(KEY));
    }
    assertEquals("{\"_key\":\"corp_endpoints:sysmon\",\"latest\":1790860000,\"written_ids\":[\"e1\"],\"in_flight_ids\":[],\"updated\":1790860100}\n",
        Files.readString(dir.resolve("corp_endpoints%3Asysmon.json")));
    assertEquals(List.of("WARN KV store unavailable, using checkpoint files instead: POST " + BASE
        + "/corp_endpoints%3Asysmon: HTTP 503: ERROR: KV Store is initializing. Please try again later. (gave up after 4 attempts)"),
        log.lines);
    assertEquals(8, fake.requests().size(), "save and load each tried 4 times");
  }

  @Test
  void newerFileCheckpointWinsAfterAnOutage() throws Exception {
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      KvStoreCheckpoints store = new KvStoreCheckpoints(c, new FileCheckpoints(dir), log);
      store.save(checkpoint(100));
      fake.kvStore().unavailable(true);
      store.save(checkpoint(200));
      fake.kvStore().unavailable(false);
      assertEquals(200, store.load(KEY).orElseThrow().latest());
      store.save(checkpoint(300));
      assertEquals(300, store.load(KEY).orElseThrow().latest());
    }
  }

  @Test
  void kvAuthFailureIsCheckpointError() throws Exception {
    fake.expireKey();
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      KvStoreCheckpoints store = new KvStoreCheckpoints(c, new FileCheckpoints(dir), log);
      CheckpointException e = assertThrows(CheckpointException.class, () -> store.save(checkpoint(1)));
      assertEquals("cannot save checkpoint 'corp_endpoints:sysmon' to the KV store: POST " + BASE
          + "/corp_endpoints%3Asysmon: HTTP 401: WARN: call not properly authenticated", e.getMessage());
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count(), "no silent fallback on 401");
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

  @Test
  void corruptFileIsAClearError() throws Exception {
    Files.writeString(dir.resolve("corp_endpoints%3Asysmon.json"), "{\"written_ids\":[]}");
    CheckpointException e = assertThrows(CheckpointException.class, () -> new FileCheckpoints(dir).load(KEY));
    assertEquals("checkpoint file " + dir.resolve("corp_endpoints%3Asysmon.json")
        + " is not a checkpoint record: field latest is missing", e.getMessage());
  }
}
