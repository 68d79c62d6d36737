package org.idetunnelrisk.modinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemeTest {
  private final Scheme scheme = Scheme.ideTunnelRisk();

  @Test
  void schemeXmlMatchesGolden() throws IOException {
    String golden = Files.readString(Resources.ROOT.resolve("golden/scheme.xml"), StandardCharsets.UTF_8);
    assertEquals(golden, scheme.toXml());
  }

  @Test
  void argumentsInDocumentedOrder() {
    assertEquals(List.of("feeds", "window", "lag", "risk_index", "rules_dir", "max_rows", "batch_size", "landed_check_delay", "dry_run",
        "ca_cert_path", "verify_ssl", "ssl_hostname_check"), scheme.arguments().stream().map(Argument::name).toList());
  }

  @Test
  void schemeXmlParsesWithOurOwnHardenedReader() {
    XmlElement root = SafeXml.parse(Resources.text(scheme.toXml()), "scheme");
    assertEquals("scheme", root.name());
    List<String> children = root.children().stream().map(XmlElement::name).toList();
    assertEquals(List.of("title", "description", "use_external_validation", "use_single_instance", "streaming_mode",
        "endpoint"), children);
    XmlElement firstArg = root.children().get(5).children().get(0).children().get(0);
    assertEquals(List.of("title", "description", "data_type", "required_on_edit", "required_on_create"),
        firstArg.children().stream().map(XmlElement::name).toList());
  }

  @Test
  void defaultsAreValidSettings() {
    java.util.Map<String, String> defaults = new java.util.LinkedHashMap<>();
    scheme.arguments().forEach(a -> defaults.put(a.name(), a.defaultValue()));
    Settings s = Settings.from("ide_tunnel_risk://default", new Parameters(defaults, java.util.Map.of()));
    assertEquals(Scheme.DEFAULT_MAX_ROWS, s.maxRows());
    assertTrue(s.verifySsl());
  }

  @Test
  void shortNameStripsPrefixOnly() {
    assertEquals("corp", Scheme.shortName("ide_tunnel_risk://corp"));
    assertEquals("corp", Scheme.shortName("corp"));
    assertEquals("other://corp", Scheme.shortName("other://corp"));
  }
}
