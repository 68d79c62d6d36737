package org.idetunnelrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.idetunnelrisk.app.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rules check}: problems stay errors; what a reviewer would point out is a warning; --strict fails on it. */
class RulesCheckCommandTest {
  static final String DEVTUNNEL = "acd0c792-feb1-4f97-b3fb-534ee2854e37";
  static final String DEVTUNNEL_FILE = "rules/ide_tunnel_devtunnel_execution.yml";
  static final Clock NOV_24 = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
  /** Line numbers are those of this text. */
  static final String TYPOS = String.join("\n",
      "title: Typos",                                 // 1
      "id: 9c1f0e2a-1111-4222-8333-444455556666",     // 2
      "logsource:",                                   // 3
      "    category: proces_creation",                // 4
      "detection:",                                   // 5
      "    sel:",                                     // 6
      "        Imgae|endswith: '\\devtunnel.exe'",    // 7
      "        CommandLine|contains: ' host'",        // 8
      "    condition: sel",                           // 9
      "level: low",                                   // 10
      "risk:",                                        // 11
      "    message: 'devtunnel on $dest$'",           // 12
      "    risk_objects:",                            // 13
      "        - field: usr",                         // 14
      "          type: user",                         // 15
      "          score: 20",                          // 16
      "    threat_objects:",                          // 17
      "        - field: parent_proces_name",          // 18
      "          type: process",                      // 19
      "");

  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    out.reset();
    err.reset();
    return new RulesCheckCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), NOV_24).run(args);
  }

  String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  static String typoWarnings(Path file) {
    return file + ":4: warning: logsource category 'proces_creation' is carried by no feed of the modular input"
        + " (their categories: dns_query, file_event, image_load, network_connection, process_creation, proxy), so the"
        + " rule runs only in scan and the alert action; did you mean 'process_creation'?\n"
        + file + ":7: warning: detection field 'Imgae' is not in the field table: only events with a field of exactly"
        + " that name have it; did you mean 'Image'?\n"
        + file + ":14: warning: risk object field 'usr' is not in the field table: only events with a field of exactly"
        + " that name have it; did you mean 'user'?\n"
        + file + ":18: warning: threat object field 'parent_proces_name' is not in the field table: only events with a"
        + " field of exactly that name have it; did you mean 'parent_process_name'?\n";
  }

  @Test
  void theShippedRulesHaveNothingToReview() {
    assertEquals(0, run("--strict", "app/rules"));
    assertEquals("", stderr());
    assertEquals("11 rule(s) valid, 0 problem(s), 0 warning(s), 4 correlation rule(s)\n", stdout());
  }

  @Test
  void typosAreWarningsWithTheClosestNameAndFailOnlyWithStrict() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Path typos = Files.writeString(rules.resolve("typos.yml"), TYPOS);
    assertEquals(0, run(rules.toString()));
    assertEquals(typoWarnings(typos), stderr());
    assertEquals("1 rule(s) valid, 0 problem(s), 4 warning(s)\n", stdout());
    assertEquals(1, run("--strict", rules.toString()));
    assertEquals(typoWarnings(typos), stderr());
  }

  @Test
  void aFieldTheFieldsOptionMapsIsNoTypo() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Path nx = Files.writeString(rules.resolve("nx.yml"), "title: NX\nid: nx-1\nlogsource: {category: process_creation}\n"
        + "detection:\n  sel: {HostFqdn: ws1}\n  condition: sel\nlevel: low\n");
    assertEquals(1, run("--strict", rules.toString()));
    assertEquals(nx + ":5: warning: detection field 'HostFqdn' is not in the field table: only events with a field of"
        + " exactly that name have it\n", stderr());
    Path fields = Files.writeString(dir.resolve("nx.csv"), "HostFqdn,dest\n");
    assertEquals(0, run("--strict", "--fields", fields.toString(), rules.toString()));
    assertEquals("", stderr());
  }

  @Test
  void aShippedRulesIdInAFolderOfItsOwnIsAWarning() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("team"));
    Path copy = Files.writeString(rules.resolve("devtunnel.yml"), Files.readString(Path.of("app", DEVTUNNEL_FILE))
        .replace("score: 20", "score: 35"));
    assertEquals(1, run("--strict", rules.toString()));
    assertEquals(copy + ":2: warning: rule id '" + DEVTUNNEL + "' is the id of the shipped rule " + DEVTUNNEL_FILE
        + ":2 ('Microsoft Dev Tunnels CLI Execution'): the modular input and scan --app refuse to load both; to replace"
        + " the shipped rule put this file in the app's local/rules, else give it an id of its own\n", stderr());
  }

  @Test
  void aShippedRulesIdInAnAppsLocalRulesIsInformation() throws IOException {
    Path app = TestApp.create(dir);
    Path copy = TestApp.write(app, "local/rules/devtunnel.yml", Files.readString(Path.of("app", DEVTUNNEL_FILE))
        .replace("score: 20", "score: 35"));
    assertEquals(0, run("--strict", app.resolve("local/rules").toString()));
    assertEquals(copy + ":2: info: rule '" + DEVTUNNEL + "' replaces the shipped rule " + DEVTUNNEL_FILE
        + ":2 ('Microsoft Dev Tunnels CLI Execution') once its folder is in the app's rules_dirs\n", stderr());
    assertEquals("1 rule(s) valid, 0 problem(s), 0 warning(s)\n", stdout());
  }

  @Test
  void withAppEverythingTheAppLoadsIsReviewed() throws IOException {
    Path app = TestApp.create(dir).toAbsolutePath();
    Path conf = TestApp.write(app, "local/ide_tunnel_risk.conf", "[settings]\nrules_dirs = rules, local/rules\n\n"
        + "[rule:" + DEVTUNNEL + "]\nscore = 40\n\n[rule:no-such-rule]\ndisabled = 1\n");
    Path replacing = TestApp.write(app, "local/rules/devtunnel.yml", Files.readString(Path.of("app", DEVTUNNEL_FILE)));
    Path typos = TestApp.write(app, "local/rules/typos.yml", TYPOS);
    Path allow = TestApp.write(app, "lookups/ide_tunnel_risk_allowlist_local.csv",
        "dest,user,process_path,parent_process_name,rule_id,expires,reason\nws1,,,,,2026-11-23,lab\n");
    assertEquals(0, run("--app", app.toString()));
    assertEquals(conf + ":7: warning: [rule:no-such-rule] names no loaded rule; it changes nothing (check the rule"
        + " id)\n"
        + allow + ":2: warning: allowlist entry expired on 2026-11-23 and suppresses nothing any more (reason: lab);"
        + " delete the row or move its expires date\n"
        + replacing + ":2: info: rule '" + DEVTUNNEL + "' replaces the shipped rule " + app.resolve(DEVTUNNEL_FILE)
        + ":2\n"
        + typoWarnings(typos), stderr());
    assertEquals("12 rule(s) valid, 0 problem(s), 6 warning(s), 4 correlation rule(s)\n", stdout());
    assertEquals(1, run("--app", app.toString(), "--strict"));
  }

  @Test
  void withAppConfProblemsAreErrorsAndNoRuleIsLoaded() throws IOException {
    Path app = TestApp.create(dir).toAbsolutePath();
    Path conf = TestApp.write(app, "local/ide_tunnel_risk.conf", "[rule:" + DEVTUNNEL + "]\nscore = high\n");
    assertEquals(1, run("--app", app.toString()));
    assertEquals(conf + ":2: [rule:" + DEVTUNNEL + "] score must be a whole number from 1 to 100 but was 'high'\n",
        stderr());
    assertEquals("0 rule(s) valid, 1 problem(s) in ide_tunnel_risk.conf, the field tables or the allowlist (the rules"
        + " were not loaded)\n", stdout());
  }

  @Test
  void ruleProblemsStayErrorsWithoutStrict() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Path bad = Files.writeString(rules.resolve("bad.yml"), "title: x\ndetection:\n  sel: {a: b}\n  condition: nope\n");
    Files.writeString(rules.resolve("typos.yml"), TYPOS);
    assertEquals(1, run(rules.toString()));
    assertEquals(bad + ":4: unknown search identifier 'nope' in condition (defined: sel)",
        stderr().lines().findFirst().orElse(""));
    assertEquals("1 rule(s) valid, 1 problem(s), 4 warning(s)\n", stdout());
  }

  @Test
  void badUsage() throws IOException {
    assertEquals(2, run());
    assertEquals(2, run("--bogus", "x"));
    assertEquals(2, run(dir.resolve("none").toString()));
    assertEquals(dir.resolve("none") + ": no such rule folder or file\n", stderr());
    assertEquals(2, run("--app", dir.toString()));
    assertEquals(dir + ": not an unpacked app: it has no default/app.conf (expected the app folder as installed, e.g."
        + " $SPLUNK_HOME/etc/apps/ide_tunnel_risk, or the built .tgz unpacked)\n", stderr());
    assertEquals(0, run("--help"));
  }
}
