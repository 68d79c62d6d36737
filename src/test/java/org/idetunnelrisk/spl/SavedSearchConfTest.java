package org.idetunnelrisk.spl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.tuning.TacticLookup;
import org.junit.jupiter.api.Test;

/**
 * The shipped default/savedsearches.conf and the generated block of default/macros.conf are exactly what the
 * shipped rules generate. After changing a rule: {@code java -jar target/ide-tunnel-risk.jar rules savedsearches
 * > default/savedsearches.conf} and the same with {@code filter-macros} for the block in macros.conf.
 */
class SavedSearchConfTest {
  static final String BEGIN = "# BEGIN generated rule filter macros";
  static final String END = "# END generated rule filter macros";

  static List<Rule> shipped() {
    return new RuleLoader(FieldTable.shipped()).loadShipped().rules();
  }

  @Test
  void shippedSavedSearchesAreGeneratedFromTheRules() throws IOException {
    assertEquals(SavedSearchConf.savedSearches(shipped(), TacticLookup.shipped()), Files.readString(Path.of("default/savedsearches.conf")));
  }

  @Test
  void shippedFilterMacrosAreGeneratedFromTheRules() throws IOException {
    String macros = Files.readString(Path.of("default/macros.conf"));
    int from = macros.indexOf('\n', macros.indexOf(BEGIN)) + 2;
    int to = macros.indexOf(END) - 1;
    assertEquals(SavedSearchConf.filterMacros(shipped()), macros.substring(from, to));
  }

  @Test
  void devtunnelSearchMirrorsEscu() {
    String conf = SavedSearchConf.savedSearches(shipped(), TacticLookup.shipped());
    int at = conf.indexOf("[IDE Tunnel Risk - Microsoft Dev Tunnels CLI Execution - Rule]");
    String stanza = conf.substring(at, conf.indexOf("\n\n", at));
    assertTrue(stanza.contains("from datamodel=Endpoint.Processes where `ide_tunnel_risk_endpoint_processes_index` "
        + "(Processes.original_file_name=\"devtunnel.dll\" OR "), stanza);
    assertTrue(stanza.contains("\ncron_schedule = 0 * * * *\n"), stanza);
    assertTrue(stanza.contains("\ndispatch.earliest_time = -70m@m\ndispatch.latest_time = -10m@m\n"), stanza);
    assertTrue(stanza.contains("\ndisabled = 1\n"), stanza);
    assertTrue(stanza.contains("\naction.ide_tunnel_risk_score = 1\n"), stanza);
    assertTrue(stanza.contains("| `ide_tunnel_risk_devtunnel_execution_filter`\n"), stanza);
  }

  @Test
  void everyMacroTheSearchesUseIsDefined() throws IOException {
    String macros = Files.readString(Path.of("default/macros.conf"));
    StringBuilder spl = new StringBuilder(SavedSearchConf.savedSearches(shipped(), TacticLookup.shipped()));
    for (Feed f : Feed.values()) {
      spl.append(SplBuilder.build(f, shipped()).spl()).append('\n');
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([a-z0-9_]+)(\\(([^)`]*)\\))?`").matcher(spl);
    int checked = 0;
    while (m.find()) {
      String stanza = m.group(2) == null ? m.group(1) : m.group(1) + "(" + m.group(3).split(",").length + ")";
      assertTrue(macros.contains("\n[" + stanza + "]\n"), "macro " + stanza + " is not in default/macros.conf");
      checked++;
    }
    assertTrue(checked > 20, "macros checked: " + checked);
  }

  @Test
  void stemsDropTheAppPrefix() {
    Rule r = shipped().get(0);
    assertTrue(SavedSearchConf.filterMacro(r).matches("ide_tunnel_risk_[a-z0-9_]+_filter"), SavedSearchConf.filterMacro(r));
    assertTrue(!SavedSearchConf.filterMacro(r).contains("ide_tunnel_risk_ide_tunnel"), SavedSearchConf.filterMacro(r));
  }
}
