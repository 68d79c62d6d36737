package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.idetunnelrisk.engine.TacticTable;
import org.idetunnelrisk.tuning.TuningException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ATT&CK lookup an installed app reads: the shipped one, a local one's techniques in place of the same. */
class AppHomeTacticsTest {
  static final String HEADER = "mitre_technique_id,mitre_technique,mitre_tactic_id,mitre_tactic\n";
  @TempDir Path app;

  private TacticTable tactics() throws IOException {
    return AppHome.at(app).load(Optional.empty()).tactics();
  }

  @Test
  void withoutAnAppFolderTheJarsLookupIsUsed() throws IOException {
    assertEquals(List.of("TA0011"), ids(AppHome.at(null).load(Optional.empty()).tactics(), "T1219.001"));
  }

  @Test
  void theAppsLookupFileIsRead() throws IOException {
    Files.createDirectories(app.resolve("lookups"));
    Files.writeString(app.resolve(AppHome.TACTICS), HEADER + "T1219.001,IDE Tunneling,TA0011,Command and Control\n");
    assertEquals(1, tactics().techniques().size());
  }

  @Test
  void aLocalLookupReplacesTheShippedLinesOfItsTechniquesOnly() throws IOException {
    Files.createDirectories(app.resolve("lookups"));
    Files.writeString(app.resolve(AppHome.TACTICS_LOCAL), HEADER
        + "T1090,Proxy,TA0011,Command and Control\nT1090,Proxy,TA0010,Exfiltration\n"
        + "T1105,Ingress Tool Transfer,TA0011,Command and Control\n");
    TacticTable t = tactics();
    assertEquals(List.of("TA0011", "TA0010"), ids(t, "T1090"));
    assertEquals(List.of("TA0011"), ids(t, "T1105"));
    assertEquals(List.of("TA0002", "TA0003", "TA0004"), ids(t, "T1053.005"));
  }

  @Test
  void aBrokenLocalLookupStopsTheRunNamingFileAndLine() throws IOException {
    Files.createDirectories(app.resolve("lookups"));
    Path local = Files.writeString(app.resolve(AppHome.TACTICS_LOCAL), HEADER + "T1090,Proxy,,Command and Control\n");
    TuningException e = assertThrows(TuningException.class, this::tactics);
    assertEquals(local + ":2: mitre_tactic_id is empty (columns: mitre_technique_id, mitre_technique,"
        + " mitre_tactic_id, mitre_tactic)", e.getMessage());
  }

  private static List<String> ids(TacticTable t, String technique) {
    return t.tactics(technique).stream().map(TacticTable.Tactic::id).toList();
  }
}
