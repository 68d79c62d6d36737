package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.idetunnelrisk.correlation.CorrelationRule;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.engine.TacticTable;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.modinput.ConfText;
import org.idetunnelrisk.modinput.TarGz;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.sigma.RuleSet;
import org.idetunnelrisk.spl.Feed;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.idetunnelrisk.splunk.emulator.RecordedRequest;
import org.idetunnelrisk.tuning.TacticLookup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built package as ES sees it: its rules, run by the modular input and the alert action from the unpacked
 * app folder against the emulator, write risk events whose ATT&CK tactic fields are those of the packaged
 * lookup for every packaged rule; and every packaged saved search is a correlation search with annotations
 * and drilldowns.
 */
class EsContentIT {
  static final String KEY = "esContentSessionKey-77e0";
  @TempDir Path splunkHome;
  Path app;
  FakeSplunk fake;

  @BeforeEach
  void install() throws IOException {
    app = TarGz.installBuiltApp(splunkHome);
    fake = FakeSplunk.http(KEY);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  List<Rule> packagedRules() {
    RuleSet set = new RuleLoader(FieldTable.shipped()).load(List.of(app.resolve("rules")));
    assertEquals(List.of(), set.problems());
    assertFalse(set.rules().isEmpty());
    return set.rules();
  }

  /** Every received risk event as key to all its values, in order. */
  List<Map<String, List<String>>> received() {
    List<Map<String, List<String>>> out = new ArrayList<>();
    for (RecordedRequest r : fake.receivers().accepted()) {
      Map<String, List<String>> f = new LinkedHashMap<>();
      Matcher m = PollerTest.PAIR.matcher(r.body());
      while (m.find()) {
        f.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
      }
      out.add(f);
    }
    return out;
  }

  /** The alert action, as splunkd would run it for a saved search of {@code ruleId} over {@code csv} rows. */
  void alert(String ruleId, String csv) throws IOException {
    Path job = Files.createDirectories(splunkHome.resolve("var/run/splunk/dispatch/scheduler__admin_es_at_1_1"));
    Path results = job.resolve("results.csv.gz");
    ResultsScorerTest.gzip(csv, results);
    AlertRun a = AlertRun.run(AppHome.at(app), fake.uri(), KEY, "scheduler__admin_es_at_1_1", "x", results,
        "\"rules\":\"auto\",\"rule_ids\":\"" + ruleId + "\"", splunkHome,
        Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));
    assertEquals(0, a.exit(), a.err());
  }

  @Test
  void everyPackagedRulesRiskEventsCarryTheTacticsOfThePackagedLookup() throws IOException {
    TacticTable lookup = TacticLookup.load(app.resolve("lookups/ide_tunnel_risk_mitre_attack.csv"));
    List<Rule> rules = packagedRules();

    FakeEstate estate = new FakeEstate(fake);
    fake.export().respondWith(estate);
    estate.rawLines(Feed.SYSMON, PollerTest.IN_WINDOW, Path.of("samples/sysmon_tunnel_day.xml"));
    estate.rawLines(Feed.CROWDSTRIKE, PollerTest.IN_WINDOW, Path.of("samples/crowdstrike.jsonl"));
    estate.csvRows(Feed.ENDPOINT_PROCESSES, PollerTest.IN_WINDOW, Path.of("samples/cim_processes.csv"));
    Polls.run(fake, KEY, splunkHome, "sysmon,crowdstrike,endpoint_processes", AppHome.at(app));
    // the proxy rule's Stream http event, as a saved search's result row scored by the alert action
    Rule proxy = rules.stream().filter(r -> r.logSource().category() != null
        && r.logSource().category().equals("proxy")).findFirst().orElseThrow();
    alert(proxy.id(), "_time,sourcetype,src_ip,dest_ip,dest_port,site,uri_path,http_method,status\n"
        + PollerTest.IN_WINDOW + ",stream:http,10.20.30.43,20.42.65.88,443,global.rel.tunnels.api.visualstudio.com,"
        + "/api/v1/tunnels,GET,200\n");

    // the modular input writes the packaged correlations' risk events too (the tunnel chain of the samples)
    List<CorrelationRule> correlations = new RuleLoader(FieldTable.shipped()).load(List.of(app.resolve("rules")))
        .correlations().rules();
    TreeSet<String> seen = new TreeSet<>();
    TreeSet<String> chains = new TreeSet<>();
    for (Map<String, List<String>> e : received()) {
      String source = e.get("search_name").get(0);
      Rule rule = rules.stream().filter(r -> r.searchName().equals(source)).findFirst().orElse(null);
      List<String> mitre;
      if (rule == null) {
        CorrelationRule c = correlations.stream().filter(r -> r.searchName().equals(source)).findFirst().orElseThrow();
        chains.add(c.id());
        mitre = c.risk().mitreAttack();
      } else {
        seen.add(rule.id());
        mitre = rule.risk().mitreAttack();
      }
      TacticTable.Annotations want = lookup.annotate(mitre);
      assertFalse(want.tacticIds().isEmpty(), source);
      assertEquals(mitre, e.get("annotations.mitre_attack"), source);
      assertEquals(want.techniqueIds(), e.get("annotations.mitre_attack.mitre_technique_id"), source);
      assertEquals(want.tacticIds(), e.get("annotations.mitre_attack.mitre_tactic_id"), source);
      assertEquals(want.tactics(), e.get("annotations.mitre_attack.mitre_tactic"), source);
      assertEquals(want.techniqueIds(), e.get("annotations._all"), source);
      assertEquals(List.of("mitre_attack"), e.get("annotations._frameworks"), source);
    }
    assertEquals(new TreeSet<>(rules.stream().map(Rule::id).toList()), seen, "a risk event of every packaged rule");
    assertFalse(chains.isEmpty(), "and of a packaged correlation");
    // and the packaged lookup is ATT&CK's: IDE Tunneling is Command and Control, Scheduled Task three tactics
    assertEquals(List.of("TA0011"), lookup.annotate(List.of("T1219.001")).tacticIds());
    assertEquals(List.of("TA0002", "TA0003", "TA0004"), lookup.annotate(List.of("T1053.005")).tacticIds());
  }

  @Test
  void everyPackagedSavedSearchIsACorrelationSearchWithAnnotationsAndDrilldowns() throws IOException {
    ConfText conf = ConfText.read(app.resolve("default/savedsearches.conf"));
    List<Rule> rules = packagedRules();
    assertEquals(rules.size(), conf.stanzas.size());
    for (Rule r : rules) {
      Map<String, String> s = conf.stanza(r.searchName());
      assertNotNull(s, r.searchName());
      assertEquals("1", s.get("action.correlationsearch.enabled"), r.searchName());
      assertEquals(r.searchName(), s.get("action.correlationsearch.label"));
      assertFalse(s.getOrDefault("description", "").isBlank(), r.searchName());
      JsonObject a = JsonParser.parseString(s.get("action.correlationsearch.annotations")).getAsJsonObject();
      List<String> mitre = new ArrayList<>();
      a.getAsJsonArray("mitre_attack").forEach(v -> mitre.add(v.getAsString()));
      assertEquals(r.risk().mitreAttack(), mitre, r.searchName());
      assertTrue(a.has("analytic_story") && a.has("kill_chain_phases"), a.toString());
      JsonArray drill = JsonParser.parseString(s.get("action.notable.param.drilldown_searches")).getAsJsonArray();
      assertEquals(2, drill.size(), r.searchName());
      for (JsonElement d : drill) {
        JsonObject o = d.getAsJsonObject();
        assertTrue(o.get("name").getAsString().startsWith("View "), o.toString());
        assertTrue(o.get("search").getAsString().contains("$" + r.risk().riskObjects().get(0).fields().get(0) + "$"),
            o.toString());
        assertTrue(o.has("earliest_offset") && o.has("latest_offset"), o.toString());
      }
      assertTrue(drill.get(0).getAsJsonObject().get("search").getAsString().startsWith(s.get("search")), r.searchName());
    }
  }
}
