package org.idetunnelrisk.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.scoring.Scorer;
import org.idetunnelrisk.sigma.RuleSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real VS Code command lines in {@code ../shared/data/real/} (read in place, never copied), scored as the
 * rules intend: housekeeping ({@code tunnel kill}, {@code tunnel status}) gives nothing; a real tunnel start,
 * a service install and the Sigma PR's lab run are scored. Skipped, with a message, when the data is absent.
 */
class RealCommandLinesTest {
  static final Path REAL = Path.of("../shared/data/real");
  static final Path TSV = REAL.resolve("vscode-tunnel-cli-logs/command_lines.tsv");
  static final Path SYSMON = REAL.resolve("sigmahq-pr4463-sysmon-fragment/code-tunnel_sysmon1_eventdata.closed.xml");

  private static void assumePresent(Path p) {
    if (!Files.exists(p)) {
      String msg = "SKIPPED: real telemetry " + p.toAbsolutePath().normalize() + " is absent";
      System.err.println(msg);
      Assumptions.assumeTrue(false, msg);
    }
  }

  /** Scores one command line as a Sysmon process-creation record of its executable. */
  private static List<RiskEvent> score(RuleSet rules, String executable, String commandLine) {
    Map<String, List<String>> f = new LinkedHashMap<>();
    f.put("EventID", List.of("1"));
    f.put("Provider", List.of("Microsoft-Windows-Sysmon"));
    f.put("Computer", List.of("real-host"));
    f.put("Image", List.of(executable));
    f.put("CommandLine", List.of(commandLine));
    f.put("OriginalFileName", List.of("-"));
    Scorer scorer = new Scorer(rules.rules(), FieldTable.shipped());
    List<RiskEvent> out = new ArrayList<>();
    scorer.score(new Record("command_lines.tsv", 1, 1, f, null), (e, r) -> out.add(e));
    return out;
  }

  @Test
  void realCommandLinesScoredAsIntended() throws IOException {
    assumePresent(TSV);
    RuleSet rules = ShippedRuleFixturesTest.shipped();
    List<String> lines = Files.readAllLines(TSV, StandardCharsets.UTF_8);
    int checked = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split("\t", -1);
      String exe = c[3];
      String cmd = c[4];
      List<RiskEvent> events = score(rules, exe, cmd);
      String why = c[0] + " " + cmd + " -> " + events;
      if (cmd.endsWith(" tunnel kill") || cmd.endsWith(" tunnel status")) {
        assertEquals(List.of(), events, "housekeeping must score nothing: " + why);
      } else if (cmd.contains("--accept-server-license-terms") && cmd.contains(" tunnel")) {
        assertTrue(!events.isEmpty(), "a tunnel start must be scored: " + why);
        int max = events.stream().mapToInt(RiskEvent::riskScore).max().orElse(0);
        assertTrue(max > 25, "license terms + name/service raise the score above the base: " + why);
      } else if (cmd.equals("code-tunnel.exe tunnel")) {
        assertTrue(!events.isEmpty(), "the lab run of the portable CLI must be scored: " + why);
      }
      checked++;
    }
    assertEquals(lines.size() - 1, checked);
  }

  @Test
  void sigmaPrFragmentIsScoredAndDashCountsAsNull() throws IOException {
    assumePresent(SYSMON);
    RuleSet rules = ShippedRuleFixturesTest.shipped();
    Scorer scorer = new Scorer(rules.rules(), FieldTable.shipped());
    List<RiskEvent> out = new ArrayList<>();
    try (RecordReader r = Readers.open(SYSMON)) {
      Record rec;
      while ((rec = r.next()) != null) {
        scorer.score(rec, (e, from) -> out.add(e));
      }
    }
    assertTrue(out.stream().anyMatch(e -> e.fields().getOrDefault("process_name", List.of()).contains("code-tunnel.exe")),
        "code-tunnel.exe tunnel from the Sigma PR must fire: " + out);
    assertTrue(out.stream().noneMatch(e -> e.fields().containsKey("original_file_name")),
        "Sysmon's '-' OriginalFileName must count as no value: " + out);
  }
}
