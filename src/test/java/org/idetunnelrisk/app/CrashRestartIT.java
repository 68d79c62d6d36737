package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idetunnelrisk.correlation.Correlator;
import org.idetunnelrisk.engine.Hit;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.modinput.TarGz;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.scoring.Scorer;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.sigma.RuleSet;
import org.idetunnelrisk.spl.Feed;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.idetunnelrisk.splunk.emulator.KvStoreRoute;
import org.idetunnelrisk.splunk.emulator.ReceiversSimpleRoute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modular input killed with SIGKILL at random points of its run, restarted each time, over one fixed
 * window of telemetry: at the end the emulator must hold every expected risk event exactly once. A kill point
 * is "after the emulator has seen K more requests" (K random, seeded), so kills land before, between and
 * after searches, checkpoint saves and writes, and between Splunk's 2xx and the checkpoint save that follows.
 * Faults join the kills: the KV store stops answering as splunkd's does while it starts, writes are indexed
 * but their answer is lost, and indexing lags behind receivers. Two fixed sequences replay a splunkd restart
 * (KV store initializing mid-poll, kill, restart when it answers) and a restart while the last batch is still
 * being indexed. The figures (runs, kills, faults, expected, received, lost, doubled) are printed, the tunnel chains'
 * (correlation risk events, whose state is in the checkpoint too) apart.
 */
class CrashRestartIT {
  static final String KEY = "crashTestSessionKey-90aa";
  static final int RUNS = 64;
  static final int COPIES = 8;
  static final Pattern RECORD_ID = Pattern.compile("<EventRecordID>(\\d+)</EventRecordID>");

  @TempDir Path home;
  FakeSplunk fake;

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  /**
   * The sample Sysmon day, {@link #COPIES} times over with distinct record ids and hosts: many risk events in one
   * window, two tunnel chains a copy.
   */
  static List<String> telemetry() throws IOException {
    List<String> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(Path.of("samples/sysmon_tunnel_day.xml"), StandardCharsets.UTF_8);
    for (int copy = 0; copy < COPIES; copy++) {
      for (String line : lines) {
        Matcher m = RECORD_ID.matcher(line);
        assertTrue(m.find(), line);
        // each copy on a host of its own, so that each holds its own tunnel chains
        out.add(m.replaceFirst("<EventRecordID>" + copy + m.group(1) + "</EventRecordID>")
            .replace("WS-ERIN.corp.example.com", "WS-ERIN-" + copy + ".corp.example.com"));
      }
    }
    return out;
  }

  /** The risk event ids expected, and which of them are correlation risk events. */
  record Expected(Set<String> ids, Set<String> chains) {}

  /**
   * The expected risk event ids, as the modular input makes them of one window: the rules' risk events, and the
   * correlations' over the window's hits taken oldest first.
   */
  static Expected expectedIds(List<String> lines) throws IOException {
    RuleSet shipped = new RuleLoader(FieldTable.shipped()).loadShipped();
    Correlator correlator = new Correlator(shipped.correlations(), StanzaCorrelations.SETTINGS);
    List<Hit> gathered = new ArrayList<>();
    Scorer scorer = Scorer.deferring(shipped.rules(), FieldTable.shipped(), shipped.correlations(),
        h -> gathered.add(correlator.retained(h)));
    Set<String> ids = new HashSet<>();
    try (RecordReader r = Readers.open(new java.io.ByteArrayInputStream(
        String.join("\n", lines).getBytes(StandardCharsets.UTF_8)), "telemetry")) {
      Record rec;
      while ((rec = r.next()) != null) {
        scorer.score(rec, (e, from) -> ids.add(e.id()));
      }
    }
    gathered.sort((x, y) -> Double.compare(x.row().time(), y.row().time()));
    Set<String> chains = new HashSet<>();
    for (Hit h : gathered) {
      correlator.accept(h).forEach(result -> chains.add(result.event().id()));
    }
    correlator.advance().forEach(result -> chains.add(result.event().id()));
    ids.addAll(chains);
    return new Expected(ids, chains);
  }

  Path launcher;
  Path stdin;
  FakeEstate estate;
  Set<String> expected;
  Set<String> expectedChains;

  /** The packaged app unpacked, the emulator holding the telemetry, the input definition written. */
  void install(String params) throws Exception {
    launcher = TarGz.installBuiltApp(home).resolve("bin/ide_tunnel_risk.sh");
    fake = FakeSplunk.http(KEY);
    estate = new FakeEstate(fake);
    fake.export().respondWith(estate);
    List<String> lines = telemetry();
    long t = Instant.now().getEpochSecond() - 30 * 60;
    for (String line : lines) {
      estate.raw(Feed.SYSMON, t, line);
    }
    Expected e = expectedIds(lines);
    expected = e.ids();
    expectedChains = e.chains();
    assertTrue(expected.size() > 150, "a window with many risk events: " + expected.size());
    assertEquals(2 * COPIES, expectedChains.size(), "tunnel chains among them");
    String definition = "<input><server_host>sh1</server_host><server_uri>" + fake.uri() + "</server_uri>"
        + "<session_key>" + KEY + "</session_key><checkpoint_dir>" + home.resolve("checkpoints") + "</checkpoint_dir>"
        + "<configuration><stanza name=\"ide_tunnel_risk://crash\"><param name=\"feeds\">sysmon</param>" + params
        + "</stanza></configuration></input>";
    stdin = Files.writeString(home.resolve("definition.xml"), definition);
  }

  /** Starts the launcher as splunkd does, its output in out-NAME and err-NAME. */
  Process start(String name) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(launcher.toString());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.redirectInput(stdin.toFile());
    pb.redirectOutput(home.resolve("out-" + name).toFile());
    pb.redirectError(home.resolve("err-" + name).toFile());
    return pb.start();
  }

  /** Waits (woken by each request) until {@code done} holds or the process ends; returns whether it held. */
  boolean awaitWhileAlive(Process p, java.util.function.BooleanSupplier done) throws InterruptedException {
    while (!done.getAsBoolean()) {
      if (!p.isAlive()) {
        return done.getAsBoolean();
      }
      fake.awaitRequests(fake.requests().size() + 1, 200);
    }
    return true;
  }

  /** A last run left alone: it must commit the window. */
  void finish() throws Exception {
    Process last = start("last");
    assertTrue(last.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, last.exitValue(), Files.readString(home.resolve("err-last")));
  }

  /** Lost and doubled risk events, printed; both must be zero. */
  void assertExactlyOnce(String test) {
    List<String> received = estate.acceptedIds();
    Set<String> distinct = new HashSet<>(received);
    Set<String> lost = new HashSet<>(expected);
    lost.removeAll(distinct);
    List<String> chainsReceived = received.stream().filter(expectedChains::contains).toList();
    Set<String> chainsLost = new HashSet<>(expectedChains);
    chainsLost.removeAll(distinct);
    System.out.printf("%s: risk events expected %d, received %d, distinct %d, lost %d, doubled %d; of them correlation"
        + " risk events expected %d, received %d, lost %d, doubled %d%n", test, expected.size(), received.size(),
        distinct.size(), lost.size(), received.size() - distinct.size(), expectedChains.size(), chainsReceived.size(),
        chainsLost.size(), chainsReceived.size() - new HashSet<>(chainsReceived).size());
    assertEquals(Set.of(), lost, "lost risk events");
    assertEquals(0, received.size() - distinct.size(), "risk events written twice");
    assertEquals(expected, distinct);
  }

  @Test
  void killedAtRandomPointsUnderKvOutagesAmbiguousWritesAndIndexingLagItWritesEveryRiskEventExactlyOnce()
      throws Exception {
    install("<param name=\"landed_check_delay\">2</param>");
    Random random = new Random(20261202L);
    // Indexing lag throughout; now and then a write is indexed and its answer lost (dropped connection or 500).
    fake.receivers().indexingLag(Duration.ofMillis(700), System::currentTimeMillis);
    fake.receivers().afterIndexing(q -> {
      synchronized (random) {
        double x = random.nextDouble();
        return x < 0.02 ? ReceiversSimpleRoute.AfterIndexing.DROP_CONNECTION
            : x < 0.04 ? ReceiversSimpleRoute.AfterIndexing.SERVER_ERROR : ReceiversSimpleRoute.AfterIndexing.ANSWER;
      }
    });
    Pattern flight = Pattern.compile("INFO crash:sysmon: (\\d+) of (\\d+) risk events in flight");
    int recoveries = 0;
    int landedInFlight = 0;
    int kills = 0;
    int completed = 0;
    int outages = 0;
    int waits = 0;
    for (int run = 0; run < RUNS; run++) {
      int seen = fake.requests().size();
      int killAfter = seen + 1 + random.nextInt(14);
      // a third of the runs see the KV store stop answering ("initializing") at some point before the kill
      int kvDownAt = random.nextInt(3) == 0 ? seen + random.nextInt(killAfter - seen) : -1;
      Process p = start(Integer.toString(run));
      if (kvDownAt >= 0 && awaitWhileAlive(p, () -> fake.requests().size() >= kvDownAt)) {
        fake.kvStore().unavailable(true);
        outages++;
      }
      boolean reached = awaitWhileAlive(p, () -> fake.requests().size() >= killAfter);
      if (reached && p.isAlive()) {
        p.destroyForcibly();
        kills++;
      }
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "run " + run + " ended");
      if (p.exitValue() == 0) {
        completed++;
      }
      // as splunkd restarts: the KV store mostly answers again by the next run, sometimes not yet
      if (random.nextInt(4) != 0) {
        fake.kvStore().unavailable(false);
      }
      String err = Files.readString(home.resolve("err-" + run));
      Matcher m = flight.matcher(err);
      if (m.find()) {
        recoveries++;
        landedInFlight += Integer.parseInt(m.group(1));
      }
      if (err.contains("(landed_check_delay)")) {
        waits++;
      }
    }
    fake.kvStore().unavailable(false);
    fake.receivers().afterIndexing(q -> ReceiversSimpleRoute.AfterIndexing.ANSWER);
    finish();
    System.out.printf("crash test: runs %d (+1 final), kills %d, runs completed %d, KV outages %d, restarts with risk"
        + " events in flight %d (found already written %d), waits for indexing %d%n", RUNS, kills, completed, outages,
        recoveries, landedInFlight, waits);
    assertTrue(kills >= 50, "at least 50 kills: " + kills);
    assertTrue(outages > 5 && recoveries > 5, "the faults were met: outages " + outages + ", recoveries " + recoveries);
    assertExactlyOnce("crash test");
  }

  @Test
  void splunkdRestartKvStoreInitializingThenKillThenRestartWritesEachRiskEventOnce() throws Exception {
    install("");
    Process p = start("1");
    assertTrue(awaitWhileAlive(p, () -> fake.receivers().accepted().size() >= 40), "writes began");
    fake.kvStore().unavailable(true);
    int kvBefore = fake.requests(KvStoreRoute.PREFIX).size();
    int accepted = fake.receivers().accepted().size();
    assertTrue(awaitWhileAlive(p, () -> fake.requests(KvStoreRoute.PREFIX).size() > kvBefore
        && fake.receivers().accepted().size() >= accepted + 60), "saves and writes during the outage");
    p.destroyForcibly();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    fake.kvStore().unavailable(false);
    finish();
    String err = Files.readString(home.resolve("err-last"));
    assertTrue(err.contains("risk events in flight when the last run stopped"), err);
    assertExactlyOnce("splunkd restart");
  }

  @Test
  void aRestartWhileTheLastBatchIsStillBeingIndexedWritesItOnce() throws Exception {
    install("<param name=\"landed_check_delay\">3</param>");
    fake.receivers().indexingLag(Duration.ofMillis(1500), System::currentTimeMillis);
    Process p = start("1");
    assertTrue(awaitWhileAlive(p, () -> fake.receivers().accepted().size() >= 25), "writes began");
    p.destroyForcibly();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    finish();
    String err = Files.readString(home.resolve("err-last"));
    assertTrue(err.contains("(landed_check_delay)"), "the restart waited for indexing: " + err);
    assertExactlyOnce("indexing lag restart");
  }
}
