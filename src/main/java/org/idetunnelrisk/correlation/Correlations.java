package org.idetunnelrisk.correlation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The correlation rules of a rule set, in evaluation order (a correlation after every correlation it
 * references), and the rules that produce no risk events of their own: those referenced by correlations only
 * with {@code generate: false} (Sigma's default). Immutable and thread-safe.
 */
public final class Correlations {
  /** No correlation rule. */
  public static final Correlations NONE = new Correlations(List.of(), Set.of());

  private final List<CorrelationRule> rules;
  private final Set<String> silent;
  private final Map<String, List<CorrelationRule>> referencing;

  /**
   * @param rules in evaluation order: every rule a correlation references comes before it
   * @param silent ids of rules (base or correlation) whose own results give no risk event
   */
  public Correlations(List<CorrelationRule> rules, Set<String> silent) {
    this.rules = List.copyOf(rules);
    this.silent = Set.copyOf(silent);
    Map<String, List<CorrelationRule>> by = new LinkedHashMap<>();
    for (CorrelationRule c : this.rules) {
      for (String r : c.rules()) {
        List<CorrelationRule> l = by.computeIfAbsent(r, k -> new ArrayList<>());
        if (l.isEmpty() || l.get(l.size() - 1) != c) { // c's references come together: once per rule it names
          l.add(c);
        }
      }
    }
    by.replaceAll((k, v) -> List.copyOf(v));
    this.referencing = Collections.unmodifiableMap(by);
  }

  public List<CorrelationRule> rules() {
    return rules;
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** Whether the rule with this id writes no risk event of its own (it only feeds correlations). */
  public boolean silent(String ruleId) {
    return silent.contains(ruleId);
  }

  public Set<String> silentIds() {
    return silent;
  }

  /** The correlations that reference the rule with this id; empty when none. */
  public List<CorrelationRule> referencing(String ruleId) {
    return referencing.getOrDefault(ruleId, List.of());
  }

  /** The longest timespan of any correlation, in seconds; 0 when there is none. */
  public long longestTimespanSeconds() {
    long max = 0;
    for (CorrelationRule c : rules) {
      max = Math.max(max, c.timespanSeconds());
    }
    return max;
  }
}
