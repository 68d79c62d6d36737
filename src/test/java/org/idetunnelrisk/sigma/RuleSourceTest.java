package org.idetunnelrisk.sigma;

import static org.idetunnelrisk.sigma.Fixtures.FIELDS;
import static org.idetunnelrisk.sigma.Fixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Collectors;
import org.idetunnelrisk.engine.Rule;
import org.junit.jupiter.api.Test;

/** Where a loaded rule names its fields, and how sets of rules from several loads combine. */
class RuleSourceTest {
  /** Line numbers are those of this text. */
  private static final String RULE = String.join("\n",
      "title: Places",                                    // 1
      "id: places-1",                                     // 2
      "logsource:",                                       // 3
      "    category: process_creation",                   // 4
      "detection:",                                       // 5
      "    sel:",                                         // 6
      "        Imgae|endswith: '\\devtunnel.exe'",        // 7
      "        Processes.process_name: devtunnel.exe",    // 8
      "    ref:",                                         // 9
      "        CommandLine|fieldref: ParentCommandLine",  // 10
      "    condition: sel or ref",                        // 11
      "level: low",                                       // 12
      "risk:",                                            // 13
      "    message: 'devtunnel on $Computer$ by $usr$'",  // 14
      "    risk_objects:",                                // 15
      "        - field: [dest, src]",                     // 16
      "          type: system",                           // 17
      "          score: 20",                              // 18
      "        - field: usr",                             // 19
      "          type: user",                             // 20
      "          score: 20",                              // 21
      "    threat_objects:",                              // 22
      "        - field: ParentImage",                     // 23
      "          type: process",                          // 24
      "");

  private static List<String> uses(RuleSet set, String id) {
    return set.source(id).fieldUses().stream()
        .map(u -> u.line() + " " + u.role() + " " + u.written() + " -> " + u.field()).collect(Collectors.toList());
  }

  @Test
  void everyFieldARuleNamesIsKeptWithItsLineRoleAndRowField() {
    RuleSet set = new RuleLoader(FIELDS).loadText(RULE, "rules/places.yml");
    assertEquals(List.of(), problems(set));
    assertEquals(List.of(
        "7 DETECTION Imgae -> Imgae",
        "8 DETECTION Processes.process_name -> process_name",
        "10 DETECTION CommandLine -> process",
        "10 DETECTION ParentCommandLine -> parent_process",
        "14 MESSAGE Computer -> dest",
        "14 MESSAGE usr -> usr",
        "16 RISK_OBJECT dest -> dest",
        "16 RISK_OBJECT src -> src",
        "19 RISK_OBJECT usr -> usr",
        "23 THREAT_OBJECT ParentImage -> parent_process_path"), uses(set, "places-1"));
    RuleSource s = set.source("places-1");
    assertEquals("rules/places.yml", s.file());
    assertEquals(2, s.idLine());
    assertEquals("rules/places.yml:2", s.idPlace());
    assertEquals(4, s.logSourceLine());
  }

  @Test
  void aRuleWithoutLogsourceOrIdHasLineZeroForLogsourceAndItsDocumentForId() {
    RuleSet set = new RuleLoader(FIELDS).loadText("title: T\ndetection:\n  sel: {Image: x}\n  condition: sel\n",
        "dir/stem.yml");
    assertEquals(new RuleSource("dir/stem.yml", 1, 0, set.source("stem").fieldUses()), set.source("stem"));
    assertEquals(1, set.source("stem").fieldUses().size());
  }

  private static RuleSet one(String id, String title, String file) {
    return new RuleLoader(FIELDS).loadText("title: " + title + "\nid: " + id
        + "\ndetection:\n  sel: {Image: x}\n  condition: sel\n", file);
  }

  private static List<String> titles(RuleSet set) {
    return set.rules().stream().map(Rule::title).collect(Collectors.toList());
  }

  @Test
  void plusRefusesAnIdTheSetHasAsOneLoadDoes() {
    RuleSet shipped = one("a", "Shipped A", "rules/a.yml").plus(one("b", "Shipped B", "rules/b.yml"));
    RuleSet both = shipped.plus(one("a", "Extra A", "extra/a.yml")).plus(one("c", "Extra C", "extra/c.yml"));
    assertEquals(List.of("Shipped A", "Shipped B", "Extra C"), titles(both));
    assertEquals(List.of("extra/a.yml:2: duplicate rule id 'a' (already used by rules/a.yml:2)"), problems(both));
    assertEquals("rules/a.yml", both.source("a").file());
  }

  @Test
  void overriddenByPutsEachLocalRuleInThePlaceOfTheShippedOneAndAddsTheRest() {
    RuleSet shipped = one("a", "Shipped A", "rules/a.yml").plus(one("b", "Shipped B", "rules/b.yml"));
    RuleSet local = one("b", "Local B", "local/rules/b.yml").plus(one("z", "Local Z", "local/rules/z.yml"));
    RuleSet set = shipped.overriddenBy(local);
    assertEquals(List.of("Shipped A", "Local B", "Local Z"), titles(set));
    assertEquals(List.of(), problems(set));
    assertEquals("local/rules/b.yml", set.source("b").file());
    assertEquals("Local B", set.rule("b").title());
    assertNull(set.rule("nope"));
  }

  @Test
  void overriddenByKeepsTheProblemsOfBoth() {
    RuleSet bad = new RuleLoader(FIELDS).loadText("title: x\n", "local/rules/bad.yml");
    RuleSet set = one("a", "Shipped A", "rules/a.yml").overriddenBy(bad);
    assertEquals(List.of("local/rules/bad.yml:1: rule has no detection"), problems(set));
  }
}
