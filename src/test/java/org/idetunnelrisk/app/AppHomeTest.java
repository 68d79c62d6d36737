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
import java.util.Optional;
import java.util.regex.Pattern;
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

  @Test
  void theShippedAppHasNothingToWarnAbout() throws IOException {
    Tuning tuning = AppHome.at(TestApp.create(dir)).load(Optional.empty());
    assertEquals(List.of(), tuning.warnings(TODAY));
    assertTrue(tuning.rules().size() > 0);
  }
}
