package org.idetunnelrisk.engine;

/**
 * One compiled detection rule. Built by the rule loader, evaluated by {@link Engine}.
 *
 * @param id the Sigma {@code id} (a UUID)
 * @param title the Sigma {@code title}
 * @param searchName the name risk events carry in {@code search_name} and {@code source}
 * @param level the Sigma level, lower case
 * @param logSource which rows the rule applies to
 * @param detection the compiled detection and condition
 * @param risk what a hit is worth
 * @param origin where the rule came from (file), for messages
 * @param description the Sigma {@code description}, or empty
 */
public record Rule(
    String id,
    String title,
    String searchName,
    String level,
    LogSource logSource,
    Matcher detection,
    RiskSpec risk,
    String origin,
    String description) {

  public Rule {
    description = description == null ? "" : description;
  }

  /** A rule without a description. */
  public Rule(String id, String title, String searchName, String level, LogSource logSource, Matcher detection,
      RiskSpec risk, String origin) {
    this(id, title, searchName, level, logSource, detection, risk, origin, "");
  }

  /** Search names follow ESCU's pattern so ES users recognise them. */
  public static String searchNameFor(String title) {
    return "IDE Tunnel Risk - " + title + " - Rule";
  }
}
