package org.idetunnelrisk.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertActionMainTest {
  @TempDir Path home;
  Path results;
  final FakeAlertScorer scorer = new FakeAlertScorer();
  final AlertActionMain main =
      new AlertActionMain(scorer, Clock.fixed(Instant.ofEpochSecond(1_790_860_000L), ZoneOffset.UTC));
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void dispatch() throws IOException {
    Path job = Files.createDirectories(home.resolve("var/run/splunk/dispatch/sid_12"));
    results = Files.write(job.resolve("results.csv.gz"), new byte[] {31, -117}).toRealPath();
  }

  private String payload(String configuration, String resultsFile) {
    return "{\"server_uri\":\"https://127.0.0.1:8089\",\"session_key\":\"SeCrEtKeY123\",\"sid\":\"sid_12\","
        + "\"search_name\":\"IDE Tunnel - Devtunnel - Rule\",\"results_file\":\"" + resultsFile + "\","
        + "\"configuration\":" + configuration + "}";
  }

  private int run(String stdin, String... args) {
    return main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of("SPLUNK_HOME", home.toString()));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void executeScoresAndLogsTwoInfoLines() {
    assertEquals(0, run(payload("{\"index\":\"risk\"}", results.toString()), "--execute"));
    assertEquals(List.of(results), scorer.calls);
    assertEquals("INFO action=ide_tunnel_risk_score status=starting sid=sid_12 search_name=\"IDE Tunnel - Devtunnel"
        + " - Rule\" rules=auto index=risk results_file=" + results + "\n"
        + "INFO action=ide_tunnel_risk_score status=ok sid=sid_12 rows_read=10 hits=2 risk_events=2"
        + " risk_events_written=2 duration_ms=0\n", err());
    assertEquals("", out());
  }

  @Test
  void executeAnywhereInArgs() {
    assertEquals(0, run(payload("{}", results.toString()), "--EXECUTE", "--execute"));
    assertEquals(1, scorer.calls.size());
  }

  @Test
  void noArgumentsWithPayloadRuns() {
    assertEquals(0, run(payload("{}", results.toString())));
    assertEquals(1, scorer.calls.size());
  }

  @Test
  void noArgumentsNoPayloadIsUsage() {
    assertEquals(2, run(""));
    assertEquals("ERROR no payload on stdin; usage: ide_tunnel_risk_score.sh --execute < payload.json\n", err());
  }

  @Test
  void unknownArgumentIsUsage() {
    assertEquals(2, run(payload("{}", results.toString()), "--execute", "--verbose"));
    assertEquals("ERROR unknown argument '--verbose'; usage: ide_tunnel_risk_score.sh --execute < payload.json\n",
        err());
    assertEquals(List.of(), scorer.calls);
  }

  @Test
  void executeWithEmptyStdinFails() {
    assertEquals(1, run("", "--execute"));
    assertEquals("ERROR payload: no JSON on stdin\n", err());
  }

  @Test
  void missingKeyIsOneErrorLine() {
    assertEquals(1, run("{\"server_uri\":\"u\",\"results_file\":\"/x\"}", "--execute"));
    assertEquals("ERROR payload: missing 'session_key'\n", err());
    assertEquals("", out());
  }

  @Test
  void badSettingsFailBeforeScoring() {
    assertEquals(1, run(payload("{\"rules\":\"fixed\",\"risk_score\":\"0\"}", results.toString()), "--execute"));
    assertEquals("ERROR risk_score: must be a whole number from 1 to 100 but was '0'; risk_object_field: must be set"
        + " when rules = fixed\n", err());
    assertEquals(List.of(), scorer.calls);
  }

  @Test
  void unknownParameterWarned() {
    assertEquals(0, run(payload("{\"colour\":\"blue\"}", results.toString()), "--execute"));
    assertEquals("WARN configuration: unknown parameter 'colour' ignored", err().lines().findFirst().orElseThrow());
  }

  @Test
  void resultsFileOutsideDispatchRefused() throws IOException {
    Path outside = Files.writeString(home.resolve("outside.csv"), "a");
    assertEquals(1, run(payload("{}", outside.toString()), "--execute"));
    assertEquals("ERROR results_file: '" + outside + "' is outside Splunk's dispatch folder '"
        + home.resolve("var/run/splunk/dispatch").toRealPath() + "'\n", err());
    assertEquals(List.of(), scorer.calls);
  }

  @Test
  void symlinkOutOfDispatchRefused() throws IOException {
    Path outside = Files.writeString(home.resolve("target.csv"), "a");
    Path link = Files.createSymbolicLink(results.getParent().resolve("evil.csv.gz"), outside);
    assertEquals(1, run(payload("{}", link.toString()), "--execute"));
    assertEquals("ERROR results_file: '" + link + "' is outside Splunk's dispatch folder '"
        + home.resolve("var/run/splunk/dispatch").toRealPath() + "'\n", err());
  }

  @Test
  void dotDotRefused() {
    String path = results.getParent() + "/../sid_12/results.csv.gz";
    assertEquals(1, run(payload("{}", path), "--execute"));
    assertEquals("ERROR results_file: '" + path + "' contains '..'\n", err());
  }

  @Test
  void missingSplunkHomeNamed() {
    int code = main.run(new String[] {"--execute"},
        new ByteArrayInputStream(payload("{}", results.toString()).getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of());
    assertEquals(1, code);
    assertEquals("ERROR SPLUNK_HOME is not set; cannot locate Splunk's dispatch folder for results_file\n", err());
  }

  @Test
  void scorerFailureMaskedAndOneLine() {
    scorer.failure = new IllegalStateException("receivers/simple: HTTP 401 with key SeCrEtKeY123\nsecond line");
    assertEquals(1, run(payload("{}", results.toString()), "--execute"));
    String[] lines = err().split("\n");
    assertEquals(2, lines.length);
    assertEquals("ERROR receivers/simple: HTTP 401 with key **** second line", lines[1]);
    assertFalse(err().contains("SeCrEtKeY123"));
    assertEquals("", out());
  }

  @Test
  void scorerFailureWithoutMessageNamesType() {
    scorer.failure = new NullPointerException();
    assertEquals(1, run(payload("{}", results.toString()), "--execute"));
    assertEquals("ERROR failed with NullPointerException", err().split("\n")[1]);
  }

  @Test
  void oversizedPayloadRefused() {
    String big = "{\"x\":\"" + "a".repeat(AlertActionMain.MAX_PAYLOAD_BYTES) + "\"}";
    assertEquals(1, run(big, "--execute"));
    assertEquals("ERROR payload: larger than 16777216 bytes\n", err());
  }
}
