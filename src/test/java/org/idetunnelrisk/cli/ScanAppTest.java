package org.idetunnelrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.app.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan --app DIR} applies each kind of the app's tuning, as the modular input does, and nothing else. */
class ScanAppTest {
  static final String PERSISTENCE = "01c91086-ceb5-4f00-a78a-5ebd4fc93e28";
  static final String DEVTUNNEL = "acd0c792-feb1-4f97-b3fb-534ee2854e37";
  static final String ALLOWLIST_HEADER = "dest,user,process_path,parent_process_name,rule_id,expires,reason\n";
  static final String[] SAMPLES = {"samples/sysmon_tunnel_day.xml", "samples/crowdstrike.jsonl",
      "samples/cim_processes.csv"};
  /** A day the allowlist rows below hold on; the next one is after {@code 2026-11-23}. */
  static final Clock NOV_23 = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
  static final Clock NOV_24 = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  Path app;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void app() throws IOException {
    app = TestApp.create(dir);
  }

  int run(Clock clock, String... args) {
    out.reset();
    err.reset();
    return new ScanCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), clock).run(args);
  }

  /** Scans the samples (with {@code --app} when {@code withApp}); risk events by risk_event_id, exit 0 asserted. */
  Map<String, JsonObject> scanSamples(boolean withApp, String... more) {
    List<String> args = new ArrayList<>();
    if (withApp) {
      args.addAll(List.of("--app", app.toString()));
    }
    args.addAll(List.of(more));
    args.addAll(List.of(SAMPLES));
    assertEquals(0, run(NOV_23, args.toArray(new String[0])), stderr());
    return events();
  }

  Map<String, JsonObject> events() {
    Map<String, JsonObject> byId = new LinkedHashMap<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        JsonObject e = JsonParser.parseString(line).getAsJsonObject();
        byId.put(e.get("risk_event_id").getAsString(), e);
      }
    }
    return byId;
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  static long count(Map<String, JsonObject> events, String field, String value) {
    return events.values().stream().filter(e -> e.get(field).getAsString().equals(value)).count();
  }

  @Test
  void theShippedAppScoresWhatScanWithoutItScores() {
    Map<String, JsonObject> plain = scanSamples(false);
    assertEquals(plain.keySet(), scanSamples(true).keySet());
    assertEquals("", stderr());
  }

  @Test
  void aRuleDisabledInLocalConfScoresNothing() throws IOException {
    TestApp.write(app, "local/ide_tunnel_risk.conf", "[rule:" + PERSISTENCE + "]\ndisabled = 1\n");
    assertEquals(4, count(scanSamples(false), "rule_id", PERSISTENCE));
    Map<String, JsonObject> tuned = scanSamples(true);
    assertEquals(0, count(tuned, "rule_id", PERSISTENCE));
    Map<String, JsonObject> plain = scanSamples(false);
    assertTrue(plain.keySet().containsAll(tuned.keySet()));
    List<String> lost = plain.keySet().stream().filter(id -> !tuned.containsKey(id))
        .map(id -> plain.get(id).get("rule_title").getAsString() + "@" + plain.get(id).get("risk_object").getAsString())
        .sorted().toList();
    // ws-gina's tunnel chain had the task as its use: without the persistence rule the chain has none.
    assertEquals(List.of("IDE Tunnel Established@ws-gina.corp.example.com", "IDE Tunnel Persistence@CORP\\erin",
        "IDE Tunnel Persistence@CORP\\gina", "IDE Tunnel Persistence@WS-ERIN.corp.example.com",
        "IDE Tunnel Persistence@ws-gina.corp.example.com"), lost);
  }

  @Test
  void aScoreSetInLocalConfIsTheRulesBaseScore() throws IOException {
    TestApp.write(app, "local/ide_tunnel_risk.conf", "[rule:" + DEVTUNNEL + "]\nscore = 35\n");
    Map<String, JsonObject> plain = scanSamples(false);
    Map<String, JsonObject> tuned = scanSamples(true);
    assertEquals(plain.keySet(), tuned.keySet());
    assertEquals(5, count(tuned, "rule_id", DEVTUNNEL));
    tuned.forEach((id, e) -> {
      int before = plain.get(id).get("risk_score").getAsInt();
      int raised = e.get("rule_id").getAsString().equals(DEVTUNNEL) ? Math.min(100, before + 15) : before;
      assertEquals(raised, e.get("risk_score").getAsInt(), e.toString());
    });
  }

  @Test
  void anAllowlistedHostIsDroppedAndCountedUntilItsRowExpires() throws IOException {
    Path allow = TestApp.write(app, "lookups/ide_tunnel_risk_allowlist_local.csv",
        ALLOWLIST_HEADER + "LAPTOP-GRACE,,,,,2026-11-23,red team lab machine\n");
    Map<String, JsonObject> plain = scanSamples(false);
    assertEquals(4, count(plain, "risk_object", "LAPTOP-GRACE"), "three rule events and one tunnel chain");

    assertEquals(0, run(NOV_23, "--app", app.toString(), "--summary", SAMPLES[0], SAMPLES[1], SAMPLES[2]), stderr());
    assertEquals(0, count(events(), "risk_object", "LAPTOP-GRACE"));
    assertEquals(plain.size() - 4, events().size());
    assertTrue(stderr().lines().findFirst().orElse("").endsWith(", hits without risk object 0, allowlisted 4"),
        stderr());

    assertEquals(0, run(NOV_24, "--app", app.toString(), SAMPLES[0], SAMPLES[1], SAMPLES[2]), stderr());
    assertEquals(plain.keySet(), events().keySet(), "an expired row suppresses nothing");
    assertEquals(allow + ":2: warning: allowlist entry expired on 2026-11-23 and suppresses nothing any more"
        + " (reason: red team lab machine); delete the row or move its expires date\n", stderr());
  }

  @Test
  void localFieldsCsvLinesAreUsedAndWinOverShippedOnes() throws IOException {
    Path nxlog = Files.writeString(dir.resolve("nxlog.jsonl"), "{\"EventID\":1,\"Hostname\":\"ws-nx.corp\","
        + "\"host\":\"forwarder1\",\"Image\":\"C:\\\\tools\\\\devtunnel.exe\",\"CommandLine\":\"devtunnel host\"}\n");
    assertEquals(0, run(NOV_23, nxlog.toString()), stderr());
    assertEquals(List.of("forwarder1"), riskObjects());
    TestApp.write(app, "local/fields.csv", "Hostname,dest\n");
    assertEquals(0, run(NOV_23, "--app", app.toString(), nxlog.toString()), stderr());
    assertEquals(List.of("ws-nx.corp"), riskObjects());
  }

  List<String> riskObjects() {
    return events().values().stream().map(e -> e.get("risk_object").getAsString()).toList();
  }

  @Test
  void aRuleInLocalRulesReplacesTheShippedRuleAndSaysSo() throws IOException {
    TestApp.write(app, "local/ide_tunnel_risk.conf", "[settings]\nrules_dirs = rules, local/rules\n");
    String shipped = Files.readString(Path.of("app/rules/ide_tunnel_devtunnel_execution.yml"));
    Path mine = TestApp.write(app, "local/rules/devtunnel.yml", shipped.replace("          score: 20\n",
        "          score: 35\n"));
    Map<String, JsonObject> plain = scanSamples(false);
    Map<String, JsonObject> tuned = scanSamples(true);
    assertEquals(plain.keySet(), tuned.keySet());
    assertEquals(plain.get(firstOf(plain, DEVTUNNEL)).get("risk_score").getAsInt() + 15,
        tuned.get(firstOf(plain, DEVTUNNEL)).get("risk_score").getAsInt());
    assertEquals(mine.toAbsolutePath() + ":2: info: rule '" + DEVTUNNEL + "' replaces the shipped rule "
        + app.toAbsolutePath().resolve("rules/ide_tunnel_devtunnel_execution.yml") + ":2\n", stderr());
  }

  static String firstOf(Map<String, JsonObject> events, String ruleId) {
    return events.entrySet().stream().filter(e -> e.getValue().get("rule_id").getAsString().equals(ruleId))
        .filter(e -> e.getValue().get("risk_score").getAsInt() <= 85).findFirst().orElseThrow().getKey();
  }

  @Test
  void rulesAndFieldsOptionsAddToTheApp() throws IOException {
    TestApp.write(app, "local/fields.csv", "Hostname,dest\n");
    Path extraRules = Files.createDirectories(dir.resolve("extra"));
    Files.writeString(extraRules.resolve("nx.yml"), "title: NX Host\nid: nx-1\nlogsource: {category: process_creation}\n"
        + "detection:\n  sel: {Image|endswith: '\\devtunnel.exe'}\n  condition: sel\nlevel: low\n");
    Path moreFields = Files.writeString(dir.resolve("more.csv"), "MachineName,dest\n");
    Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"EventID\":1,\"Hostname\":\"ws-nx\",\"MachineName\":"
        + "\"ws-m\",\"Image\":\"C:\\\\tools\\\\devtunnel.exe\",\"CommandLine\":\"devtunnel host\"}\n");
    assertEquals(0, run(NOV_23, "--app", app.toString(), "--rules", extraRules.toString(), "--fields",
        moreFields.toString(), in.toString()), stderr());
    Map<String, JsonObject> events = events();
    assertEquals(1, count(events, "rule_id", "nx-1"), "the --rules folder is added to the app's rules");
    assertEquals(1, count(events, "rule_id", DEVTUNNEL), "the app's rules still run");
    assertEquals(events.size(), count(events, "risk_object", "ws-m"), "--fields lines win over local/fields.csv");
  }

  @Test
  void aRulesFolderHoldingAShippedIdIsRefusedWithApp() throws IOException {
    Path extraRules = Files.createDirectories(dir.resolve("extra"));
    Path copy = Files.copy(Path.of("app/rules/ide_tunnel_devtunnel_execution.yml"), extraRules.resolve("copy.yml"));
    assertEquals(2, run(NOV_23, "--app", app.toString(), "--rules", extraRules.toString(), SAMPLES[0]));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertEquals(copy + ":2: duplicate rule id '" + DEVTUNNEL + "' (already used by "
        + app.toAbsolutePath().resolve("rules/ide_tunnel_devtunnel_execution.yml") + ":2)\n"
        + "1 rule problem(s); nothing was scanned\n", stderr());
  }

  @Test
  void aFolderThatIsNotTheAppIsABadUsageNamingIt() throws IOException {
    Path notApp = Files.createDirectories(dir.resolve("not-an-app"));
    assertEquals(2, run(NOV_23, "--app", notApp.toString(), SAMPLES[0]));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertEquals(notApp + ": not an unpacked app: it has no default/app.conf (expected the app folder as installed,"
        + " e.g. $SPLUNK_HOME/etc/apps/ide_tunnel_risk, or the built .tgz unpacked)\n", stderr());
  }

  @Test
  void confProblemsStopTheScanNamingEveryOne() throws IOException {
    Path conf = TestApp.write(app, "local/ide_tunnel_risk.conf", "[rule:" + DEVTUNNEL + "]\nscore = 35 # more\n"
        + "disabled = maybe\n");
    assertEquals(2, run(NOV_23, "--app", app.toString(), SAMPLES[0]));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertEquals(conf.toAbsolutePath() + ":3: [rule:" + DEVTUNNEL + "] disabled must be 0 or 1 but was 'maybe'\n"
        + conf.toAbsolutePath() + ":2: [rule:" + DEVTUNNEL + "] score must be a whole number from 1 to 100 but was"
        + " '35 # more' (Splunk conf files have no inline comments: put the comment on a line of its own)\n"
        + "2 problem(s) in ide_tunnel_risk.conf, the field tables or the allowlist; nothing was scanned\n", stderr());
  }

  @Test
  void confSettingsThatChangeNothingAreWarnings() throws IOException {
    Path conf = TestApp.write(app, "local/ide_tunnel_risk.conf", "[rule:no-such-rule]\ndisabled = 1\n");
    assertFalse(scanSamples(true).isEmpty());
    assertEquals(conf.toAbsolutePath() + ":1: warning: [rule:no-such-rule] names no loaded rule; it changes nothing"
        + " (check the rule id)\n", stderr());
  }
}
