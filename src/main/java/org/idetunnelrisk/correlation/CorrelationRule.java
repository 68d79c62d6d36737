package org.idetunnelrisk.correlation;

import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.RiskSpec;

/**
 * One compiled Sigma correlation rule. Built by the rule loader, evaluated by {@link Correlator}.
 *
 * @param id the Sigma {@code id}
 * @param title the Sigma {@code title}
 * @param searchName the name its risk events carry in {@code search_name}
 * @param level the Sigma level, lower case
 * @param type the correlation type
 * @param rules the ids of the rules (base rules or correlations) it correlates, in the order written
 * @param groupBy the {@code group-by} fields, each with the row fields it reads per rule
 * @param timespanSeconds the {@code timespan}, in seconds (at least 1)
 * @param condition the condition on the count; for temporal types, on the number of distinct rules seen
 * @param valueField for {@code value_count}: the field whose distinct values are counted; null otherwise
 * @param risk what a result is worth: the rule's {@code risk:} block, or the default made from its level
 * @param origin the rule file, for messages
 */
public record CorrelationRule(
    String id,
    String title,
    String searchName,
    String level,
    Type type,
    List<String> rules,
    List<GroupField> groupBy,
    long timespanSeconds,
    CountCondition condition,
    GroupField valueField,
    RiskSpec risk,
    String origin) {

  public CorrelationRule {
    rules = List.copyOf(rules);
    groupBy = List.copyOf(groupBy);
  }

  /** The four Sigma correlation types. */
  public enum Type {
    EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED;

    /** The name as Sigma writes it: {@code event_count}... */
    public String sigmaName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A {@code group-by} field (or the {@code value_count} field): its name as the correlation writes it, its
   * canonical name (the field table's; a result carries the value under both), the row fields read for hits
   * of any rule ({@code fields}, tried in order: the first with a value wins), and for some rules other fields
   * ({@code aliases}, by rule id).
   */
  public record GroupField(String name, String canonical, List<String> fields, Map<String, List<String>> perRule) {
    public GroupField {
      fields = List.copyOf(fields);
      perRule = Map.copyOf(perRule);
    }

    /** The row fields read for hits of rule {@code ruleId}. */
    public List<String> fieldsFor(String ruleId) {
      return perRule.getOrDefault(ruleId, fields);
    }
  }
}
