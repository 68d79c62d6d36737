package org.idetunnelrisk.engine;

import java.util.Objects;

/**
 * One compiled detection rule. Built by the rule loader, evaluated by {@link Engine}. Its necessary
 * condition ({@link #necessary()}) is derived once, when the rule is built, and read by everything that
 * skips work before evaluating it (SPL pushdown, the engine's gates, the byte prefilters). Immutable and
 * thread-safe; equal when every part given to the constructor is equal, as for a record.
 */
public final class Rule {
  private final String id;
  private final String title;
  private final String searchName;
  private final String level;
  private final LogSource logSource;
  private final Matcher detection;
  private final RiskSpec risk;
  private final String origin;
  private final String description;
  private final Necessary necessary;

  /**
   * @param id the Sigma {@code id} (a UUID)
   * @param title the Sigma {@code title}
   * @param searchName the name risk events carry in {@code search_name} and {@code source}
   * @param level the Sigma level, lower case
   * @param logSource which rows the rule applies to
   * @param detection the compiled detection and condition
   * @param risk what a hit is worth
   * @param origin where the rule came from (file), for messages
   * @param description the Sigma {@code description}, or empty (null reads as empty)
   */
  public Rule(String id, String title, String searchName, String level, LogSource logSource, Matcher detection,
      RiskSpec risk, String origin, String description) {
    this.id = id;
    this.title = title;
    this.searchName = searchName;
    this.level = level;
    this.logSource = logSource;
    this.detection = detection;
    this.risk = risk;
    this.origin = origin;
    this.description = description == null ? "" : description;
    this.necessary = Necessary.of(detection);
  }

  /** A rule without a description. */
  public Rule(String id, String title, String searchName, String level, LogSource logSource, Matcher detection,
      RiskSpec risk, String origin) {
    this(id, title, searchName, level, logSource, detection, risk, origin, "");
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public String searchName() {
    return searchName;
  }

  public String level() {
    return level;
  }

  public LogSource logSource() {
    return logSource;
  }

  public Matcher detection() {
    return detection;
  }

  public RiskSpec risk() {
    return risk;
  }

  public String origin() {
    return origin;
  }

  public String description() {
    return description;
  }

  /** The detection's necessary condition, derived once from {@link #detection()}. */
  public Necessary necessary() {
    return necessary;
  }

  /** Search names follow ESCU's pattern so ES users recognise them. */
  public static String searchNameFor(String title) {
    return "IDE Tunnel Risk - " + title + " - Rule";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rule r && Objects.equals(id, r.id) && Objects.equals(title, r.title)
        && Objects.equals(searchName, r.searchName) && Objects.equals(level, r.level)
        && Objects.equals(logSource, r.logSource) && Objects.equals(detection, r.detection)
        && Objects.equals(risk, r.risk) && Objects.equals(origin, r.origin) && description.equals(r.description);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, title, searchName, level, logSource, detection, risk, origin, description);
  }

  @Override
  public String toString() {
    return "Rule[id=" + id + ", title=" + title + ", origin=" + origin + "]";
  }
}
