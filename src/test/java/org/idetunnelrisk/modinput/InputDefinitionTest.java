package org.idetunnelrisk.modinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InputDefinitionTest {

  @Test
  void readsMetadataAndStanza() {
    InputDefinition d = InputDefinition.parse(Resources.file("modinput/input_one_stanza.xml"));
    assertEquals("sh1", d.metadata().serverHost());
    assertEquals("https://127.0.0.1:8089", d.metadata().serverUri());
    assertEquals("SeCrEtKeY123", d.metadata().sessionKey().get().secret());
    assertEquals("/opt/splunk/var/lib/splunk/modinputs/ide_tunnel_risk", d.metadata().checkpointDir());
    assertEquals(Map.of("future_field", "later"), d.metadata().extra());
    assertEquals(1, d.stanzas().size());
    Stanza s = d.stanzas().get(0);
    assertEquals("ide_tunnel_risk://corp_endpoints", s.name());
    assertEquals("corp_endpoints", s.shortName());
    assertEquals("ide_tunnel_risk", s.app());
    assertEquals(Optional.of("-70m@m"), s.parameters().get("window"));
    assertEquals(Optional.of(""), s.parameters().get("rules_dir"));
    assertEquals(List.of("sysmon", "crowdstrike"), s.parameters().values("feeds"));
    assertEquals(Optional.of("python3"), s.parameters().get("python.version"));
  }

  @Test
  void sessionKeyNeverInToString() {
    InputDefinition d = InputDefinition.parse(Resources.file("modinput/input_one_stanza.xml"));
    assertFalse(d.toString().contains("SeCrEtKeY123"), d.toString());
    assertEquals("Optional[SessionKey[****]]", d.metadata().sessionKey().toString());
  }

  @Test
  void stanzaWithoutAppAttributeHasEmptyApp() {
    InputDefinition d = InputDefinition.parse(Resources.text(
        "<input><configuration><stanza name=\"ide_tunnel_risk://a\"><param name=\"lag\">-5m</param></stanza>"
            + "</configuration></input>"));
    assertEquals("", d.stanzas().get(0).app());
    assertEquals(java.util.Optional.empty(), d.metadata().sessionKey());
    assertEquals("", d.metadata().serverUri());
  }

  @Test
  void noConfigurationMeansNoStanza() {
    assertEquals(List.of(), InputDefinition.parse(Resources.text("<input><server_host>h</server_host></input>"))
        .stanzas());
  }

  @Test
  void otherElementInConfigurationIsRefused() {
    ModularInputException e = assertThrows(ModularInputException.class, () -> InputDefinition.parse(
        Resources.text("<input>\n<configuration>\n<item name=\"x\"/></configuration></input>")));
    assertEquals("input definition: line 3: expected <stanza> in <configuration> but was <item>", e.getMessage());
  }

  @Test
  void stanzaWithoutNameIsRefused() {
    ModularInputException e = assertThrows(ModularInputException.class, () -> InputDefinition.parse(
        Resources.text("<input><configuration><stanza/></configuration></input>")));
    assertEquals("input definition: line 1: <stanza> has no name attribute", e.getMessage());
  }

  @Test
  void paramWithoutNameIsRefused() {
    ModularInputException e = assertThrows(ModularInputException.class, () -> InputDefinition.parse(
        Resources.text("<input><configuration><stanza name=\"a\">\n<param>1</param></stanza></configuration></input>")));
    assertEquals("input definition: line 2: <param> has no name attribute", e.getMessage());
  }

  @Test
  void wrongRootIsRefused() {
    ModularInputException e = assertThrows(ModularInputException.class,
        () -> InputDefinition.parse(Resources.text("<items/>")));
    assertEquals("input definition: line 1: expected root element <input> but was <items>", e.getMessage());
  }

  @Test
  void metadataWithElementsIsRefused() {
    ModularInputException e = assertThrows(ModularInputException.class,
        () -> InputDefinition.parse(Resources.text("<input>\n<server_host><b>x</b></server_host></input>")));
    assertEquals("input definition: line 2: expected text in <server_host>, found elements", e.getMessage());
  }

  @Test
  void emptyStdinIsRefused() {
    ModularInputException e = assertThrows(ModularInputException.class,
        () -> InputDefinition.parse(Resources.text("")));
    assertEquals("input definition: no XML on stdin", e.getMessage());
  }
}
