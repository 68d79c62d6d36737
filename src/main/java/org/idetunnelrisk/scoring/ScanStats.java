package org.idetunnelrisk.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.engine.Rule;

/** Counts for a run's summary: per rule and per risk object, plus what could not be attributed. Not thread-safe. */
public final class ScanStats {
  /** Count, total score, and first and last event time of one rule or one risk object. */
  public static final class Tally {
    private long count;
    private long score;
    private double first = Double.NaN;
    private double last = Double.NaN;

    void add(RiskEvent e) {
      count++;
      score += e.riskScore();
      double t = e.time();
      if (!Double.isNaN(t)) {
        first = Double.isNaN(first) ? t : Math.min(first, t);
        last = Double.isNaN(last) ? t : Math.max(last, t);
      }
    }

    /** Epoch seconds of the earliest risk event with a time, or NaN when none had one. */
    public double first() {
      return first;
    }

    /** Epoch seconds of the latest risk event with a time, or NaN when none had one. */
    public double last() {
      return last;
    }

    public long count() {
      return count;
    }

    public long score() {
      return score;
    }
  }

  /** How many examples of unattributed hits are kept for the summary. */
  static final int MAX_EXAMPLES = 5;

  private long records;
  private long hits;
  private long riskEvents;
  private long duplicates;
  private long unattributed;
  private long suppressed;
  private long allowlisted;
  private long correlationRiskEvents;
  private final Map<String, Tally> byRule = new TreeMap<>();
  private final Map<String, Tally> byRiskObject = new TreeMap<>();
  private final Map<String, Long> unattributedByRule = new TreeMap<>();
  private final List<String> unattributedExamples = new ArrayList<>();

  void recordRead() {
    records++;
  }

  void hit() {
    hits++;
  }

  /** Rule hits, attributed or not. */
  public long hits() {
    return hits;
  }

  void recordsSkipped(long n) {
    records += n;
  }

  void riskEvent(String ruleTitle, RiskEvent e) {
    riskEvents++;
    byRule.computeIfAbsent(ruleTitle, k -> new Tally()).add(e);
    byRiskObject.computeIfAbsent(e.riskObjectType() + ":" + e.riskObject(), k -> new Tally()).add(e);
  }

  void correlationRiskEvent() {
    correlationRiskEvents++;
  }

  /** Risk events of correlation results (counted in {@link #riskEvents()} too). */
  public long correlationRiskEvents() {
    return correlationRiskEvents;
  }

  void suppressed(int n) {
    suppressed += n;
  }

  void duplicate() {
    duplicates++;
  }

  void riskEventAllowlisted() {
    allowlisted++;
  }

  /** Risk events an allowlist suppressed (not passed on, not in the tallies). */
  public long allowlisted() {
    return allowlisted;
  }

  void unattributed(Rule rule, String location) {
    unattributed++;
    unattributedByRule.merge(rule.title(), 1L, Long::sum);
    if (unattributedExamples.size() < MAX_EXAMPLES) {
      unattributedExamples.add(location + " (" + rule.title() + ")");
    }
  }

  public long records() {
    return records;
  }

  public long riskEvents() {
    return riskEvents;
  }

  public long duplicates() {
    return duplicates;
  }

  /** Risk objects whose score score modifiers brought to zero or below (no risk event written). */
  public long suppressed() {
    return suppressed;
  }

  public long unattributed() {
    return unattributed;
  }

  /** Rule title to tally, sorted by title. */
  public Map<String, Tally> byRule() {
    return byRule;
  }

  /** {@code type:value} to tally, sorted. */
  public Map<String, Tally> byRiskObject() {
    return byRiskObject;
  }

  public Map<String, Long> unattributedByRule() {
    return unattributedByRule;
  }

  public List<String> unattributedExamples() {
    return unattributedExamples;
  }
}
