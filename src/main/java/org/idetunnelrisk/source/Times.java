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
    double fast = isoCommon(t);
    if (!Double.isNaN(fast)) {
      return fast;
    }
    return isoJavaTime(t);
  }

  /** {@link #iso} through java.time only: the definition the fast path is tested against. */
  static double isoJavaTime(String t) {
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

  /**
   * The common shapes without java.time (which costs microseconds, and an exception for every time
   * without an offset): {@code yyyy-MM-dd}, {@code T} or a space (either case), {@code HH:mm[:ss[.f]]}
   * with 1 to 9 fraction digits, then nothing (UTC), {@code Z} or {@code ±HH:MM}. NaN for anything else,
   * valid or not, which {@link #iso} then hands to java.time; for every text it reads, the value is the
   * one java.time gives, to the bit (a space before an offset aside, which java.time does not read).
   */
  static double isoCommon(String t) {
    int n = t.length();
    if (n < 16 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(13) != ':') {
      return Double.NaN;
    }
    char sep = t.charAt(10);
    if (sep != 'T' && sep != 't' && sep != ' ') {
      return Double.NaN;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
        || minute < 0 || minute > 59) {
      return Double.NaN;
    }
    int i = 16;
    int second = 0;
    int nano = 0;
    if (i < n && t.charAt(i) == ':') {
      second = i + 3 <= n ? digits(t, i + 1, 2) : -1;
      if (second < 0 || second > 59) {
        return Double.NaN;
      }
      i += 3;
      if (i < n && t.charAt(i) == '.') {
        int k = i + 1;
        while (k < n && k - i <= 9 && t.charAt(k) >= '0' && t.charAt(k) <= '9') {
          nano = nano * 10 + (t.charAt(k) - '0');
          k++;
        }
        int count = k - i - 1;
        if (count == 0 || k < n && t.charAt(k) >= '0' && t.charAt(k) <= '9') {
          return Double.NaN;
        }
        for (int z = count; z < 9; z++) {
          nano *= 10;
        }
        i = k;
      }
    }
    int offset = 0;
    if (i < n) {
      char c = t.charAt(i);
      if ((c == 'Z' || c == 'z') && i + 1 == n) {
        offset = 0;
      } else if ((c == '+' || c == '-') && i + 6 == n && t.charAt(i + 3) == ':') {
        int oh = digits(t, i + 1, 2);
        int om = digits(t, i + 4, 2);
        if (oh < 0 || om < 0 || om > 59 || oh > 18 || oh == 18 && om > 0) {
          return Double.NaN;
        }
        offset = (c == '-' ? -1 : 1) * (oh * 3600 + om * 60);
      } else {
        return Double.NaN;
      }
    }
    long epochSecond = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offset;
    return epochSecond + nano / 1e9;
  }

  /** The number written by {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(String t, int from, int count) {
    int v = 0;
    for (int k = from; k < from + count; k++) {
      char c = t.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static int daysIn(int year, int month) {
    if (month == 2) {
      return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  /** Days from 1970-01-01 to a proleptic Gregorian date (years 0..9999). */
  private static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097L + doe - 719_468L;
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
