package org.idetunnelrisk.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.engine.TacticTable;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.sigma.RuleLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TacticLookupTest {
  @TempDir Path dir;

  @Test
  void theJarsLookupIsTheAppsLookup() throws IOException {
    TacticTable jar = TacticLookup.shipped();
    TacticTable app = TacticLookup.load(Path.of("app/lookups/ide_tunnel_risk_mitre_attack.csv"));
    assertEquals(List.copyOf(app.techniques()), List.copyOf(jar.techniques()));
  }

  @Test
  void everyTechniqueOfEveryShippedRuleHasItsOwnLineAndATactic() {
    TacticTable t = TacticLookup.shipped();
    List<Rule> rules = new RuleLoader(FieldTable.shipped()).loadShipped().rules();
    assertFalse(rules.isEmpty());
    for (Rule r : rules) {
      assertFalse(r.risk().mitreAttack().isEmpty(), r.origin() + " names no technique");
      for (String id : r.risk().mitreAttack()) {
        TacticTable.Technique tech = t.technique(id);
        assertTrue(tech != null && !tech.tactics().isEmpty(), r.origin() + ": " + id + " is not in the lookup");
        int dot = id.indexOf('.');
        if (dot > 0) {
          assertTrue(t.technique(id.substring(0, dot)) != null, r.origin() + ": parent of " + id + " is not in the lookup");
        }
      }
    }
  }

  @Test
  void theShippedLinesAreAttackV19() {
    TacticTable t = TacticLookup.shipped();
    assertEquals(List.of(new TacticTable.Tactic("TA0011", "Command and Control")), t.tactics("T1219.001"));
    assertEquals(List.of("TA0002", "TA0003", "TA0004"),
        t.tactics("T1053.005").stream().map(TacticTable.Tactic::id).toList());
    // v19 renamed TA0005 from Defense Evasion to Stealth, keeping its id
    assertEquals(List.of(new TacticTable.Tactic("TA0005", "Stealth")), t.tactics("T1036.003"));
  }

  @Test
  void aLineThatIsNotATechniqueAndTacticIsNamedByFileAndLine() throws IOException {
    Path f = dir.resolve("x.csv");
    Files.writeString(f, String.join(",", TacticLookup.COLUMNS) + "\nT1090,Proxy,TA0011,Command and Control\n"
        + "1090,Proxy,TA0011,Command and Control\n");
    TuningException e = assertThrows(TuningException.class, () -> TacticLookup.load(f));
    assertEquals(f + ":3: mitre_technique_id must be a technique id like T1219 or T1219.001 but was '1090'",
        e.getMessage());
    Files.writeString(f, String.join(",", TacticLookup.COLUMNS) + "\nT1090,Proxy,C2,Command and Control\n");
    e = assertThrows(TuningException.class, () -> TacticLookup.load(f));
    assertEquals(f + ":2: mitre_tactic_id must be a tactic id like TA0011 but was 'C2'", e.getMessage());
    Files.writeString(f, "mitre_technique_id,mitre_tactic_id\nT1090,TA0011\n");
    e = assertThrows(TuningException.class, () -> TacticLookup.load(f));
    assertEquals(f + ":2: mitre_technique is empty (columns: mitre_technique_id, mitre_technique, mitre_tactic_id,"
        + " mitre_tactic)", e.getMessage());
  }
}
