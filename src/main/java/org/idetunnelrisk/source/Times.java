package org.idetunnelrisk.source;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Event times to epoch seconds. Each parser returns {@code Double.NaN} for text it cannot read, never
 * throws: a record with a bad time is still a record. Stateless and thread-safe.
 */
final class Times {
  private Times() {}

  /**
   * ISO-8601: {@code 2026-11-20T09:15:02.1234567Z} (Windows SystemTime, up to 9 fraction digits),
   * {@code 2026-11-23T10:00:00.000+00:00} (Splunk), or a local date-time, with {@code T} or a space,
   * taken as UTC ({@code 2023-09-29 14:12:26.616}, Sysmon's UtcTime).
   */
  static double iso(String text) {
    if (text == null || text.isBlank()) {
      return Double.NaN;
    }
    String t = text.strip();
    try {
      return seconds(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      // not with an offset or Z: try a local time in UTC below
    }
    try {
      return seconds(LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Double.NaN;
    }
  }

  /** Epoch seconds as decimal text ({@code 1763892000.118}). */
  static double epochSeconds(String text) {
    if (text == null || text.isBlank()) {
      return Double.NaN;
    }
    try {
      double d = Double.parseDouble(text.strip());
      return Double.isFinite(d) ? d : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Epoch milliseconds as integer text ({@code 1763892000123}, CrowdStrike {@code timestamp}). */
  static double epochMillis(String text) {
    double ms = epochSeconds(text);
    return Double.isNaN(ms) ? ms : ms / 1000.0;
  }

  /** Splunk {@code _time}: epoch seconds or ISO-8601. */
  static double splunk(String text) {
    double d = epochSeconds(text);
    return Double.isNaN(d) ? iso(text) : d;
  }

  /** The first of {@code times} that is a number. */
  static double first(double... times) {
    for (double t : times) {
      if (!Double.isNaN(t)) {
        return t;
      }
    }
    return Double.NaN;
  }

  private static double seconds(Instant i) {
    return i.getEpochSecond() + i.getNano() / 1e9;
  }
}
