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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idetunnelrisk.modinput.ModularInputMain;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way the modular input's run can fail before it polls leaves a run summary ({@code status=failed
 * reason=...}) beside its ERROR line: the settings, the configuration, the allowlist, the rules, the CA
 * bundle, the input definition's metadata. And a run that starts logs each conf warning and expired allowlist
 * row once, however many feeds it polls.
 */
class SetupFailureSummaryTest {
  private static final String KEY = "setupFailureKey-41c2";
  private static final Pattern DATA = Pattern.compile("<data>(.*?)</data>");

  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-11-23T12:34:56Z"));
  private FakeSplunk fake;
  private Path app;

  private record Run(int exit, List<String> summaries, String err) {}

  @BeforeEach
  void start() throws IOException {
    fake = FakeSplunk.http(KEY);
    fake.kvStore().declare("ide_tunnel_risk_state");
    fake.export().respondWith(new FakeEstate(fake));
    app = TestApp.create(dir);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private Run run(String metadata, String params) {
    String xml = "<input><server_host>sh1</server_host>" + metadata + "<session_key>" + KEY + "</session_key>"
        + "<checkpoint_dir>" + dir.resolve("checkpoints") + "</checkpoint_dir><configuration>"
        + "<stanza name=\"ide_tunnel_risk://corp\" app=\"ide_tunnel_risk\">"
        + "<param name=\"feeds\">sysmon,crowdstrike,stream_dns</param>" + params + "</stanza></configuration></input>";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Poller poller = new Poller(AppHome.at(app), clock, clock.sleeper(),
        b -> b.backoff(Duration.ofMillis(1), Duration.ofMillis(2)));
    int exit = new ModularInputMain(poller, clock).run(new String[0],
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String stdout = out.toString(StandardCharsets.UTF_8);
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertFalse(stdout.contains(KEY) || stderr.contains(KEY), "session key leaked");
    List<String> summaries = DATA.matcher(stdout).results().map(m -> m.group(1)).toList();
    assertTrue(stdout.contains("<sourcetype>ide_tunnel_risk:run</sourcetype><index>_internal</index>"), stdout);
    return new Run(exit, summaries, stderr);
  }

  private Run run(String params) {
    return run("<server_uri>" + fake.uri() + "</server_uri>", params);
  }

  /** The run failed before polling: one ERROR line, one failed summary whose reason is that line's message. */
  private static String failedBeforePolling(Run r) {
    assertEquals(1, r.exit(), r.err());
    assertEquals(1, r.summaries().size(), r.summaries().toString());
    String summary = r.summaries().get(0).replace("&quot;", "\"").replace("&apos;", "'");
    Matcher m = Pattern.compile("^status=failed reason=\"((?:[^\"\\\\]|\\\\.)*)\" input=corp ").matcher(summary);
    assertTrue(m.find(), summary);
    assertTrue(summary.endsWith(" rows_read=0 hits=0 risk_events=0 risk_events_written=0 duration_ms=0"), summary);
    String reason = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    assertEquals("ERROR ide_tunnel_risk://corp: " + reason + "\n", r.err());
    return reason;
  }

  @Test
  void badSettings() {
    String reason = failedBeforePolling(run("<param name=\"lag\">+30m</param>"));
    assertTrue(reason.startsWith("lag: '+30m' can be later than now"), reason);
  }

  @Test
  void configurationThatDoesNotLoad() throws IOException {
    Path conf = TestApp.write(app, "local/ide_tunnel_risk.conf", "[rule:x]\nscore = high\nnonsense\n");
    assertEquals("2 problem(s) in ide_tunnel_risk.conf, the field tables or the allowlist, nothing was scored: "
        + conf + ":3: expected 'key = value' but was 'nonsense' | " + conf + ":2: [rule:x] score must be a whole"
        + " number from 1 to 100 but was 'high'", failedBeforePolling(run("")));
    assertEquals(0, fake.requestCount(), "nothing was asked of Splunk");
  }

  @Test
  void allowlistThatDoesNotLoad() throws IOException {
    Path csv = TestApp.write(app, "lookups/ide_tunnel_risk_allowlist_local.csv",
        "dest,user,process_path,parent_process_name,rule_id,expires,reason\nws1,,,,,2026-12-31,\n");
    assertEquals("1 problem(s) in ide_tunnel_risk.conf, the field tables or the allowlist, nothing was scored: "
        + csv + ":2: the entry has no reason", failedBeforePolling(run("")));
  }

  @Test
  void rulesThatDoNotLoad() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("extra"));
    Files.writeString(rules.resolve("bad.yml"), "title: x\nlogsource: {category: process_creation}\n"
        + "detection:\n  sel:\n    Image|contians: devtunnel\n  condition: sel\n");
    String reason = failedBeforePolling(run("<param name=\"rules_dir\">" + rules + "</param>"));
    assertTrue(reason.startsWith("1 rule problem(s), nothing was scored: " + rules.resolve("bad.yml") + ":"), reason);
  }

  @Test
  void caBundleThatDoesNotLoad() throws IOException {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    String reason = failedBeforePolling(run("<param name=\"ca_cert_path\">" + ca + "</param>"));
    assertTrue(reason.startsWith("ca_cert_path: '" + ca + "' is not a PEM file of CA certificates"), reason);
    assertEquals(0, fake.requestCount());
  }

  @Test
  void noServerUri() {
    assertEquals("the input definition has no server_uri", failedBeforePolling(run("", "")));
  }

  @Test
  void confWarningsAndExpiredAllowlistRowsAreLoggedOncePerRun() throws IOException {
    Path conf = TestApp.write(app, "local/ide_tunnel_risk.conf", "[settings]\nrules_dir = rules\n");
    Path csv = TestApp.write(app, "lookups/ide_tunnel_risk_allowlist_local.csv",
        "dest,user,process_path,parent_process_name,rule_id,expires,reason\nws1,,,,,2026-01-31,old lab\n");
    Run r = run("");
    assertEquals(0, r.exit(), r.err());
    assertEquals(1, r.summaries().size());
    assertTrue(r.summaries().get(0).startsWith("status=ok "), r.summaries().toString());
    List<String> warnings = r.err().lines().filter(l -> l.startsWith("WARN ")).toList();
    assertEquals(List.of(
        "WARN " + conf + ":2: unknown key 'rules_dir' in [settings] (known: rules_dirs); it is ignored",
        "WARN " + csv + ":2: allowlist entry expired on 2026-01-31 and suppresses nothing any more (reason: old lab);"
            + " delete the row or move its expires date"), warnings);
  }
}
