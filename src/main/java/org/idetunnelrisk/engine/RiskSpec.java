package org.idetunnelrisk.engine;

import java.util.List;

/**
 * What a rule's hits are worth in Risk-Based Alerting: the rule's {@code risk} block, or the default a
 * plain Sigma rule gets from its level.
 *
 * @param message the risk message with {@code $field$} tokens, filled once per hit from the row
 * @param riskObjects who is at risk (field, type, score), one risk event per value found
 * @param threatObjects what the threat is (field, type): parallel multivalue lists on every risk event
 * @param mitreAttack ATT&CK technique ids, e.g. T1219.001
 * @param analyticStories ES analytic stories
 * @param scoreModifiers conditions that raise every risk object's score when they pass
 */
public record RiskSpec(
    String message,
    List<RiskObject> riskObjects,
    List<ThreatObject> threatObjects,
    List<String> mitreAttack,
    List<String> analyticStories,
    List<ScoreModifier> scoreModifiers) {

  /** Highest score a risk event can carry; modifiers never push a score past it. */
  public static final int MAX_SCORE = 100;

  /** Host fields tried, in order, when a rule without a risk block hits. */
  public static final List<String> HOST_FIELDS =
      List.of("dest", "Computer", "ComputerName", "host", "src", "src_ip");

  public RiskSpec {
    riskObjects = List.copyOf(riskObjects);
    threatObjects = List.copyOf(threatObjects);
    mitreAttack = List.copyOf(mitreAttack);
    analyticStories = List.copyOf(analyticStories);
    scoreModifiers = List.copyOf(scoreModifiers);
  }

  /** Risk object types ES knows. */
  public enum ObjectType {
    SYSTEM, USER, OTHER;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A risk object declaration. {@code fields} lists the row fields tried in order (the first with a value
   * wins); a rule's risk block names one field, the level default names {@link #HOST_FIELDS}.
   */
  public record RiskObject(List<String> fields, ObjectType type, int score) {
    public RiskObject {
      fields = List.copyOf(fields);
    }
  }

  /** A threat object declaration: a field and its ES threat object type (process, domain, url...). */
  public record ThreatObject(String field, String type) {}

  /** Adds {@code add} to the score when {@code when} passes; {@code name} is shown to analysts. */
  public record ScoreModifier(String name, int add, Matcher when) {}

  /** Score a Sigma rule without a risk block gets from its level; -1 for an unknown level. */
  public static int scoreForLevel(String level) {
    if (level == null) {
      return 25;
    }
    switch (level.toLowerCase(java.util.Locale.ROOT)) {
      case "informational": return 5;
      case "low": return 15;
      case "medium": return 25;
      case "high": return 50;
      case "critical": return 80;
      default: return -1;
    }
  }

  /** The score modifiers whose conditions hold for {@code row}, in their order. */
  public List<ScoreModifier> passing(Row row) {
    List<ScoreModifier> out = new java.util.ArrayList<>(0);
    for (ScoreModifier m : scoreModifiers) {
      if (m.when().matches(row)) {
        out.add(m);
      }
    }
    return out;
  }

  /** What {@code passing} modifiers add to a score together. */
  public static int bonus(List<ScoreModifier> passing) {
    int sum = 0;
    for (ScoreModifier m : passing) {
      sum += m.add();
    }
    return sum;
  }

  /** The names of {@code passing} modifiers, as risk events list them. */
  public static List<String> names(List<ScoreModifier> passing) {
    return passing.stream().map(ScoreModifier::name).toList();
  }
}
