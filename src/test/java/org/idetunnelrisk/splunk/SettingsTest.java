package org.idetunnelrisk.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void bareHostPortMeansHttps() {
    assertEquals(URI.create("https://127.0.0.1:8089"), Settings.parseServerUri("127.0.0.1:8089"));
    assertEquals(URI.create("http://sh1:8089"), Settings.parseServerUri(" http://sh1:8089 "));
  }

  @Test
  void otherSchemesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Settings.parseServerUri("ftp://sh1"));
    assertEquals("server URI: expected scheme http or https but was 'ftp://sh1'", e.getMessage());
  }

  @Test
  void defaults() {
    Settings s = Settings.builder(URI.create("https://sh1:8089")).build();
    assertEquals(true, s.verifyTls());
    assertEquals(Optional.empty(), s.caBundle());
    assertEquals(Duration.ofSeconds(10), s.connectTimeout());
    assertEquals(Duration.ofSeconds(300), s.exportTimeout());
    assertEquals(Duration.ofSeconds(60), s.requestTimeout());
    assertEquals(3, s.retries());
    assertEquals("risk", s.riskIndex());
  }

  @Test
  void badIndexNameIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Settings.builder(URI.create("https://sh1:8089")).riskIndex("Risk Index").build());
    assertEquals("risk index must be a Splunk index name but was 'Risk Index'", e.getMessage());
  }
}
