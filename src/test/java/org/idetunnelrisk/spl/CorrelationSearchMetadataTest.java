package org.idetunnelrisk.spl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.RiskSpec;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.tuning.TacticLookup;
import org.junit.jupiter.api.Test;

/**
 * Each generated saved search carries what ES's Content Management and MITRE coverage read from ESCU's
 * stanzas: correlation-search flag and label, annotations, a description, and drilldowns to the source events
 * and the risk events of its risk objects.
 */
class CorrelationSearchMetadataTest {
  /** The stanzas of generated savedsearches.conf text: name to its keys (values as written). */
  static Map<String, Map<String, String>> stanzas(String conf) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (String line : conf.split("\n")) {
      if (line.startsWith("[") && line.endsWith("]")) {
        current = new LinkedHashMap<>();
        out.put(line.substring(1, line.length() - 1), current);
      } else if (current != null && line.contains(" = ") && !line.startsWith("#")) {
        int eq = line.indexOf(" = ");
        current.put(line.substring(0, eq), line.substring(eq + 3));
      }
    }
    return out;
  }

  static List<String> strings(JsonElement e) {
    List<String> out = new ArrayList<>();
    if (e != null) {
      e.getAsJsonArray().forEach(v -> out.add(v.getAsString()));
    }
    return out;
  }

  @Test
  void everySavedSearchIsACorrelationSearchWithTheRulesAnnotationsAndDrilldowns() {
    List<Rule> rules = SavedSearchConfTest.shipped();
    Map<String, Map<String, String>> conf = stanzas(SavedSearchConf.savedSearches(rules, TacticLookup.shipped()));
    assertEquals(rules.size(), conf.size());
    for (Rule r : rules) {
      Map<String, String> s = conf.get(r.searchName());
      assertEquals("1", s.get("action.correlationsearch.enabled"), r.searchName());
      assertEquals(r.searchName(), s.get("action.correlationsearch.label"));
      assertTrue(s.get("description").startsWith(r.description().replaceAll("\\s+", " ").substring(0, 40)),
          s.get("description"));
      assertTrue(s.get("description").endsWith("(rule " + r.id() + ", feed " + feedOf(s) + ")"), s.get("description"));

      JsonObject a = JsonParser.parseString(s.get("action.correlationsearch.annotations")).getAsJsonObject();
      assertEquals(r.risk().mitreAttack(), strings(a.get("mitre_attack")), r.searchName());
      assertEquals(r.risk().analyticStories(), strings(a.get("analytic_story")), r.searchName());
      assertTrue(strings(a.get("kill_chain_phases")).contains("Command and Control"), a.toString());

      JsonArray drill = JsonParser.parseString(s.get("action.notable.param.drilldown_searches")).getAsJsonArray();
      assertEquals(2, drill.size());
      for (JsonElement d : drill) {
        assertEquals(List.of("name", "search", "earliest_offset", "latest_offset"),
            List.copyOf(d.getAsJsonObject().keySet()));
      }
      JsonObject events = drill.get(0).getAsJsonObject();
      assertTrue(events.get("search").getAsString().startsWith(s.get("search") + " | search "), r.searchName());
      assertEquals("$info_min_time$", events.get("earliest_offset").getAsString());
      assertEquals("$info_max_time$", events.get("latest_offset").getAsString());
      String risk = drill.get(1).getAsJsonObject().get("search").getAsString();
      assertTrue(risk.startsWith("| from datamodel Risk.All_Risk | search normalized_risk_object IN ("), risk);
      for (RiskSpec.RiskObject ro : r.risk().riskObjects()) {
        String token = "\"$" + ro.fields().get(0) + "$\"";
        assertTrue(events.get("search").getAsString().endsWith(token) || events.get("search").getAsString().contains(token + " "),
            events.get("search").getAsString());
        assertTrue(risk.contains(token), risk);
      }
    }
  }

  private static String feedOf(Map<String, String> s) {
    String search = s.get("search");
    for (Feed f : Feed.values()) {
      if (search.contains("`" + f.indexMacro() + "`")) {
        return f.id();
      }
    }
    throw new AssertionError("no feed in " + search);
  }

  @Test
  void aDatamodelSearchNarrowsByFieldAndARawSearchByTermOfTheRawText() {
    Map<String, Map<String, String>> conf = stanzas(SavedSearchConf.savedSearches(SavedSearchConfTest.shipped(),
        TacticLookup.shipped()));
    String tstats = conf.get("IDE Tunnel Risk - Renamed VS Code CLI Tunnel - Rule").get("action.notable.param.drilldown_searches");
    assertTrue(tstats.contains("| search dest = \\\"$dest$\\\" user = \\\"$user$\\\"\""), tstats);
    String raw = conf.get("IDE Tunnel Risk - Dev Tunnels CLI Single-File Host Loaded - Rule")
        .get("action.notable.param.drilldown_searches");
    assertTrue(raw.contains("| fields _time _raw host source sourcetype"), raw);
    assertTrue(raw.contains("| search \\\"$dest$\\\"\""), raw);
  }

  @Test
  void killChainPhasesFollowTheTacticsOfTheTechniquesAsContentctlMapsThem() {
    Map<String, Map<String, String>> conf = stanzas(SavedSearchConf.savedSearches(SavedSearchConfTest.shipped(),
        TacticLookup.shipped()));
    JsonObject persistence = JsonParser.parseString(conf.get("IDE Tunnel Risk - IDE Tunnel Persistence - Rule")
        .get("action.correlationsearch.annotations")).getAsJsonObject();
    // C2 (T1219.001), Execution and Persistence (Installation), Privilege Escalation (Exploitation)
    assertEquals(List.of("Command and Control", "Exploitation", "Installation"),
        strings(persistence.get("kill_chain_phases")));
    assertFalse(persistence.has("cis20") || persistence.has("nist"), "none declared by our rules");
  }

  @Test
  void jsonValuesStayOnOneLineWithTheirQuotesAndBackslashesEscaped() {
    assertEquals("\"a\\\"b\\\\c\\u000ad\"", SavedSearchConf.json("a\"b\\c\nd"));
  }
}
