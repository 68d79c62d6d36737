package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.tuning.TuningException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the app folder's tuning files give a run: problems all at once, warnings, and the README's examples. */
class AppHomeTest {
  private static final LocalDate TODAY = LocalDate.parse("2026-11-23");
  private static final String ALLOWLIST_HEADER = "dest,user,process_path,parent_process_name,rule_id,expires,reason\n";
  private static final Pattern CONF_KEY = Pattern.compile("^[A-Za-z0-9_.:<>-]+\\s*=.*");

  @TempDir Path dir;

  /** The fenced blocks of README.md, each with its common indentation removed. */
  static List<String> readmeBlocks() throws IOException {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    String indent = "";
    for (String line : Files.readAllLines(Path.of("README.md"))) {
      String t = line.strip();
      if (t.startsWith("```")) {
        if (block == null) {
          block = new StringBuilder();
          indent = line.substring(0, line.indexOf('`'));
        } else {
          blocks.add(block.toString());
          block = null;
        }
      } else if (block != null) {
        block.append(line.startsWith(indent) ? line.substring(indent.length()) : t).append('\n');
      }
    }
    return blocks;
  }

  /** The README's examples of ide_tunnel_risk.conf: the blocks that tune a rule. */
  static List<String> readmeConfExamples() throws IOException {
    return readmeBlocks().stream().filter(b -> b.contains("[rule:")).toList();
  }

  @Test
  void readmeExampleOfIdeTunnelRiskConfLoadsWithoutProblemOrWarning() throws IOException {
    List<String> examples = readmeConfExamples();
    assertFalse(examples.isEmpty(), "README.md has an ide_tunnel_risk.conf example");
    for (String example : examples) {
      Path app = TestApp.create(dir.resolve("app" + examples.indexOf(example)));
      TestApp.write(app, "local/ide_tunnel_risk.conf", example);
      Files.createDirectories(app.resolve("local/rules"));
      Tuning tuning = AppHome.at(app).load(Optional.empty());
      assertEquals(List.of(), tuning.warnings(TODAY), example);
      assertFalse(tuning.overrides().byRuleId().isEmpty(), example);
    }
  }

  @Test
  void noConfExampleInTheReadmeHasAnInlineComment() throws IOException {
    for (String block : readmeBlocks()) {
      if (!block.lines().anyMatch(l -> l.strip().matches("\\[[^\\]]+\\]"))) {
        continue;
      }
      for (String line : block.split("\n")) {
        if (CONF_KEY.matcher(line.strip()).matches()) {
          assertFalse(line.substring(line.indexOf('=')).contains("#"),
              "Splunk reads no inline comment; this line's value would hold it: " + line);
        }
      }
    }
  }

  @Test
  void confAndAllowlistProblemsAreReportedTogetherWithFileAndLine() throws IOException {
    Path app = TestApp.create(dir);
    Path conf = TestApp.write(app, "local/ide_tunnel_risk.conf",
        "[rule:acd0c792-feb1-4f97-b3fb-534ee2854e37]\nscore = 40  # higher\nthis is no key\n[settings]\n"
            + "rules_dirs = rules, mine\n");
    Path allow = TestApp.write(app, "lookups/ide_tunnel_risk_allowlist_local.csv",
        ALLOWLIST_HEADER + "ws1,,,,,2026-12-31,\n");
    TuningException e = assertThrows(TuningException.class, () -> AppHome.at(app).load(Optional.empty()));
    List<String> expected = List.of(
        conf + ":3: expected 'key = value' but was 'this is no key'",
        allow + ":2: the entry has no reason",
        conf + ":2: [rule:acd0c792-feb1-4f97-b3fb-534ee2854e37] score must be a whole number from 1 to 100 but was"
            + " '40  # higher' (Splunk conf files have no inline comments: put the comment on a line of its own)",
        conf + ":5: rules_dirs entry 'mine' is not a folder under " + app);
    assertEquals(expected, e.problems());
    assertEquals("4 problem(s) in ide_tunnel_risk.conf, the field tables or the allowlist, nothing was scored: "
        + String.join(" | ", expected), e.getMessage());
  }

  @Test
  void unknownKeysStanzasAndRuleIdsAreWarningsNotSilence() throws IOException {
    Path app = TestApp.create(dir);
    Path conf = TestApp.write(app, "local/ide_tunnel_risk.conf",
        "[settings]\nrules_dir = rules\n\n[rule:650b01de-8b2d-45ad-83db-8c121bff8e57]\ndisabled = 1\n");
    Tuning tuning = AppHome.at(app).load(Optional.empty());
    assertEquals(List.of(
        conf + ":2: unknown key 'rules_dir' in [settings] (known: rules_dirs); it is ignored",
        conf + ":4: [rule:650b01de-8b2d-45ad-83db-8c121bff8e57] names no loaded rule; it changes nothing (check the"
            + " rule id)"), tuning.warnings(TODAY));
    assertEquals(11, tuning.rules().size(), "no shipped rule was disabled");
  }

  @Test
  void expiredAllowlistRowsAreWarnings() throws IOException {
    Path app = TestApp.create(dir);
    Path allow = TestApp.write(app, "lookups/ide_tunnel_risk_allowlist_local.csv",
        ALLOWLIST_HEADER + "ws1,,,,,2026-11-22,red team lab\nws2,,,,,2026-11-23,build agent\n");
    Tuning tuning = AppHome.at(app).load(Optional.empty());
    assertEquals(List.of(allow + ":2: allowlist entry expired on 2026-11-22 and suppresses nothing any more"
        + " (reason: red team lab); delete the row or move its expires date"), tuning.warnings(TODAY));
  }

  /** The Dev Tunnels execution rule as shipped, with its base score 20 raised to 35. */
  static final String DEVTUNNEL_ID = "acd0c792-feb1-4f97-b3fb-534ee2854e37";
  static final String DEVTUNNEL_FILE = "rules/ide_tunnel_devtunnel_execution.yml";

  static String devtunnelRuleScored35() throws IOException {
    String shipped = Files.readString(Path.of("app", DEVTUNNEL_FILE));
    assertTrue(shipped.contains("          score: 20\n"));
    return shipped.replace("          score: 20\n", "          score: 35\n");
  }

  static int score(Tuning tuning, String ruleId) {
    return tuning.rules().stream().filter(r -> r.id().equals(ruleId)).findFirst().orElseThrow().risk().riskObjects()
        .get(0).score();
  }

  @Test
  void aRuleInLocalRulesReplacesTheShippedRuleOfTheSameIdAndSaysSo() throws IOException {
    Path app = TestApp.create(dir);
    TestApp.write(app, "local/ide_tunnel_risk.conf", "[settings]\nrules_dirs = rules, local/rules\n");
    Path mine = TestApp.write(app, "local/rules/devtunnel_tuned.yml", devtunnelRuleScored35());
    Tuning tuning = AppHome.at(app).load(Optional.empty());
    assertEquals(11, tuning.rules().size(), "replaced, not added");
    assertEquals(35, score(tuning, DEVTUNNEL_ID));
    assertEquals(mine.toString(), tuning.rules().stream().filter(r -> r.id().equals(DEVTUNNEL_ID)).findFirst()
        .orElseThrow().origin());
    assertEquals(List.of(mine + ":2: rule '" + DEVTUNNEL_ID + "' replaces the shipped rule " + app.resolve(DEVTUNNEL_FILE)
        + ":2"), tuning.notes());
    assertEquals(List.of(), tuning.warnings(TODAY));
  }

  @Test
  void anOverrideOfAReplacedRuleAppliesToTheContentTeamsRule() throws IOException {
    Path app = TestApp.create(dir);
    TestApp.write(app, "local/ide_tunnel_risk.conf", "[settings]\nrules_dirs = rules, local/rules\n\n[rule:"
        + DEVTUNNEL_ID + "]\nscore = 60\n");
    TestApp.write(app, "local/rules/devtunnel_tuned.yml", devtunnelRuleScored35());
    assertEquals(60, score(AppHome.at(app).load(Optional.empty()), DEVTUNNEL_ID));
  }

  @Test
  void twoRulesOfOneIdAmongTheContentTeamsAreAProblem() throws IOException {
    Path app = TestApp.create(dir);
    TestApp.write(app, "local/ide_tunnel_risk.conf", "[settings]\nrules_dirs = rules, local/rules\n");
    Path a = TestApp.write(app, "local/rules/a.yml", devtunnelRuleScored35());
    Path b = TestApp.write(app, "local/rules/b.yml", devtunnelRuleScored35());
    TuningException e = assertThrows(TuningException.class, () -> AppHome.at(app).load(Optional.empty()));
    assertEquals(List.of(b + ":2: duplicate rule id '" + DEVTUNNEL_ID + "' (already used by " + a + ":2)"),
        e.problems());
  }

  @Test
  void aRuleOfAShippedIdOutsideLocalIsADuplicateNotAReplacement() throws IOException {
    Path app = TestApp.create(dir);
    Path extra = Files.createDirectories(dir.resolve("rules_dir"));
    Path copy = Files.writeString(extra.resolve("copy.yml"), devtunnelRuleScored35());
    TuningException e = assertThrows(TuningException.class, () -> AppHome.at(app).load(Optional.of(extra)));
    assertEquals(List.of(copy + ":2: duplicate rule id '" + DEVTUNNEL_ID + "' (already used by "
        + app.resolve(DEVTUNNEL_FILE) + ":2)"), e.problems());

    TestApp.write(app, "local/ide_tunnel_risk.conf", "[settings]\nrules_dirs = rules, team\n");
    Path team = TestApp.write(app, "team/copy.yml", devtunnelRuleScored35());
    e = assertThrows(TuningException.class, () -> AppHome.at(app).load(Optional.empty()));
    assertEquals(List.of(team + ":2: duplicate rule id '" + DEVTUNNEL_ID + "' (already used by "
        + app.resolve(DEVTUNNEL_FILE) + ":2)"), e.problems());
  }

  @Test
  void withoutAnAppFolderARulesDirRuleOfAShippedIdIsADuplicate() throws IOException {
    Path extra = Files.createDirectories(dir.resolve("rules_dir"));
    Path copy = Files.writeString(extra.resolve("copy.yml"), devtunnelRuleScored35());
    TuningException e = assertThrows(TuningException.class, () -> AppHome.at(null).load(Optional.of(extra)));
    assertEquals(List.of(copy + ":2: duplicate rule id '" + DEVTUNNEL_ID + "' (already used by " + DEVTUNNEL_FILE
        + ":2)"), e.problems());
  }

  @Test
  void rulesInLocalRulesThatRulesDirsLeavesOutAreAWarning() throws IOException {
    Path app = TestApp.create(dir);
    TestApp.write(app, "local/rules/devtunnel_tuned.yml", devtunnelRuleScored35());
    Tuning tuning = AppHome.at(app).load(Optional.empty());
    assertEquals(20, score(tuning, DEVTUNNEL_ID), "not loaded");
    assertEquals(List.of(app.resolve("default/ide_tunnel_risk.conf") + ":9: " + app.resolve("local/rules")
        + " holds rule files but rules_dirs does not list local/rules, so they are not loaded; add it: rules_dirs ="
        + " rules, local/rules"), tuning.warnings(TODAY));
  }

  @Test
  void localFieldsLinesAreTriedBeforeTheShippedOnes() throws IOException {
    Path app = TestApp.create(dir);
    TestApp.write(app, "local/fields.csv", "Hostname,dest\n");
    Tuning tuning = AppHome.at(app).load(Optional.empty());
    Map<String, List<String>> row = Map.of("host", List.of("forwarder1"), "Hostname", List.of("ws-nx"));
    assertEquals("ws-nx", tuning.fields().normalize(row, Row.builder()).build().first("dest"));
  }

  @Test
  void unpackedTakesAnAppFolderAndRefusesAnythingElseSayingWhy() throws IOException {
    Path app = TestApp.create(dir);
    assertEquals(Optional.of(app.toAbsolutePath()), AppHome.unpacked(app).dir());
    String expected = " (expected the app folder as installed, e.g. $SPLUNK_HOME/etc/apps/ide_tunnel_risk, or the"
        + " built .tgz unpacked)";
    Path none = dir.resolve("none");
    assertEquals(none + ": no such folder" + expected,
        assertThrows(TuningException.class, () -> AppHome.unpacked(none)).getMessage());
    Path plain = Files.createDirectories(dir.resolve("plain"));
    assertEquals(plain + ": not an unpacked app: it has no default/app.conf" + expected,
        assertThrows(TuningException.class, () -> AppHome.unpacked(plain)).getMessage());
    Path other = Files.createDirectories(dir.resolve("Splunk_TA_windows/default"));
    Files.writeString(other.resolve("app.conf"), "[package]\nid = Splunk_TA_windows\n");
    assertEquals(other.getParent() + ": is the app 'Splunk_TA_windows' (" + other.resolve("app.conf") + ":2), not"
        + " ide_tunnel_risk" + expected,
        assertThrows(TuningException.class, () -> AppHome.unpacked(other.getParent())).getMessage());
  }

  @Test
  void theShippedAppHasNothingToWarnAbout() throws IOException {
    Tuning tuning = AppHome.at(TestApp.create(dir)).load(Optional.empty());
    assertEquals(List.of(), tuning.warnings(TODAY));
    assertTrue(tuning.rules().size() > 0);
  }
}
