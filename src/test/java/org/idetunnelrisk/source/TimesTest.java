package org.idetunnelrisk.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast ISO-8601 path of {@link Times#iso} against java.time, its definition. */
class TimesTest {
  private static final String[] SEPARATORS = {"T", "t", " "};
  private static final String[] ZONES = {"", "Z", "z", "+00:00", "-00:00", "+05:30", "-08:00", "+18:00", "-18:00",
      "+18:01", "+19:00", "+05:60", "+0530", "+05", "+05:30:00", "Z ", "ZZ", "+5:30", "UTC"};

  /** The text java.time is asked for: the fast path also reads a space before an offset, java.time a T there. */
  private static String forJavaTime(String t) {
    return t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + "T" + t.substring(11) : t;
  }

  private static void sameAsJavaTime(String text) {
    String t = text.strip();
    double fast = Times.isoCommon(t);
    double slow = Times.isoJavaTime(forJavaTime(t));
    if (!Double.isNaN(fast)) {
      assertEquals(Double.doubleToLongBits(slow), Double.doubleToLongBits(fast), t + ": fast " + fast + ", java.time " + slow);
    }
    double iso = Times.iso(text);
    assertEquals(Double.doubleToLongBits(Double.isNaN(fast) ? Times.isoJavaTime(t) : slow), Double.doubleToLongBits(iso), t);
  }

  @Test
  void fastPathGivesJavaTimesValueOnValidAndNearValidText() {
    Random rnd = new Random(20261201);
    int fastReads = 0;
    for (int k = 0; k < 200_000; k++) {
      int year = rnd.nextInt(10) < 8 ? 1960 + rnd.nextInt(100) : rnd.nextInt(10_000);
      int month = rnd.nextInt(14);
      int day = rnd.nextInt(33);
      int hour = rnd.nextInt(26);
      int minute = rnd.nextInt(62);
      int second = rnd.nextInt(62);
      StringBuilder sb = new StringBuilder(String.format("%04d-%02d-%02d%s%02d:%02d", year, month, day,
          SEPARATORS[rnd.nextInt(SEPARATORS.length)], hour, minute));
      if (rnd.nextInt(6) > 0) {
        sb.append(String.format(":%02d", second));
        if (rnd.nextBoolean()) {
          sb.append('.');
          int digits = rnd.nextInt(11);
          for (int i = 0; i < digits; i++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
          }
        }
      }
      sb.append(ZONES[rnd.nextInt(ZONES.length)]);
      String t = sb.toString();
      if (rnd.nextInt(20) == 0) {
        char[] c = t.toCharArray();
        c[rnd.nextInt(c.length)] = "0123456789-:T .Z+x".charAt(rnd.nextInt(18));
        t = new String(c);
      }
      sameAsJavaTime(t);
      if (!Double.isNaN(Times.isoCommon(t))) {
        fastReads++;
      }
    }
    assertTrue(fastReads > 50_000, "the fast path read only " + fastReads + " texts");
  }

  @Test
  void theShapesOfTheSourcesTakeTheFastPath() {
    for (String t : new String[] {"2026-11-20T09:15:02.1234567Z", "2026-11-23T10:00:00.000+00:00", "2023-09-29 14:12:26.616",
        "2024-02-29T23:59:59Z", "1970-01-01T00:00Z", "2026-11-23T10:00:00.123456789-05:30"}) {
      assertFalse(Double.isNaN(Times.isoCommon(t)), t);
      sameAsJavaTime(t);
    }
    assertEquals(1_709_251_199.0, Times.iso("2024-02-29T23:59:59Z"));
    assertEquals(1_695_996_746.616, Times.iso("2023-09-29 14:12:26.616"), 1e-9);
  }

  @Test
  void invalidDatesAndTimesAreNoTime() {
    for (String t : new String[] {"2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-20T24:00:00Z",
        "2026-11-20T23:60:00Z", "2026-11-20T23:59:60Z", "2026-11-20T09:15:02.1234567890Z",
        "2026-11-20T09:15:02+19:00", "2026-11-20X09:15:02Z", "2026-11-2", "", "   "}) {
      assertTrue(Double.isNaN(Times.iso(t)), t);
    }
  }

  @Test
  void aSpaceBeforeAnOffsetIsRead() {
    assertEquals(Times.iso("2026-11-23T10:00:00+01:00"), Times.iso("2026-11-23 10:00:00+01:00"));
    java.time.Instant nine = java.time.Instant.parse("2026-11-23T09:00:00Z");
    assertEquals((double) nine.getEpochSecond(), Times.iso("2026-11-23 10:00:00+01:00"));
  }
}
