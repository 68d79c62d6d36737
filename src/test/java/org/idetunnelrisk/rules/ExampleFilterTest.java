package org.idetunnelrisk.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.idetunnelrisk.engine.Engine;
import org.idetunnelrisk.engine.Hit;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.sigma.RuleSet;
import org.junit.jupiter.api.Test;

/**
 * The example filter for sanctioned developers ships outside the rule folder, so it suppresses nothing by
 * default; loaded beside the shipped rules (as an admin would from local/rules) it links to them and suppresses
 * the named rules' hits for its users on its hosts only.
 */
class ExampleFilterTest {
  private static final Path FILTER = Path.of("app/examples/filters/mf_ide_tunnel_sanctioned_developers.yml");
  private static final LogSource PROCESS = new LogSource("process_creation", "windows", null);

  private static List<String> hitRules(RuleSet set, Row row) {
    return new Engine(set.rules(), List.of()).evaluate(row).stream().map(Hit::rule).map(r -> r.id()).toList();
  }

  private static Row devtunnel(String host, String user) {
    return Row.builder().logSource(PROCESS).add("process_name", "devtunnel.exe").add("process", "devtunnel.exe host")
        .add("dest", host).add("user", user).build();
  }

  @Test
  void theShippedSetHasNoFilter() throws IOException {
    try (var files = Files.list(Path.of("app/rules"))) {
      for (Path f : files.toList()) {
        assertTrue(!Files.readString(f).contains("\nfilter:"), f + " holds a filter");
      }
    }
  }

  @Test
  void loadedBesideTheShippedRulesItSuppressesSanctionedUsersOnTheirHostsOnly() {
    RuleSet set = new RuleLoader(FieldTable.shipped()).load(List.of(Path.of("app/rules"), FILTER));
    assertEquals(List.of(), set.problems());
    assertEquals(List.of(), set.warnings());
    String exec = "acd0c792-feb1-4f97-b3fb-534ee2854e37";
    assertEquals(List.of(), hitRules(set, devtunnel("DEVWS-0042", "CORP\\dev-tunnel-user-1")));
    assertEquals(List.of(exec), hitRules(set, devtunnel("FIN-0042", "CORP\\dev-tunnel-user-1")));
    assertEquals(List.of(exec), hitRules(set, devtunnel("DEVWS-0042", "CORP\\mallory")));
  }
}
