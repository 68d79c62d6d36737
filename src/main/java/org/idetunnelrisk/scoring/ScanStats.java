package org.idetunnelrisk.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.engine.Rule;

/**
 * Counts for a run's summary: per rule and per risk object, per input (what was read and whether the rules could
 * evaluate it), plus what could not be attributed. Not thread-safe.
 */
public final class ScanStats {
  /**
   * What one input (a file, an archive member, standard input) gave: its format, the layouts of its records, how
   * many were read (parsed), evaluated, not evaluable (no source or layout recognised and no field a rule tests),
   * and skipped unparsed by a prefilter (no rule can match them).
   */
  public static final class Input {
    /** Field names of the first record that was not evaluable, for the warning: at most this many. */
    public static final int EXAMPLE_FIELDS = 6;
    private String format = "";
    /** Layout labels met, and their counts at the same index: an input has one or two, found by identity first. */
    private String[] layoutNames = new String[0];
    private long[] layoutCounts = new long[0];
    private long read;
    private long evaluated;
    private long prefiltered;
    private List<String> unevaluableFields = List.of();

    /** The reader's format ({@code jsonl}, {@code xml}, {@code zip/csv}...), or empty when not told. */
    public String format() {
      return format;
    }

    /** Records per layout label ({@code native}, {@code winlogbeat}, {@code unknown} for none recognised). */
    public Map<String, Long> layouts() {
      Map<String, Long> m = new TreeMap<>();
      for (int i = 0; i < layoutNames.length; i++) {
        m.put(layoutNames[i], layoutCounts[i]);
      }
      return m;
    }

    private void layout(String label) {
      for (int i = 0; i < layoutNames.length; i++) {
        if (layoutNames[i] == label || layoutNames[i].equals(label)) {
          layoutCounts[i]++;
          return;
        }
      }
      layoutNames = Arrays.copyOf(layoutNames, layoutNames.length + 1);
      layoutCounts = Arrays.copyOf(layoutCounts, layoutCounts.length + 1);
      layoutNames[layoutNames.length - 1] = label;
      layoutCounts[layoutCounts.length - 1] = 1;
    }

    /** Records parsed and normalized. */
    public long read() {
      return read;
    }

    public long evaluated() {
      return evaluated;
    }

    public long notEvaluable() {
      return read - evaluated;
    }

    /** Records a prefilter skipped unparsed (counted in {@link ScanStats#records()}, not in {@link #read()}). */
    public long prefiltered() {
      return prefiltered;
    }

    /** The first few field names of the first record that was not evaluable, in its order; empty when none. */
    public List<String> unevaluableFields() {
      return unevaluableFields;
    }
  }

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
  private final Map<String, Input> byInput = new LinkedHashMap<>();
  /** The input of the last record counted: records come input by input, so one lookup per input mostly. */
  private String lastOrigin;
  private Input lastInput;

  void recordRead() {
    records++;
  }

  /** The tally of the input named {@code origin}, made on first use. */
  Input input(String origin) {
    if (origin != lastOrigin) { // identity first: a reader names all its records with one string
      lastInput = byInput.computeIfAbsent(origin, k -> new Input());
      lastOrigin = origin;
    }
    return lastInput;
  }

  /** Counts one record of {@code origin} read, with its layout label and whether the rules could evaluate it. */
  void recordEvaluated(String origin, String layout, boolean evaluable, Iterable<String> fieldNames) {
    Input in = input(origin);
    in.read++;
    in.layout(layout);
    if (evaluable) {
      in.evaluated++;
    } else if (in.unevaluableFields.isEmpty()) {
      List<String> names = new ArrayList<>(Input.EXAMPLE_FIELDS);
      for (String f : fieldNames) {
        if (names.size() == Input.EXAMPLE_FIELDS) {
          break;
        }
        names.add(f);
      }
      in.unevaluableFields = names;
    }
  }

  void inputFormat(String origin, String format) {
    input(origin).format = format;
  }

  void inputPrefiltered(String origin, long n) {
    input(origin).prefiltered += n;
  }

  /** Per input, in the order they were first met. */
  public Map<String, Input> byInput() {
    return byInput;
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
