package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.idetunnelrisk.modinput.ModularInputMain;
import org.idetunnelrisk.spl.Feed;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.idetunnelrisk.splunk.emulator.KvStoreRoute;
import org.idetunnelrisk.splunk.emulator.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modular input in a search head cluster, where splunkd runs it on every member: the emulator answers as the
 * captain or as another member, and only the captain polls and writes. Each member has checkpoint files of its
 * own; the KV store (the emulator's) is the cluster's, as splunkd replicates it.
 */
class PollerClusterTest {
  @TempDir Path dir;
  FakeSplunk fake;
  FakeEstate estate;
  final TestClock clock = new TestClock(PollerTest.T);

  @BeforeEach
  void start() throws IOException {
    fake = FakeSplunk.http(PollerTest.KEY);
    fake.receivers().indexingLag(Duration.ZERO, clock::millis);
    estate = new FakeEstate(fake);
    fake.export().respondWith(estate);
    estate.rawLines(Feed.SYSMON, PollerTest.IN_WINDOW, Path.of("samples/sysmon_tunnel_day.xml"));
    estate.rawLines(Feed.CROWDSTRIKE, PollerTest.IN_WINDOW, Path.of("samples/crowdstrike.jsonl"));
    estate.csvRows(Feed.ENDPOINT_PROCESSES, PollerTest.IN_WINDOW, Path.of("samples/cim_processes.csv"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  record Run(int exit, String out, String err) {}

  /** One run of the input on the search head whose checkpoint folder is {@code member}. */
  Run run(Instant now, String member) throws IOException {
    clock.set(now);
    Path checkpoints = Files.createDirectories(dir.resolve(member));
    String definition = "<input><server_host>" + member + "</server_host><server_uri>" + fake.uri() + "</server_uri>"
        + "<session_key>" + PollerTest.KEY + "</session_key><checkpoint_dir>" + checkpoints + "</checkpoint_dir>"
        + "<configuration><stanza name=\"ide_tunnel_risk://corp\" app=\"ide_tunnel_risk\">"
        + "<param name=\"feeds\">sysmon,crowdstrike,endpoint_processes</param>"
        + "<param name=\"interval\">3600</param></stanza></configuration></input>";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Poller poller = new Poller(AppHome.at(null), clock, clock.sleeper(),
        b -> b.backoff(Duration.ofMillis(1), Duration.ofMillis(2)), java.util.Map.of());
    int exit = new ModularInputMain(poller, clock).run(new String[0],
        new ByteArrayInputStream(definition.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  long requests(String pathPrefix) {
    return fake.requests(pathPrefix).size();
  }

  @Test
  void theCaptainPollsAndWrites() throws IOException {
    fake.cluster().captain();
    Run r = run(PollerTest.T, "sh1");
    assertEquals(0, r.exit(), r.err());
    assertEquals("/services/server/info", fake.requests().get(0).path(), "asked before anything else");
    assertEquals(PollerTest.goldenKeys().size(), fake.receivers().accepted().size());
    assertTrue(r.out().contains("status=ok"), r.out());
    assertTrue(r.out().contains("cluster_role=captain"), r.out());
  }

  @Test
  void aMemberThatIsNotTheCaptainStandsAsideAndWritesNothing() throws IOException {
    fake.cluster().member("sh3", "https://sh3.corp:8089");
    Run r = run(PollerTest.T, "sh2");
    assertEquals(0, r.exit(), "standing aside is no failure: " + r.err());
    assertEquals(List.of("INFO corp: stands aside: this search head is a search head cluster member and not the captain"
        + " (captain: sh3 at https://sh3.corp:8089); only the captain polls and writes risk events, so nothing was"
        + " polled or written by this member"), r.err().lines().toList());
    assertEquals(0, requests("/services/search/jobs/export"), "no search");
    assertEquals(0, requests("/services/receivers/simple"), "no write");
    assertEquals(0, requests(KvStoreRoute.PREFIX), "no checkpoint read or saved");
    try (Stream<Path> files = Files.list(dir.resolve("sh2"))) {
      assertEquals(0, files.count(), "no checkpoint file");
    }
    assertTrue(r.out().contains("status=stood_aside input=corp "), r.out());
    assertTrue(r.out().contains("rows_read=0 hits=0 risk_events=0 risk_events_written=0"), r.out());
    assertTrue(r.out().contains("cluster_role=member"), r.out());
  }

  @Test
  void aStandaloneSearchHeadPollsAndSaysSo() throws IOException {
    Run r = run(PollerTest.T, "sh1");
    assertEquals(0, r.exit(), r.err());
    assertEquals(PollerTest.goldenKeys().size(), fake.receivers().accepted().size());
    assertTrue(r.out().contains("cluster_role=standalone"), r.out());
  }

  @Test
  void whenSplunkdCannotSayWhereThisSearchHeadStandsNothingIsPolled() throws IOException {
    fake.cluster().captain().failWhen(q -> true, Reply.unavailable("1"));
    Run r = run(PollerTest.T, "sh1");
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("INFO retrying GET /services/server/info: HTTP 503"), r.err());
    assertTrue(r.err().contains("ERROR corp: stopped before polling: cannot tell whether this search head may poll"
        + " (standalone, or the search head cluster captain) or must stand aside (GET /services/server/info: HTTP 503:"
        + " ERROR: Service Unavailable (gave up after 4 attempts)). Nothing was polled or written; the next run asks"
        + " again."), r.err());
    assertEquals(0, requests("/services/search/jobs/export"));
    assertEquals(0, requests("/services/receivers/simple"));
    assertTrue(r.out().contains("status=failed"), r.out());
    assertTrue(r.out().contains("failed_feeds=sysmon,crowdstrike,endpoint_processes faults=cluster:unavailable"), r.out());
  }

  /**
   * The captaincy moves from sh1 to sh2 ten minutes after sh1's run. sh2 has no checkpoint file of its own; its
   * first window would be -70m@m..-10m@m, over sh1's, but it resumes from the KV store where sh1 committed: what
   * sh1 wrote is not written again, and what came since is written once.
   */
  @Test
  void whenTheCaptaincyMovesTheNewCaptainResumesWhereTheOldOneCommitted() throws IOException {
    fake.cluster().captain();
    assertEquals(0, run(PollerTest.T, "sh1").exit());
    fake.cluster().member("sh1", "https://sh1:8089");
    assertEquals(0, run(PollerTest.T, "sh2").exit());
    int first = fake.receivers().accepted().size();
    assertEquals(PollerTest.goldenKeys().size(), first);
    long later = PollerTest.LATEST + 300;
    estate.csvRows(Feed.ENDPOINT_PROCESSES, later, Path.of("samples/cim_processes.csv"));

    Instant moved = PollerTest.T.plus(Duration.ofMinutes(10));
    fake.cluster().member("sh2", "https://sh2:8089");
    Run old = run(moved, "sh1");
    assertEquals(0, old.exit(), old.err());
    assertTrue(old.err().contains("stands aside"), old.err());
    fake.cluster().captain();
    Run next = run(moved, "sh2");
    assertEquals(0, next.exit(), next.err());
    for (var q : fake.requests("/services/search/jobs/export").subList(3, 6)) {
      assertEquals(Long.toString(PollerTest.LATEST), q.form().get("earliest_time"), "resumed from sh1's checkpoint");
    }
    List<String> ids = estate.acceptedIds();
    assertEquals(ids.size(), new HashSet<>(ids).size(), "nothing written twice");
    assertTrue(ids.size() > first, "what came since was written: " + ids.size());
    assertFalse(next.err().contains("KV store"), next.err());
  }
}
