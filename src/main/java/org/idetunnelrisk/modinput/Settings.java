package org.idetunnelrisk.modinput;

import org.idetunnelrisk.spl.Feed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checked settings of one {@code [ide_tunnel_risk://NAME]} stanza, built once by {@link #from} from the
 * stanza's parameters (the same for run mode and {@code --validate-arguments}). A blank value means "use
 * the default" (Splunk Web sends blank fields); unknown and inherited parameters ({@code interval},
 * {@code index}, {@code host}...) are ignored. Every bad value yields one message an admin can act on, and
 * all of them are reported together, joined by {@code "; "}. Defaults are those of {@link Scheme}.
 * Immutable.
 *
 * @param name the input's short name
 * @param feeds the feeds to poll, in the order given, no duplicates
 * @param window earliest time of each poll (relative time)
 * @param lag latest time of each poll (relative time, later than {@code window}, never later than now: its
 *     offsets may not add up to more than zero)
 * @param riskIndex index for risk events
 * @param rulesDir extra rules folder (absolute, existing), if any
 * @param maxRows most rows per feed and poll
 * @param batchSize risk events per write batch (and per pair of checkpoint saves)
 * @param landedCheckDelay seconds allowed for indexing before a risk event in flight that the risk index does
 *     not hold is taken as not written
 * @param dryRun score but do not write risk events
 * @param caCertPath CA file for splunkd's certificate, if any (checked to hold PEM certificates)
 * @param verifySsl verify splunkd's certificate
 * @param loopbackChainOnly {@code ssl_hostname_check = loopback_chain_only}: for a loopback server_uri, verify
 *     the chain against the CA file alone and not the host name
 */
public record Settings(
    String name,
    List<Feed> feeds,
    String window,
    String lag,
    String riskIndex,
    Optional<Path> rulesDir,
    int maxRows,
    int batchSize,
    int landedCheckDelay,
    boolean dryRun,
    Optional<Path> caCertPath,
    boolean verifySsl,
    boolean loopbackChainOnly) {

  public Settings {
    feeds = List.copyOf(feeds);
  }

  /** Checks {@code parameters}; throws a {@link ModularInputException} listing every bad value. */
  public static Settings from(String name, Parameters parameters) {
    Check check = new Check(parameters);
    List<Feed> feeds = check.feeds();
    String window = check.relativeTime(Scheme.WINDOW, Scheme.DEFAULT_WINDOW);
    String lag = check.relativeTime(Scheme.LAG, Scheme.DEFAULT_LAG);
    if (lag != null && SplunkValues.latestOffsetSeconds(lag) > 0) {
      check.problems.add(Scheme.LAG + ": '" + lag + "' can be later than now; a window ending in the future is"
          + " committed before its events arrive, and they are never read. Use a time in the past, e.g. "
          + Scheme.DEFAULT_LAG);
    }
    if (window != null && lag != null && !window.startsWith("@") && !lag.startsWith("@")
        && SplunkValues.leadingOffsetSeconds(window) >= SplunkValues.leadingOffsetSeconds(lag)) {
      check.problems.add(Scheme.WINDOW + ": '" + window + "' must be earlier than " + Scheme.LAG + " '" + lag + "'");
    }
    String riskIndex = check.index();
    Optional<Path> rulesDir = check.path(Scheme.RULES_DIR, true);
    int maxRows = check.wholeNumber(Scheme.MAX_ROWS, Scheme.DEFAULT_MAX_ROWS, Scheme.MAX_MAX_ROWS);
    int batchSize = check.wholeNumber(Scheme.BATCH_SIZE, Scheme.DEFAULT_BATCH_SIZE, Scheme.MAX_BATCH_SIZE);
    int landedCheckDelay = SplunkValues.wholeNumberParameter(Scheme.LANDED_CHECK_DELAY,
        check.value(Scheme.LANDED_CHECK_DELAY), 0, Scheme.MAX_LANDED_CHECK_DELAY, check.problems)
        .orElse(Scheme.DEFAULT_LANDED_CHECK_DELAY);
    boolean dryRun = check.bool(Scheme.DRY_RUN, false);
    Optional<Path> caCert = SplunkValues.caCertPathParameter(check.value(Scheme.CA_CERT_PATH), check.problems);
    boolean verifySsl = check.bool(Scheme.VERIFY_SSL, true);
    boolean loopbackChainOnly =
        SplunkValues.hostnameCheckParameter(check.value(Scheme.SSL_HOSTNAME_CHECK), verifySsl, check.problems);
    if (!check.problems.isEmpty()) {
      throw new ModularInputException(String.join("; ", check.problems));
    }
    return new Settings(Scheme.shortName(name), feeds, window, lag, riskIndex, rulesDir, maxRows, batchSize,
        landedCheckDelay, dryRun, caCert, verifySsl, loopbackChainOnly);
  }

  /** Collects problems while reading values; a bad value reads as null or its default. */
  private static final class Check {
    final Parameters parameters;
    final List<String> problems = new ArrayList<>();

    Check(Parameters parameters) {
      this.parameters = parameters;
    }

    /** The stripped value, or empty when absent or blank. */
    Optional<String> value(String key) {
      return parameters.get(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    List<Feed> feeds() {
      List<String> given = new ArrayList<>();
      for (String value : parameters.values(Scheme.FEEDS)) {
        for (String part : value.split(",", -1)) {
          if (!part.isBlank()) {
            given.add(part.strip());
          }
        }
      }
      if (given.isEmpty()) {
        if (!parameters.values(Scheme.FEEDS).stream().allMatch(String::isBlank)) {
          problems.add(Scheme.FEEDS + ": must name at least one feed; expected any of " + Feed.ids());
          return List.of();
        }
        given.addAll(List.of(Scheme.DEFAULT_FEEDS.split(",")));
      }
      Set<Feed> feeds = new LinkedHashSet<>();
      for (String name : given) {
        Optional<Feed> feed = Feed.byId(name);
        if (feed.isPresent()) {
          feeds.add(feed.get());
        } else {
          problems.add(Scheme.FEEDS + ": '" + name + "' is not a feed; expected one of " + Feed.ids());
        }
      }
      return List.copyOf(feeds);
    }

    String relativeTime(String key, String dflt) {
      String value = value(key).orElse(dflt);
      if (SplunkValues.isRelativeTime(value)) {
        return value;
      }
      problems.add(key + ": '" + value + "' is not a Splunk relative time like " + dflt);
      return null;
    }

    String index() {
      String value = value(Scheme.RISK_INDEX).orElse(Scheme.DEFAULT_RISK_INDEX);
      if (!SplunkValues.isIndexName(value)) {
        problems.add(Scheme.RISK_INDEX + ": '" + value
            + "' is not an index name; use lower-case letters, digits, _ and -, e.g. risk");
      }
      return value;
    }

    /** A whole number from 1 to {@code max}; {@code dflt} when blank or bad. */
    int wholeNumber(String key, int dflt, int max) {
      return SplunkValues.wholeNumberParameter(key, value(key), max, problems).orElse(dflt);
    }

    boolean bool(String key, boolean dflt) {
      return SplunkValues.boolParameter(key, value(key), dflt, problems);
    }

    Optional<Path> path(String key, boolean folder) {
      return SplunkValues.pathParameter(key, value(key), folder, problems);
    }
  }
}
