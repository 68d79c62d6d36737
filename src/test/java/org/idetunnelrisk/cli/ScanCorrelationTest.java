package org.idetunnelrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan} runs correlation rules over every input file, whatever the order of files and events. */
class ScanCorrelationTest {
  private static final Path CHAIN =
      Path.of("src/test/resources/events/sysmon/ide_tunnel_chain_established/devtunnel_host_then_relay_lookup.xml");
  private static final String ESTABLISHED = "3b7c6f0e-2d4a-4e8b-9c61-5a0f7d2e8b14";
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private List<JsonObject> events() {
    List<JsonObject> got = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        got.add(JsonParser.parseString(line).getAsJsonObject());
      }
    }
    return got;
  }

  @Test
  void chainWhoseLaterEventIsInAnEarlierFileFiresOnce() throws IOException {
    List<String> lines = Files.readAllLines(CHAIN);
    Path lookup = Files.writeString(dir.resolve("a_lookup.xml"), lines.get(0) + "\n");
    Path start = Files.writeString(dir.resolve("b_start.xml"), lines.get(1) + "\n");
    assertEquals(0, run("scan", "--summary", lookup.toString(), start.toString(), lookup.toString()));
    List<JsonObject> chain = events().stream().filter(e -> e.get("rule_id").getAsString().equals(ESTABLISHED)).toList();
    assertEquals(1, chain.size(), out.toString(StandardCharsets.UTF_8));
    JsonObject e = chain.get(0);
    assertEquals("WS-ALICE.corp.example.com", e.get("risk_object").getAsString());
    assertEquals(60, e.get("risk_score").getAsInt());
    assertEquals(start + ":1", e.get("orig_location").getAsString(), "the record that completed it");
    assertEquals(3, events().size(), "the two base risk events and the chain's");
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertTrue(stderr.contains("correlations 4, correlation risk events 1,"), stderr);
  }

  @Test
  void resultDecidedAtTheEndOfInputHasNoLocation() throws IOException {
    Path rule = Files.writeString(dir.resolve("few.yml"), "title: Few lookups\nid: few\nlevel: low\n"
        + "correlation:\n  type: event_count\n  rules: [base]\n  group-by: [Computer]\n  timespan: 1h\n"
        + "  condition:\n    lt: 3\n  generate: true\n---\ntitle: Base\nid: base\nname: base\n"
        + "logsource:\n  category: dns_query\ndetection:\n  sel:\n    QueryName|endswith: '.visualstudio.com'\n"
        + "  condition: sel\n");
    assertEquals(0, run("scan", "--rules", rule.toString(), CHAIN.toString()));
    List<JsonObject> few = events().stream().filter(e -> e.get("rule_id").getAsString().equals("few")).toList();
    assertEquals(1, few.size(), out.toString(StandardCharsets.UTF_8));
    assertEquals(15, few.get(0).get("risk_score").getAsInt());
    assertEquals(null, few.get(0).get("orig_location"));
  }

  @Test
  void filterNamingNoLoadedRuleIsAWarningAndTheScanGoesOn() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("mf_x.yml"), "title: F\nlogsource:\n  product: windows\nfilter:\n"
        + "  rules: [missing-rule]\n  sel:\n    Computer: x\n  condition: sel\n");
    Files.writeString(rules.resolve("base.yml"), "title: Base\nid: base\nlogsource:\n  category: dns_query\n"
        + "detection:\n  sel:\n    QueryName|endswith: '.visualstudio.com'\n  condition: sel\n");
    assertEquals(0, run("scan", "--rules", rules.toString(), CHAIN.toString()));
    assertEquals(rules.resolve("mf_x.yml") + ":5: warning: filter 'F' names 'missing-rule', which is no loaded rule"
        + " (by id or name): it suppresses nothing there\n", err.toString(StandardCharsets.UTF_8));
    assertEquals(1, events().size());
  }

  @Test
  void rulesCheckCountsCorrelationsAndWarnings() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("mf_x.yml"), "title: F\nlogsource:\n  product: windows\nfilter:\n"
        + "  rules: [missing-rule]\n  sel:\n    Computer: x\n  condition: sel\n");
    assertEquals(0, run("rules", "check", rules.toString(), "app/rules"));
    assertTrue(out.toString(StandardCharsets.UTF_8).endsWith(", 0 problem(s), 1 warning(s), 4 correlation rule(s)\n"),
        out.toString(StandardCharsets.UTF_8));
  }
}
