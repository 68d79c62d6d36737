package org.idetunnelrisk.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.idetunnelrisk.engine.Rule;
import org.junit.jupiter.api.Test;

/**
 * README.md's rule catalogue describes exactly the rules the package ships, loaded by the real loader: one entry
 * per rule, none for a rule that does not exist, and the same file, risk objects, base scores and score modifiers.
 */
class RuleCatalogueTest {
  private static final String ID = "acd0c792-feb1-4f97-b3fb-534ee2854e37";

  /** A catalogue that describes the shipped Dev Tunnels CLI rule correctly, to be broken one way per test. */
  private static final String GOOD = String.join("\n",
      "# App",
      "",
      RuleCatalogue.HEADING,
      "",
      "| rule | catches | risk objects | base score |",
      "|---|---|---|---|",
      "| [Microsoft Dev Tunnels CLI Execution](#microsoft-dev-tunnels-cli-execution) | devtunnel | host | 20 |",
      "",
      "### Microsoft Dev Tunnels CLI Execution",
      "",
      "`" + ID + "` in `rules/ide_tunnel_devtunnel_execution.yml`",
      "",
      "| risk object | type | base score |",
      "|---|---|---|",
      "| `dest` | system | 20 |",
      "",
      "| score modifier | adds | when |",
      "|---|---|---|",
      "| anonymous tunnel access | +30 | host or create with anonymous access |",
      "| github or device code login | +10 | login -g or -d |",
      "| binary outside install folders | +10 | a Windows path elsewhere |",
      "| renamed devtunnel binary | +15 | original file name devtunnel.dll, another name |",
      "",
      "## Next section",
      "",
      "### Not a catalogue entry",
      "");

  private static Rule devtunnelRule() {
    return ShippedRuleFixturesTest.shipped().rules().stream().filter(r -> r.id().equals(ID)).findFirst().orElseThrow();
  }

  private static List<String> differences(String readme) {
    return RuleCatalogue.parse(readme).differences(List.of(devtunnelRule()));
  }

  @Test
  void readmeCatalogueDescribesEveryShippedRuleAsItIs() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    List<Rule> shipped = ShippedRuleFixturesTest.shipped().rules();
    assertFalse(shipped.isEmpty(), "no shipped rules were loaded");
    assertEquals(List.of(), RuleCatalogue.parse(readme).differences(shipped));
  }

  @Test
  void aCorrectEntryHasNoDifference() {
    assertEquals(List.of(), differences(GOOD));
  }

  @Test
  void aShippedRuleWithoutEntryIsReported() {
    String readme = GOOD.substring(0, GOOD.indexOf("### Microsoft")) + "## Next section\n";
    assertEquals(List.of("no catalogue entry for shipped rule " + ID
        + " (Microsoft Dev Tunnels CLI Execution, rules/ide_tunnel_devtunnel_execution.yml)"), differences(readme));
  }

  @Test
  void anEntryForARuleThatIsNotShippedIsReported() {
    String readme = GOOD.replace("## Next section", String.join("\n",
        "### Gone Rule",
        "",
        "`00000000-0000-4000-8000-000000000000` in `rules/gone.yml`",
        "",
        "## Next section"));
    assertEquals(List.of("catalogue entry 'Gone Rule' names rule 00000000-0000-4000-8000-000000000000,"
        + " which is not shipped"), differences(readme));
  }

  @Test
  void aScoreThatDiffersFromTheRuleIsReported() {
    String readme = GOOD.replace("| `dest` | system | 20 |", "| `dest` | system | 25 |");
    assertEquals(List.of("catalogue entry 'Microsoft Dev Tunnels CLI Execution' (" + ID + "): risk objects are"
        + " [dest system 25], the rule's are [dest system 20]"), differences(readme));
  }

  @Test
  void aRiskObjectFieldThatDiffersFromTheRuleIsReported() {
    String readme = GOOD.replace("| `dest` | system | 20 |", "| `src`, else `dest` | system | 20 |");
    assertEquals(List.of("catalogue entry 'Microsoft Dev Tunnels CLI Execution' (" + ID + "): risk objects are"
        + " [src or dest system 20], the rule's are [dest system 20]"), differences(readme));
  }

  @Test
  void aScoreModifierThatDiffersFromTheRuleIsReported() {
    String readme = GOOD.replace("| +30 |", "| +20 |");
    List<String> found = differences(readme);
    assertEquals(1, found.size(), found::toString);
    assertEquals("catalogue entry 'Microsoft Dev Tunnels CLI Execution' (" + ID + "): score modifiers are"
        + " [anonymous tunnel access +20, github or device code login +10, binary outside install folders +10,"
        + " renamed devtunnel binary +15], the rule's are [anonymous tunnel access +30, github or device code"
        + " login +10, binary outside install folders +10, renamed devtunnel binary +15]", found.get(0));
  }

  @Test
  void anOverviewScoreThatDiffersFromTheRuleIsReported() {
    String readme = GOOD.replace("| host | 20 |", "| host | 15 |");
    assertEquals(List.of("the overview row of 'Microsoft Dev Tunnels CLI Execution' gives base score [15],"
        + " the rule's is [20]"), differences(readme));
  }

  @Test
  void aWrongFileOrHeadingIsReported() {
    String readme = GOOD.replace("`rules/ide_tunnel_devtunnel_execution.yml`", "`rules/ide_tunnel_dns_query.yml`")
        .replace("### Microsoft Dev Tunnels CLI Execution", "### Dev Tunnels");
    assertEquals(List.of(
        "catalogue entry 'Dev Tunnels' (" + ID + "): heading should be the rule title 'Microsoft Dev Tunnels CLI Execution'",
        "catalogue entry 'Dev Tunnels' (" + ID + "): file is rules/ide_tunnel_dns_query.yml, the rule comes from"
            + " rules/ide_tunnel_devtunnel_execution.yml"), differences(readme));
  }
}
