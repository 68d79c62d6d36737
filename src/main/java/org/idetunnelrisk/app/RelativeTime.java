package org.idetunnelrisk.app;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a Splunk relative time ({@code -70m@m}, {@code -1d@d+6h}, {@code @w1}, {@code now}) against a
 * given instant, in UTC: offsets are applied and snaps taken left to right, as Splunk does. Months and years
 * are calendar units; {@code @w0}..{@code @w6} snap to the last Sunday..Saturday. (Splunk snaps in the
 * search head's time zone; this input keeps its checkpoints in UTC, which matters only for {@code @d} and
 * longer snaps.) Stateless.
 */
public final class RelativeTime {
  private static final Pattern TERM = Pattern.compile("([+-])(\\d*)([a-z]+)|@([a-z]+)(\\d?)");

  private RelativeTime() {}

  /**
   * @throws IllegalArgumentException naming the text when it is not a relative time
   */
  public static Instant resolve(String text, Instant now) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    ZonedDateTime at = now.atZone(ZoneOffset.UTC);
    if (t.equals("now") || t.isEmpty()) {
      return now;
    }
    Matcher m = TERM.matcher(t);
    int pos = 0;
    while (pos < t.length()) {
      if (!m.find(pos) || m.start() != pos) {
        throw new IllegalArgumentException("'" + text + "' is not a Splunk relative time like -70m@m");
      }
      if (m.group(1) != null) {
        long n = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
        at = at.plus(m.group(1).equals("-") ? -n : n, unit(m.group(3), text));
      } else {
        at = snap(at, m.group(4), m.group(5), text);
      }
      pos = m.end();
    }
    return at.toInstant();
  }

  private static ChronoUnit unit(String u, String text) {
    switch (u) {
      case "s": case "sec": case "secs": case "second": case "seconds": return ChronoUnit.SECONDS;
      case "m": case "min": case "mins": case "minute": case "minutes": return ChronoUnit.MINUTES;
      case "h": case "hr": case "hrs": case "hour": case "hours": return ChronoUnit.HOURS;
      case "d": case "day": case "days": return ChronoUnit.DAYS;
      case "w": case "week": case "weeks": return ChronoUnit.WEEKS;
      case "mon": case "month": case "months": return ChronoUnit.MONTHS;
      case "y": case "yr": case "yrs": case "year": case "years": return ChronoUnit.YEARS;
      default:
        throw new IllegalArgumentException("'" + text + "' has an unknown time unit '" + u + "'");
    }
  }

  private static ZonedDateTime snap(ZonedDateTime at, String u, String day, String text) {
    if (u.equals("w") && !day.isEmpty()) {
      int d = Integer.parseInt(day) % 7;
      DayOfWeek target = d == 0 ? DayOfWeek.SUNDAY : DayOfWeek.of(d);
      return at.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(target));
    }
    ChronoUnit unit = unit(u, text);
    switch (unit) {
      case WEEKS:
        return at.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
      case MONTHS:
        return at.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case YEARS:
        return at.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
      default:
        return at.truncatedTo(unit);
    }
  }
}
