package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.modinput.TarGz;
import org.idetunnelrisk.spl.Feed;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.idetunnelrisk.splunk.emulator.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, as splunkd runs the app: the built package unpacked into {@code $SPLUNK_HOME/etc/apps}, its
 * launchers run as subprocesses with the input definition or the alert payload on stdin, against the
 * loopback Splunk emulator. Asserts what the emulator received, the searches sent, the checkpoints, that a
 * second run writes nothing twice, and that the session key appears in no output.
 */
class SplunkLaunchersIT {
  static final String KEY = "e2eSessionKey-c0ffee-5151";
  @TempDir Path splunkHome;
  Path app;
  FakeSplunk fake;
  FakeEstate estate;
  long now;

  @BeforeEach
  void install() throws IOException {
    app = TarGz.installBuiltApp(splunkHome);
    fake = FakeSplunk.http(KEY);
    estate = new FakeEstate(fake);
    fake.export().respondWith(estate);
    now = Instant.now().getEpochSecond();
    long t = now - 30 * 60;
    estate.rawLines(Feed.SYSMON, t, Path.of("samples/sysmon_tunnel_day.xml"));
    estate.rawLines(Feed.CROWDSTRIKE, t, Path.of("samples/crowdstrike.jsonl"));
    estate.csvRows(Feed.ENDPOINT_PROCESSES, t, Path.of("samples/cim_processes.csv"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  record Run(int exit, String out, String err) {}

  Run launch(String launcher, String stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(app.resolve("bin").resolve(launcher).toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(splunkHome.toFile());
    pb.environment().put("SPLUNK_HOME", splunkHome.toString());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Path io = Files.createTempDirectory(splunkHome, "io");
    pb.redirectInput(Files.writeString(io.resolve("stdin"), stdin).toFile());
    pb.redirectOutput(io.resolve("stdout").toFile());
    pb.redirectError(io.resolve("stderr").toFile());
    int exit = pb.start().waitFor();
    Run r = new Run(exit, Files.readString(io.resolve("stdout")), Files.readString(io.resolve("stderr")));
    assertFalse(r.out().contains(KEY) || r.err().contains(KEY), "session key leaked: " + r);
    return r;
  }

  String definition() {
    return "<input><server_host>sh1</server_host><server_uri>" + fake.uri() + "</server_uri>"
        + "<session_key>" + KEY + "</session_key><checkpoint_dir>" + splunkHome.resolve("var/lib/splunk/modinputs/ide_tunnel_risk")
        + "</checkpoint_dir><configuration><stanza name=\"ide_tunnel_risk://corp\" app=\"ide_tunnel_risk\">"
        + "<param name=\"feeds\">sysmon,crowdstrike,endpoint_processes</param><param name=\"interval\">3600</param>"
        + "<param name=\"index\">default</param><param name=\"disabled\">0</param></stanza></configuration></input>";
  }

  static String key(Map<String, String> f) {
    return f.get("rule_id") + "|" + f.get("risk_object").replace("\\\\", "\\") + "|" + f.get("risk_object_type") + "|"
        + f.get("risk_score");
  }

  List<String> received() {
    List<String> keys = new ArrayList<>();
    for (RecordedRequest r : fake.receivers().accepted()) {
      keys.add(key(PollerTest.fields(r.body())));
    }
    Collections.sort(keys);
    return keys;
  }

  @Test
  void modularInputRunsFromItsLauncherAndASecondRunWritesNothingTwice() throws Exception {
    Run first = launch("ide_tunnel_risk.sh", definition());
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().startsWith("<stream>"), first.out());
    assertTrue(first.out().contains("<sourcetype>ide_tunnel_risk:run</sourcetype>"), first.out());
    assertTrue(first.out().contains("status=ok"), first.out());
    assertEquals(PollerTest.goldenKeys(), received());
    List<RecordedRequest> exports = fake.requests("/services/search/jobs/export");
    assertEquals(3, exports.size());
    long earliest = Long.parseLong(exports.get(0).form().get("earliest_time"));
    long latest = Long.parseLong(exports.get(0).form().get("latest_time"));
    assertEquals(3600, latest - earliest, "-70m@m to -10m@m");
    assertEquals(0, latest % 60, "snapped to the minute");
    assertTrue(Math.abs(latest - (now - 600)) <= 120, "lag of ten minutes");
    assertTrue(exports.get(2).form().get("search").contains("`ide_tunnel_risk_endpoint_processes_filter`"));
    Path cp = splunkHome.resolve("var/lib/splunk/modinputs/ide_tunnel_risk");
    JsonObject sysmon = fake.kvStore().record("ide_tunnel_risk_state", "corp:sysmon");
    assertEquals(latest, sysmon.get("latest").getAsLong());
    JsonObject file = com.google.gson.JsonParser.parseString(Files.readString(cp.resolve("corp%3Asysmon.json")))
        .getAsJsonObject();
    assertEquals(sysmon.get("seq").getAsLong(), file.get("seq").getAsLong(),
        "the checkpoint file, written first, and the KV record hold the same save");
    assertEquals(latest, file.get("latest").getAsLong());

    int written = fake.receivers().accepted().size();
    Run second = launch("ide_tunnel_risk.sh", definition());
    assertEquals(0, second.exit(), second.err());
    assertEquals(written, fake.receivers().accepted().size(), "a second run writes nothing twice");
  }

  @Test
  void schemeAndValidationFromTheLauncher() throws Exception {
    Run scheme = launch("ide_tunnel_risk.sh", "", "--scheme");
    assertEquals(0, scheme.exit(), scheme.err());
    assertTrue(scheme.out().contains("<streaming_mode>xml</streaming_mode>"), scheme.out());
    Run bad = launch("ide_tunnel_risk.sh",
        "<items><session_key>" + KEY + "</session_key><item name=\"corp\"><param name=\"max_rows\">0</param></item></items>",
        "--validate-arguments");
    assertEquals(1, bad.exit());
    assertTrue(bad.out().startsWith("<error><message>max_rows: "), bad.out());
  }

  @Test
  void alertActionScoresAResultsFileFromItsLauncherWithLocalTuning() throws Exception {
    Path dispatch = Files.createDirectories(splunkHome.resolve("var/run/splunk/dispatch/scheduler__admin_x_at_1_1"));
    Path results = dispatch.resolve("results.csv.gz");
    ResultsScorerTest.gzip(Files.readString(Path.of("samples/cim_processes.csv")), results);
    String renamed = "789dcfe5-57fd-4914-9b33-63090fcb4a5a";
    Path local = Files.createDirectories(app.resolve("local"));
    Files.writeString(local.resolve("ide_tunnel_risk.conf"), "[rule:" + renamed + "]\ndisabled = 1\n");
    String payload = "{\"app\":\"ide_tunnel_risk\",\"owner\":\"admin\",\"server_host\":\"sh1\",\"server_uri\":\""
        + fake.uri() + "\",\"session_key\":\"" + KEY + "\",\"sid\":\"scheduler__admin_x_at_1_1\","
        + "\"search_name\":\"Corp Process Hunt\",\"results_file\":\"" + results + "\",\"results_link\":\"x\","
        + "\"configuration\":{\"rules\":\"auto\"},\"result\":{\"dest\":\"build-07\"}}";
    Run r = launch("ide_tunnel_risk_score.sh", payload, "--execute");
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().lines().allMatch(l -> l.matches("(DEBUG|INFO|WARN|ERROR|FATAL) .*")), r.err());
    List<String> expected = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/golden/scan_samples.jsonl"))) {
      JsonObject e = JsonParser.parseString(line).getAsJsonObject();
      // nor a correlation the disabled rule completed (the renamed CLI and its scheduled task)
      if (e.get("orig_location").getAsString().startsWith("samples/cim_processes.csv:")
          && !e.get("rule_id").getAsString().equals(renamed)
          && !(e.has("contributing_rule_id") && e.get("contributing_rule_id").toString().contains(renamed))) {
        expected.add(e.get("rule_id").getAsString() + "|" + e.get("risk_object").getAsString() + "|"
            + e.get("risk_object_type").getAsString() + "|" + e.get("risk_score").getAsInt());
      }
    }
    Collections.sort(expected);
    assertEquals(expected, received());
    assertTrue(expected.size() >= 5, "the sample has several hits besides the disabled rule's: " + expected);
  }

  @Test
  void alertActionRefusesAResultsFileOutsideDispatch() throws Exception {
    Path outside = Files.writeString(splunkHome.resolve("results.csv"), "dest\nws1\n");
    String payload = "{\"server_uri\":\"" + fake.uri() + "\",\"session_key\":\"" + KEY + "\",\"results_file\":\""
        + outside + "\",\"configuration\":{}}";
    Run r = launch("ide_tunnel_risk_score.sh", payload, "--execute");
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("ERROR "), r.err());
    assertTrue(r.err().contains("dispatch"), r.err());
    assertTrue(fake.receivers().accepted().isEmpty());
    assertEquals(List.of(), fake.requests("/services"));
  }
}
