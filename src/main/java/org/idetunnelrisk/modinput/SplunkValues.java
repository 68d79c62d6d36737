package org.idetunnelrisk.modinput;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks and reads the value syntaxes Splunk admins type into conf files: booleans, index names, relative
 * times. Shared by the modular input and the alert action. Stateless, thread-safe.
 */
public final class SplunkValues {
  private static final String UNIT =
      "(?:seconds|second|secs|sec|s|minutes|minute|mins|min|months|month|mon|m|hours|hour|hrs|hr|h|days|day|d"
          + "|weeks|week|w|quarters|quarter|qtrs|qtr|q|years|year|yrs|yr|y)";
  private static final Pattern RELATIVE_TIME = Pattern.compile(
      "(?:[+-]\\d{0,9}" + UNIT + ")?(?:@(?:" + UNIT + "|w[0-7]))?(?:[+-]\\d{0,9}" + UNIT + ")*");
  private static final Pattern LEADING_OFFSET = Pattern.compile("^([+-])(\\d{0,9})(" + UNIT + ")");
  private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{0,9})(" + UNIT + ")");
  private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,79}");

  private SplunkValues() {}

  /** Splunk's boolean words (1/0, true/false, t/f, yes/no, y/n, on/off, any case); empty when not one. */
  public static Optional<Boolean> bool(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "1", "true", "t", "yes", "y", "on" -> Optional.of(true);
      case "0", "false", "f", "no", "n", "off" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  /**
   * A boolean parameter: {@code dflt} when blank, the value when it is one of Splunk's boolean words, else
   * {@code dflt} with a problem added that names the key and quotes the value.
   */
  public static boolean boolParameter(String key, Optional<String> value, boolean dflt, List<String> problems) {
    if (value.isEmpty()) {
      return dflt;
    }
    Optional<Boolean> parsed = bool(value.get());
    if (parsed.isEmpty()) {
      problems.add(key + ": must be true or false (or 1 or 0) but was '" + value.get() + "'");
      return dflt;
    }
    return parsed.get();
  }

  /**
   * A whole-number parameter from 1 to {@code max}: empty when blank; else the number, or empty with a problem
   * added that names the key, the range and the value.
   */
  public static OptionalInt wholeNumberParameter(String key, Optional<String> value, int max, List<String> problems) {
    return wholeNumberParameter(key, value, 1, max, problems);
  }

  /** As {@link #wholeNumberParameter(String, Optional, int, List)}, from {@code min} to {@code max}. */
  public static OptionalInt wholeNumberParameter(String key, Optional<String> value, int min, int max,
      List<String> problems) {
    if (value.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      int n = Integer.parseInt(value.get());
      if (n >= min && n <= max) {
        return OptionalInt.of(n);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(key + ": must be a whole number from " + min + " to " + max + " but was '" + value.get() + "'");
    return OptionalInt.empty();
  }

  /**
   * True for Splunk relative times such as {@code -70m@m}, {@code -1d@d+6h}, {@code @w1}, {@code now}:
   * an optional signed offset, an optional {@code @} snap, then further offsets.
   */
  public static boolean isRelativeTime(String text) {
    String t = text.strip();
    if (t.equals("now")) {
      return true;
    }
    return !t.isEmpty() && (t.startsWith("-") || t.startsWith("+") || t.startsWith("@"))
        && RELATIVE_TIME.matcher(t).matches();
  }

  /**
   * The leading offset of a relative time in seconds (months 30 days, quarters 91, years 365): {@code -70m@m}
   * gives -4200, {@code now} and {@code @d} give 0. Only call with {@link #isRelativeTime} values.
   */
  public static long leadingOffsetSeconds(String text) {
    Matcher m = LEADING_OFFSET.matcher(text.strip());
    return m.find() ? offsetSeconds(m) : 0;
  }

  /**
   * How far past now a relative time can lie, in seconds: the sum of its offsets, since a snap only ever moves
   * the time earlier ({@code +30m} gives 1800, {@code @h+30m} 1800 (in the first half of each hour it is
   * later than now), {@code -10m@m} -600, {@code now} 0). Months count 30 days, quarters 91, years 365. Only
   * call with {@link #isRelativeTime} values.
   */
  public static long latestOffsetSeconds(String text) {
    Matcher m = OFFSET.matcher(text.strip());
    long sum = 0;
    while (m.find()) {
      sum += offsetSeconds(m);
    }
    return sum;
  }

  private static long offsetSeconds(Matcher m) {
    long amount = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
    long sign = m.group(1).equals("-") ? -1 : 1;
    return sign * amount * unitSeconds(m.group(3));
  }

  private static long unitSeconds(String unit) {
    if (unit.startsWith("mon")) {
      return 30L * 86_400;
    }
    return switch (unit.charAt(0)) {
      case 's' -> 1;
      case 'm' -> 60;
      case 'h' -> 3_600;
      case 'd' -> 86_400;
      case 'w' -> 7L * 86_400;
      case 'q' -> 91L * 86_400;
      default -> 365L * 86_400;
    };
  }

  /** True for names an admin may give an event index: lower-case letters, digits, _ and -, not leading _. */
  public static boolean isIndexName(String text) {
    return INDEX_NAME.matcher(text).matches();
  }
}
