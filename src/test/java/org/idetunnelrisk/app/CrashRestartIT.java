package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.modinput.TarGz;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.scoring.Scorer;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.spl.Feed;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modular input killed with SIGKILL at random points of its run, restarted each time, over one fixed
 * window of telemetry: at the end the emulator must hold every expected risk event exactly once. A kill point
 * is "after the emulator has seen K more requests" (K random, seeded), so kills land before, between and
 * after searches, checkpoint saves and writes, and between Splunk's 2xx and the checkpoint save that follows.
 * The figures (runs, kills, expected, received, lost, doubled) are printed.
 */
class CrashRestartIT {
  static final String KEY = "crashTestSessionKey-90aa";
  static final int RUNS = 60;
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

  /** The sample Sysmon day, {@link #COPIES} times over with distinct record ids: many risk events in one window. */
  static List<String> telemetry() throws IOException {
    List<String> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(Path.of("samples/sysmon_tunnel_day.xml"), StandardCharsets.UTF_8);
    for (int copy = 0; copy < COPIES; copy++) {
      for (String line : lines) {
        Matcher m = RECORD_ID.matcher(line);
        assertTrue(m.find(), line);
        out.add(m.replaceFirst("<EventRecordID>" + copy + m.group(1) + "</EventRecordID>"));
      }
    }
    return out;
  }

  /** What scan would write for the same events: the expected risk event ids. */
  static Set<String> expectedIds(List<String> lines) throws IOException {
    Scorer scorer = new Scorer(new RuleLoader(FieldTable.shipped()).loadShipped().rules(), FieldTable.shipped());
    Set<String> ids = new HashSet<>();
    try (RecordReader r = Readers.open(new java.io.ByteArrayInputStream(
        String.join("\n", lines).getBytes(StandardCharsets.UTF_8)), "telemetry")) {
      Record rec;
      while ((rec = r.next()) != null) {
        scorer.score(rec, (e, from) -> ids.add(e.id()));
      }
    }
    return ids;
  }

  @Test
  void killedAtRandomPointsAndRestartedItWritesEveryRiskEventExactlyOnce() throws Exception {
    String tgz = System.getProperty("app.tgz");
    assertNotNull(tgz, "system property app.tgz is not set; run through mvn verify");
    Path apps = Files.createDirectories(home.resolve("etc/apps"));
    TarGz.extract(TarGz.read(Path.of(tgz)), apps);
    Path launcher = apps.resolve("ide_tunnel_risk/bin/ide_tunnel_risk.sh");

    fake = FakeSplunk.http(KEY, "unused", "unused");
    FakeEstate estate = new FakeEstate(fake);
    fake.export().respondWith(estate);
    List<String> lines = telemetry();
    long t = Instant.now().getEpochSecond() - 30 * 60;
    for (String line : lines) {
      estate.raw(Feed.SYSMON, t, line);
    }
    Set<String> expected = expectedIds(lines);
    assertTrue(expected.size() > 150, "a window with many risk events: " + expected.size());

    String definition = "<input><server_host>sh1</server_host><server_uri>" + fake.uri() + "</server_uri>"
        + "<session_key>" + KEY + "</session_key><checkpoint_dir>" + home.resolve("checkpoints") + "</checkpoint_dir>"
        + "<configuration><stanza name=\"ide_tunnel_risk://crash\"><param name=\"feeds\">sysmon</param>"
        + "</stanza></configuration></input>";
    Path stdin = Files.writeString(home.resolve("definition.xml"), definition);

    Random random = new Random(20261123L);
    Pattern flight = Pattern.compile("INFO crash:sysmon: (\\d+) of (\\d+) risk events in flight");
    int recoveries = 0;
    int landedInFlight = 0;
    int kills = 0;
    int completed = 0;
    for (int run = 0; run < RUNS; run++) {
      ProcessBuilder pb = new ProcessBuilder(launcher.toString());
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      pb.redirectInput(stdin.toFile());
      pb.redirectOutput(home.resolve("out-" + run).toFile());
      pb.redirectError(home.resolve("err-" + run).toFile());
      int seen = fake.requests().size();
      int killAfter = seen + 1 + random.nextInt(12);
      Process p = pb.start();
      boolean reached = false;
      while (p.isAlive() && !(reached = fake.awaitRequests(killAfter, 200))) {
        // woken by each request or every 200 ms to look at the process
      }
      if (reached && p.isAlive()) {
        p.destroyForcibly();
        kills++;
      }
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "run " + run + " ended");
      if (p.exitValue() == 0) {
        completed++;
      }
      Matcher m = flight.matcher(Files.readString(home.resolve("err-" + run)));
      if (m.find()) {
        recoveries++;
        landedInFlight += Integer.parseInt(m.group(1));
      }
    }
    // A last run left alone, so the window is committed whatever the last kill interrupted.
    Process last = new ProcessBuilder(launcher.toString()).redirectInput(stdin.toFile())
        .redirectOutput(home.resolve("out-last").toFile()).redirectError(home.resolve("err-last").toFile()).start();
    assertTrue(last.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, last.exitValue(), Files.readString(home.resolve("err-last")));

    List<String> received = estate.acceptedIds();
    Set<String> distinct = new HashSet<>(received);
    Set<String> lost = new HashSet<>(expected);
    lost.removeAll(distinct);
    int doubled = received.size() - distinct.size();
    System.out.printf("crash test: runs %d (+1 final), kills %d, runs completed %d, restarts with a batch in flight %d"
        + " (risk events of it found already written %d), risk events expected %d, received %d, distinct %d,"
        + " lost %d, doubled %d%n", RUNS, kills, completed, recoveries, landedInFlight, expected.size(),
        received.size(), distinct.size(), lost.size(), doubled);
    assertTrue(kills >= RUNS / 2, "most runs were killed: " + kills);
    assertEquals(Set.of(), lost, "lost risk events");
    assertEquals(0, doubled, "risk events written twice");
    assertEquals(expected, distinct);
  }
}
