package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RelativeTimeTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:34:56Z"); // a Wednesday

  private static String at(String rel) {
    return RelativeTime.resolve(rel, NOW).toString();
  }

  @Test
  void escuScheduleWindow() {
    assertEquals("2026-11-25T11:24:00Z", at("-70m@m"));
    assertEquals("2026-11-25T12:24:00Z", at("-10m@m"));
  }

  @Test
  void snapsAndChains() {
    assertEquals("2026-11-25T12:34:56Z", at("now"));
    assertEquals("2026-11-24T06:00:00Z", at("-1d@d+6h"));
    assertEquals("2026-11-22T00:00:00Z", at("@w0"));
    assertEquals("2026-11-24T00:00:00Z", at("@w2"));
    assertEquals("2026-11-01T00:00:00Z", at("@mon"));
    assertEquals("2025-11-25T12:34:56Z", at("-1y"));
    assertEquals("2026-11-25T12:00:00Z", at("@h"));
    assertEquals("2026-11-25T12:33:56Z", at("-m"));
  }

  @Test
  void badTextNamesItself() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> at("-70x@m"));
    assertEquals("'-70x@m' has an unknown time unit 'x'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> at("yesterday"));
    assertEquals("'yesterday' is not a Splunk relative time like -70m@m", e.getMessage());
  }
}
