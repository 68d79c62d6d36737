package org.idetunnelrisk.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.idetunnelrisk.literal.TagBits;

/**
 * Evaluates compiled rules over rows and turns each hit into risk events.
 *
 * <p>Usage: build once from the loaded rules and the field names to copy into risk events, then call
 * {@link #evaluate(Row)} per row. Immutable and thread-safe; each row is evaluated by one thread.
 *
 * <pre>{@code
 * Engine engine = new Engine(rules, Set.of("dest", "user", "process_name"));
 * for (Hit hit : engine.evaluate(row)) { ... hit.riskEvents() ... }
 * }</pre>
 *
 * <p>For each rule that applies to the row's log source and whose detection passes: the score of each
 * risk object is its declared score plus every passing score modifier (which may be negative), capped at
 * {@link RiskSpec#MAX_SCORE}; a score of zero or less gives no risk event (the hit counts it as suppressed);
 * one risk event is made per distinct risk object value (the same value twice gives one event).
 *
 * <p>Shared literal matching: each rule's necessary condition ({@link Rule#necessary()}) gives the literals
 * one of which a passing row must contain ({@link FieldGate#needs}); the literals of all rules are grouped by field into one
 * {@link FieldGate} per field (tries for whole-value, prefix and suffix literals, an Aho–Corasick automaton
 * for the rest). A row's values of those fields are checked once, marking the rules whose literal occurs,
 * and only marked rules (and rules with no such literal) are evaluated in full. The cost of a row therefore
 * grows with its gated values, not with the number of rules.
 */
public final class Engine {
  private final List<Rule> rules;
  private final List<String> outputFields;
  private final Rule[] ruleArray;
  /** The rules evaluated on every row (their detection has no necessary literal on a field), as {@link TagBits}. */
  private final long ungated0;
  private final long[] ungatedMore;
  private final String[] gateFields;
  /** Numbers {@link #gateFields} 0, 1, ...: rows built with it hold their values by number. */
  private final FieldIndex index;
  private final FieldGate[] gates;

  /**
   * @param rules the compiled rules, evaluated in this order
   * @param outputFields row fields copied into every risk event when present, in this order
   */
  public Engine(List<Rule> rules, List<String> outputFields) {
    this.rules = List.copyOf(rules);
    this.outputFields = List.copyOf(outputFields);
    this.ruleArray = this.rules.toArray(new Rule[0]);
    long u0 = 0;
    long[] uMore = TagBits.moreFor(ruleArray.length);
    Map<String, List<FieldGate.Need>> literals = new LinkedHashMap<>();
    Map<String, List<Integer>> owners = new LinkedHashMap<>();
    for (int i = 0; i < ruleArray.length; i++) {
      List<FieldGate.Need> needs = FieldGate.needs(ruleArray[i].necessary());
      if (needs == null || needs.stream().anyMatch(n -> n.field() == null)) {
        u0 |= TagBits.word0(i);
        uMore = TagBits.addMore(uMore, i);
        continue;
      }
      for (FieldGate.Need n : needs) {
        literals.computeIfAbsent(n.field(), k -> new ArrayList<>()).add(n);
        owners.computeIfAbsent(n.field(), k -> new ArrayList<>()).add(i);
      }
    }
    this.ungated0 = u0;
    this.ungatedMore = uMore;
    this.gateFields = literals.keySet().toArray(new String[0]);
    this.index = new FieldIndex(List.of(gateFields));
    this.gates = new FieldGate[gateFields.length];
    for (int g = 0; g < gateFields.length; g++) {
      gates[g] = FieldGate.of(literals.get(gateFields[g]), owners.get(gateFields[g]));
    }
  }

  public List<Rule> rules() {
    return rules;
  }

  /**
   * The numbers of the fields this engine gates on: build rows with {@link Row#builder(FieldIndex)} and this
   * index so the engine reads those fields by number. Rows built otherwise give the same hits, more slowly.
   */
  public FieldIndex fieldIndex() {
    return index;
  }

  /** The hits of every rule on this row, in rule order; an empty list (not allocated) when none. */
  public List<Hit> evaluate(Row row) {
    List<Hit> hits = null;
    LogSource ls = row.logSource();
    long marked0 = ungated0;
    long[] markedMore = ungatedMore == null ? null : ungatedMore.clone();
    for (int g = 0; g < gates.length; g++) {
      String[] values = row.values(index, g, gateFields[g]);
      for (String v : values) {
        marked0 |= gates[g].mark(v, markedMore);
      }
    }
    int words = markedMore == null ? 1 : markedMore.length + 1;
    for (int w = 0; w < words; w++) {
      for (long bits = w == 0 ? marked0 : markedMore[w - 1]; bits != 0; bits &= bits - 1) {
        Rule rule = ruleArray[(w << 6) + Long.numberOfTrailingZeros(bits)];
        if (!rule.logSource().accepts(ls) || !rule.detection().matches(row)) {
          continue;
        }
        if (hits == null) {
          hits = new ArrayList<>(2);
        }
        hits.add(hit(rule, row));
      }
    }
    return hits == null ? List.of() : hits;
  }

  private Hit hit(Rule rule, Row row) {
    RiskSpec risk = rule.risk();
    List<RiskSpec.ScoreModifier> passing = risk.passing(row);
    int bonus = RiskSpec.bonus(passing);
    List<String> applied = RiskSpec.names(passing);
    List<String> threats = new ArrayList<>();
    List<String> threatTypes = new ArrayList<>();
    for (RiskSpec.ThreatObject t : risk.threatObjects()) {
      Set<String> seen = new HashSet<>();
      for (String v : row.values(t.field())) {
        if (!v.isEmpty() && seen.add(v)) {
          threats.add(v);
          threatTypes.add(t.type());
        }
      }
    }
    boolean perObject = MessageTemplate.namesRiskObject(risk.message());
    String message = perObject ? null : MessageTemplate.fill(risk.message(), row);
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (String f : outputFields) {
      String[] v = row.values(f);
      if (v.length > 0) {
        fields.put(f, List.of(v));
      }
    }
    List<RiskEvent> out = new ArrayList<>(risk.riskObjects().size());
    Set<String> emitted = new HashSet<>();
    int suppressed = 0;
    for (RiskSpec.RiskObject ro : risk.riskObjects()) {
      String[] values = firstValued(row, ro.fields());
      for (String value : values) {
        if (value.isEmpty()) {
          continue;
        }
        String type = ro.type().wireName();
        if (!emitted.add(type + '\u0000' + value)) {
          continue;
        }
        int score = Math.min(RiskSpec.MAX_SCORE, ro.score() + bonus);
        if (score <= 0) {
          suppressed++;
          continue;
        }
        out.add(new RiskEvent(
            stableId(rule.id(), type, value, row.eventKey()),
            row.time(), value, type, score,
            perObject ? MessageTemplate.fill(risk.message(), row, value) : message, threats, threatTypes,
            rule.searchName(), rule.id(), rule.title(),
            risk.mitreAttack(), risk.analyticStories(), applied, fields));
      }
    }
    return new Hit(rule, row, out, suppressed);
  }

  private static String[] firstValued(Row row, List<String> fields) {
    for (String f : fields) {
      if (row.hasValue(f)) {
        return row.values(f);
      }
    }
    return new String[0];
  }

  /** A hex SHA-256 prefix over rule id, risk object type and value, and the source event's key. */
  static String stableId(String ruleId, String type, String value, String eventKey) {
    return StableId.of(ruleId, type, value, eventKey);
  }

}
