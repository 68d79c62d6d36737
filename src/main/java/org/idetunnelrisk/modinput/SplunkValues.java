package org.idetunnelrisk.modinput;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks and reads the value syntaxes Splunk admins type into conf files: booleans, index names, relative
 * times, paths, CA files, the TLS host name check. Shared by the modular input and the alert action, so both
 * check a setting alike and say so in the same words. Stateless, thread-safe.
 */
public final class SplunkValues {
  /** The TLS setting naming the CA file, in the input stanza and the alert action alike. */
  public static final String CA_CERT_PATH = "ca_cert_path";
  /** The TLS setting turning verification on or off. */
  public static final String VERIFY_SSL = "verify_ssl";
  /** The TLS setting choosing how the server certificate's names are checked. */
  public static final String SSL_HOSTNAME_CHECK = "ssl_hostname_check";
  /** {@code ssl_hostname_check}: the certificate must name the host (the default). */
  public static final String HOSTNAME_STRICT = "strict";
  /** {@code ssl_hostname_check}: for a loopback server_uri, the chain alone, against the one CA file. */
  public static final String HOSTNAME_LOOPBACK_CHAIN_ONLY = "loopback_chain_only";

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
   * A path parameter: empty when blank; else the path when it is absolute and names a readable file (or, with
   * {@code folder}, a folder), or empty with a problem added that names the key and quotes the value.
   */
  public static Optional<Path> pathParameter(String key, Optional<String> value, boolean folder,
      List<String> problems) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String kind = folder ? "folder" : "file";
    Path path;
    try {
      path = Path.of(value.get());
    } catch (InvalidPathException e) {
      problems.add(key + ": '" + value.get() + "' is not a valid path");
      return Optional.empty();
    }
    if (!path.isAbsolute()) {
      problems.add(key + ": '" + value.get() + "' must be an absolute path to a " + kind);
    } else if (folder ? !Files.isDirectory(path) : !(Files.isRegularFile(path) && Files.isReadable(path))) {
      problems.add(key + ": '" + value.get() + "' is not a readable " + kind);
    } else {
      return Optional.of(path);
    }
    return Optional.empty();
  }

  /**
   * The {@value #CA_CERT_PATH} parameter: as {@link #pathParameter} for a file, which must also hold
   * certificates as the TLS client reads them (PEM blocks, or DER), so a file that does not is refused when the
   * settings are read rather than when the run connects. Empty, with a problem added, when it does not.
   */
  public static Optional<Path> caCertPathParameter(Optional<String> value, List<String> problems) {
    Optional<Path> file = pathParameter(CA_CERT_PATH, value, false, problems);
    if (file.isEmpty()) {
      return file;
    }
    String prefix = CA_CERT_PATH + ": '" + file.get() + "' ";
    try (InputStream in = Files.newInputStream(file.get())) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        problems.add(prefix + "holds no certificate; expected the PEM certificate(s) of the CA that signed"
            + " splunkd's certificate (-----BEGIN CERTIFICATE-----)");
        return Optional.empty();
      }
    } catch (CertificateException e) {
      problems.add(prefix + "is not a PEM file of CA certificates: " + e.getMessage());
      return Optional.empty();
    } catch (IOException e) {
      problems.add(prefix + "cannot be read: " + e.getClass().getSimpleName());
      return Optional.empty();
    }
    return file;
  }

  /**
   * The {@value #SSL_HOSTNAME_CHECK} parameter: true for {@value #HOSTNAME_LOOPBACK_CHAIN_ONLY}, false for
   * {@value #HOSTNAME_STRICT} (the default, when blank). Any other value, or loopback_chain_only with
   * {@code verifySsl} false (which would verify nothing), adds a problem.
   */
  public static boolean hostnameCheckParameter(Optional<String> value, boolean verifySsl, List<String> problems) {
    String v = value.orElse(HOSTNAME_STRICT);
    if (v.equals(HOSTNAME_STRICT)) {
      return false;
    }
    if (!v.equals(HOSTNAME_LOOPBACK_CHAIN_ONLY)) {
      problems.add(SSL_HOSTNAME_CHECK + ": '" + v + "' is not one of " + HOSTNAME_STRICT + ", "
          + HOSTNAME_LOOPBACK_CHAIN_ONLY);
      return false;
    }
    if (!verifySsl) {
      problems.add(SSL_HOSTNAME_CHECK + " = " + HOSTNAME_LOOPBACK_CHAIN_ONLY + " verifies the chain, but "
          + VERIFY_SSL + " is false (nothing is verified): set one or the other");
    }
    return true;
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
