package org.idetunnelrisk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class TacticTableTest {
  static final TacticTable.Tactic C2 = new TacticTable.Tactic("TA0011", "Command and Control");
  static final TacticTable.Tactic EXECUTION = new TacticTable.Tactic("TA0002", "Execution");
  static final TacticTable.Tactic PERSISTENCE = new TacticTable.Tactic("TA0003", "Persistence");

  static final TacticTable TABLE = TacticTable.of(List.of(
      new TacticTable.Technique("T1090", "Proxy", List.of(C2)),
      new TacticTable.Technique("T1219.001", "IDE Tunneling", List.of(C2)),
      new TacticTable.Technique("T1053.005", "Scheduled Task", List.of(EXECUTION, PERSISTENCE))));

  @Test
  void annotationsListTechniquesAndTheirTacticsOnceInTheOrderMet() {
    TacticTable.Annotations a = TABLE.annotate(List.of("T1219.001", "T1053.005", "T1090", "t1219.001"));
    assertEquals(List.of("T1219.001", "T1053.005", "T1090"), a.techniqueIds());
    assertEquals(List.of("IDE Tunneling", "Scheduled Task", "Proxy"), a.techniqueNames());
    assertEquals(List.of("TA0011", "TA0002", "TA0003"), a.tacticIds());
    assertEquals(List.of("Command and Control", "Execution", "Persistence"), a.tactics());
  }

  @Test
  void aSubTechniqueTheTableLacksTakesItsParentsTacticsButNoName() {
    TacticTable.Annotations a = TABLE.annotate(List.of("T1090.004"));
    assertEquals(List.of("T1090.004"), a.techniqueIds());
    assertEquals(List.of(), a.techniqueNames());
    assertEquals(List.of("TA0011"), a.tacticIds());
  }

  @Test
  void anUnknownTechniqueKeepsItsIdAndHasNoTactic() {
    TacticTable.Annotations a = TABLE.annotate(List.of("T9999"));
    assertEquals(List.of("T9999"), a.techniqueIds());
    assertEquals(List.of(), a.tacticIds());
    assertEquals(List.of(), TacticTable.EMPTY.annotate(List.of("T1090")).tacticIds());
    assertEquals(List.of(), TABLE.annotate(List.of()).techniqueIds());
  }

  @Test
  void aLocalTableReplacesTheSameTechniquesOnly() {
    TacticTable local = TacticTable.of(List.of(new TacticTable.Technique("t1090", "Proxy", List.of(EXECUTION))));
    TacticTable both = TABLE.overriddenBy(local);
    assertEquals(List.of(EXECUTION), both.tactics("T1090"));
    assertEquals(List.of(C2), both.tactics("T1219.001"));
    assertEquals(3, both.techniques().size());
    assertNull(both.technique("T1090.004"));
  }
}
