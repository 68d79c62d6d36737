package org.idetunnelrisk.modinput;

import org.idetunnelrisk.spl.Feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped conf files agree with {@link Scheme}, the single source of the input's parameters. */
class SchemeConfFilesTest {
  private final Scheme scheme = Scheme.ideTunnelRisk();

  @Test
  void defaultInputsConfShipsDisabledStanzaWithSchemeDefaults() throws IOException {
    Map<String, String> stanza = ConfText.read(Path.of("default/inputs.conf")).stanza("ide_tunnel_risk://default");
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("disabled", "1");
    expected.put("interval", Integer.toString(Scheme.INTERVAL_SECONDS));
    scheme.arguments().forEach(a -> expected.put(a.name(), a.defaultValue()));
    assertEquals(List.copyOf(expected.entrySet()), List.copyOf(stanza.entrySet()));
  }

  @Test
  void specDeclaresEveryArgumentWithItsDescription() throws IOException {
    ConfText spec = ConfText.read(Path.of("app/README/inputs.conf.spec"));
    Map<String, String> keys = spec.stanza("ide_tunnel_risk://<name>");
    Map<String, String> bullets = spec.firstBullets.get("ide_tunnel_risk://<name>");
    List<String> expectedLines = new ArrayList<>();
    List<String> actualLines = new ArrayList<>();
    for (Argument a : scheme.arguments()) {
      expectedLines.add(a.name() + " = " + a.specValue() + " | * " + a.description());
    }
    keys.forEach((key, value) -> actualLines.add(key + " = " + value + " | " + bullets.get(key)));
    assertEquals(expectedLines, actualLines);
  }

  /**
   * ESCU's sysmon macro (splunk/security_content macros/sysmon.yml) is {@code sourcetype=XmlWinEventLog:Microsoft-
   * Windows-Sysmon/Operational OR source=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational OR
   * source=Syslog:Linux-Sysmon/Operational}: ours finds the same events, the alternatives in parentheses so the
   * terms the search adds after the macro apply to each.
   */
  @Test
  void sysmonIndexMacroAcceptsWhatEscusSysmonMacroAccepts() throws IOException {
    String definition = ConfText.read(Path.of("default/macros.conf")).stanza("ide_tunnel_risk_sysmon_index")
        .get("definition");
    assertEquals("index=* (source=\"XmlWinEventLog:Microsoft-Windows-Sysmon/Operational\" OR"
        + " sourcetype=\"XmlWinEventLog:Microsoft-Windows-Sysmon/Operational\" OR"
        + " source=\"Syslog:Linux-Sysmon/Operational\")", definition);
  }

  @Test
  void macrosForEveryFeed() throws IOException {
    ConfText macros = ConfText.read(Path.of("default/macros.conf"));
    for (Feed feed : Feed.values()) {
      String index = "ide_tunnel_risk_" + feed.id() + "_index";
      String filter = "ide_tunnel_risk_" + feed.id() + "_filter";
      assertTrue(macros.stanza(index).get("definition").startsWith("index="), index);
      assertTrue(macros.stanza(index).get("description").contains("Set your own"), index);
      assertEquals("search *", macros.stanza(filter).get("definition"), filter);
    }
    assertEquals("summariesonly=false allow_old_summaries=true fillnull_value=null",
        macros.stanza("ide_tunnel_risk_summariesonly").get("definition"));
    assertEquals("field", macros.stanza("ide_tunnel_risk_ctime(1)").get("args"));
  }

  @Test
  void launchersNamedAfterSchemeAreExecutable() {
    Path sh = Path.of("bin", Scheme.NAME + ".sh");
    assertTrue(Files.isExecutable(sh), sh + " is not executable");
    assertTrue(Files.isRegularFile(Path.of("bin", Scheme.NAME + ".cmd")));
  }
}
