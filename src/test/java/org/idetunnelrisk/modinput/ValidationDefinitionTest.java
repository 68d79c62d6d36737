package org.idetunnelrisk.modinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidationDefinitionTest {

  @Test
  void readsItemAndMetadata() {
    ValidationDefinition v = ValidationDefinition.parse(Resources.file("modinput/validation_item.xml"));
    assertEquals("corp_endpoints", v.name());
    assertEquals("sh1", v.metadata().serverHost());
    assertEquals("SeCrEtKeY123", v.metadata().sessionKey().get().secret());
    assertEquals("/opt/splunk/var/lib/splunk/modinputs", v.metadata().checkpointDir());
    assertEquals(Optional.of("5000"), v.parameters().get("max_rows"));
    assertEquals(List.of("sysmon", "stream_dns"), v.parameters().values("feeds"));
  }

  @Test
  void itemNameWithSchemePrefixIsShortened() {
    ValidationDefinition v = ValidationDefinition.parse(
        Resources.text("<items><item name=\"ide_tunnel_risk://corp\"/></items>"));
    assertEquals("corp", v.name());
  }

  @Test
  void twoItemsAreRefused() {
    ModularInputException e = assertThrows(ModularInputException.class, () -> ValidationDefinition.parse(
        Resources.text("<items>\n<item name=\"a\"/>\n<item name=\"b\"/></items>")));
    assertEquals("validation items: line 3: more than one <item>", e.getMessage());
  }

  @Test
  void missingItemIsRefused() {
    ModularInputException e = assertThrows(ModularInputException.class,
        () -> ValidationDefinition.parse(Resources.text("<items><server_host>h</server_host></items>")));
    assertEquals("validation items: no <item> element", e.getMessage());
  }

  @Test
  void itemWithoutNameIsRefused() {
    ModularInputException e = assertThrows(ModularInputException.class,
        () -> ValidationDefinition.parse(Resources.text("<items><item/></items>")));
    assertEquals("validation items: line 1: <item> has no name attribute", e.getMessage());
  }
}
