package org.idetunnelrisk.correlation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.idetunnelrisk.engine.Hit;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.engine.RiskSpec;
import org.idetunnelrisk.engine.Row;

/**
 * Evaluates correlation rules over the hits of the rules they reference, and emits each correlation result
 * as risk events.
 *
 * <p>Usage: one per run (or per modular input, carried across polls by {@link #snapshot()} and
 * {@link #restore}); {@link #accept(Hit)} every hit, in any order; {@link #advance()} after a batch (a poll)
 * and {@link #finish()} at the end of input (offline). Each returns the results to write. Not thread-safe.
 *
 * <p><b>Windows.</b> Per correlation, hits are grouped by their {@code group-by} values (a hit lacking one is
 * not correlated: counted in {@link Counts#ungrouped}). A window is a group's events whose times lie within
 * {@code timespan} of its first event. A condition with no upper bound ({@code gte}, {@code gt}, and the
 * temporal types) is decided when a hit arrives: of the windows that hold the new hit, the earliest that
 * satisfies the condition is the result. A condition with an upper bound ({@code lt}, {@code lte},
 * {@code eq}) is decided when the window anchored at the group's oldest held event is closed (the newest time
 * seen has passed its end plus the allowed lateness, or {@link #finish()}): it is a result if it satisfies the
 * condition; either way its events are done with, and the next window starts at the next event (windows follow
 * each other, so three events in an hour are never "fewer than three" because a later hour holds two). A
 * result's events are used up:
 * they give no second result (the group starts afresh with its other events). {@code temporal_ordered} needs
 * an event of each rule at non-decreasing times in the order the rules are written: events of the same time
 * (to the precision the sources give) count as in either order, whatever order they arrive in, since the
 * specification's "appear in the order" cannot be told apart for them.
 *
 * <p><b>Out-of-order input and its bound.</b> The watermark is the newest event time seen. A hit older than
 * {@code watermark - timespan - lateness} is too late: not correlated, counted in {@link Counts#late}. Held
 * events, and the memory of events already used, are dropped at the same age, so a hit that arrives up to
 * {@code lateness} after newer ones still finds every event of its timespan. Offline ({@link Settings#OFFLINE})
 * the lateness is unbounded: files may hold their events in any order, and state lasts to the end of input.
 *
 * <p><b>Memory.</b> State holds, per correlation and group, the events not yet used and the ids of those seen
 * (so an event delivered twice, by overlapping polls, counts once), and the ids of results emitted (so a
 * result found twice is written once), all dropped as above. At most {@link Settings#maxHeldEvents} events
 * are held in all: past it, after dropping what has expired, a new hit is not correlated and is counted in
 * {@link Counts#overCap}, which callers report.
 *
 * <p><b>Results.</b> A result's risk events follow the correlation's {@link RiskSpec} (its {@code risk:}
 * block, or the level default) filled from the group's values, and carry the contributing events' threat
 * objects (at most {@link #MAX_THREATS}), their rule ids and times ({@code contributing_rule_id},
 * {@code contributing_time}), and a stable id: the correlation, the risk object and the contributing events'
 * ids, so the same events always give the same id. The result time is its newest event's. A correlation
 * referenced by other correlations passes each result on to them; a silent one writes nothing itself.
 */
public final class Correlator {
  /** At most this many distinct threat objects are carried by one result's risk events. */
  public static final int MAX_THREATS = 100;

  /**
   * How a correlator bounds its state.
   *
   * @param latenessSeconds how long after newer events an event may still arrive and be correlated; may be
   *     {@link Double#POSITIVE_INFINITY} (nothing expires before {@link #finish()})
   * @param maxHeldEvents at most this many events held across all correlations and groups
   */
  public record Settings(double latenessSeconds, int maxHeldEvents) {
    /** Default lateness of live evaluation (the modular input): 10 minutes. */
    public static final double DEFAULT_LATENESS_SECONDS = 600;
    /** Default cap on held events: one million (about 200 MB at worst). */
    public static final int DEFAULT_MAX_HELD_EVENTS = 1_000_000;
    /**
     * Live: {@value #DEFAULT_LATENESS_SECONDS} s of lateness, {@value #DEFAULT_MAX_HELD_EVENTS} events. (The
     * modular input, whose state is saved in one checkpoint record, holds fewer: its own settings.)
     */
    public static final Settings LIVE = new Settings(DEFAULT_LATENESS_SECONDS, DEFAULT_MAX_HELD_EVENTS);
    /** Offline ({@code scan}, the alert action): any order, {@value #DEFAULT_MAX_HELD_EVENTS} events. */
    public static final Settings OFFLINE = new Settings(Double.POSITIVE_INFINITY, DEFAULT_MAX_HELD_EVENTS);

    public Settings {
      if (!(latenessSeconds >= 0)) {
        throw new IllegalArgumentException("lateness must be 0 or more seconds but was " + latenessSeconds);
      }
      if (maxHeldEvents < 1) {
        throw new IllegalArgumentException("maxHeldEvents must be at least 1 but was " + maxHeldEvents);
      }
    }
  }

  /** One risk event of a correlation result, with the correlation that gave it. */
  public record Result(CorrelationRule rule, RiskEvent event) {}

  /**
   * What the correlator did not correlate, and how much it holds: hits without time, without a group-by
   * value, too late, past the cap, delivered again; results found; events held now.
   */
  public record Counts(long untimed, long ungrouped, long late, long overCap, long redelivered, long results,
      long held) {}

  private final Correlations correlations;
  private final Settings settings;
  private final Map<String, State> states = new LinkedHashMap<>();
  private final Map<String, List<State>> byRule = new HashMap<>();
  /** Per rule a correlation names, the row fields any of them reads from its hits ({@link #retained}). */
  private final Map<String, List<String>> readFields = new HashMap<>();
  /** Result risk event ids written, with their time, so a result found again is not written twice. */
  private final Map<String, Double> emitted = new LinkedHashMap<>();
  private double watermark = Double.NEGATIVE_INFINITY;
  private double lastSweep = Double.NEGATIVE_INFINITY;
  private final double sweepEvery;
  private long held;
  private long untimed;
  private long ungrouped;
  private long late;
  private long overCap;
  private long redelivered;
  private long results;

  public Correlator(Correlations correlations, Settings settings) {
    this.correlations = correlations;
    this.settings = settings;
    long shortest = Long.MAX_VALUE;
    for (CorrelationRule c : correlations.rules()) {
      State s = new State(c, correlations.silent(c.id()));
      states.put(c.id(), s);
      shortest = Math.min(shortest, c.timespanSeconds());
    }
    for (State s : states.values()) {
      for (String r : new LinkedHashSet<>(s.rule.rules())) {
        byRule.computeIfAbsent(r, k -> new ArrayList<>()).add(s);
      }
      for (CorrelationRule p : correlations.referencing(s.rule.id())) {
        s.parents.add(states.get(p.id()));
      }
    }
    byRule.forEach((ruleId, targets) -> {
      Set<String> fields = new LinkedHashSet<>();
      for (State s : targets) {
        s.rule.groupBy().forEach(g -> fields.addAll(g.fieldsFor(ruleId)));
        if (s.rule.valueField() != null) {
          fields.addAll(s.rule.valueField().fieldsFor(ruleId));
        }
      }
      readFields.put(ruleId, List.copyOf(fields));
    });
    // sweeping every half of the shortest timespan keeps state within 1.5 timespans plus lateness
    this.sweepEvery = shortest == Long.MAX_VALUE ? 1 : Math.max(1, shortest / 2.0);
  }

  public Correlations correlations() {
    return correlations;
  }

  /** Whether any correlation references the rule with this id. */
  public boolean correlates(String ruleId) {
    return byRule.containsKey(ruleId);
  }

  public Counts counts() {
    return new Counts(untimed, ungrouped, late, overCap, redelivered, results, held);
  }

  /** Takes one hit; returns the results it completes (empty when none or when no correlation needs it). */
  public List<Result> accept(Hit hit) {
    List<State> targets = byRule.get(hit.rule().id());
    if (targets == null) {
      return List.of();
    }
    Row row = hit.row();
    double t = row.time();
    if (Double.isNaN(t)) {
      untimed++;
      return List.of();
    }
    List<Result> out = new ArrayList<>(0);
    if (t > watermark) {
      watermark = t;
      if (settings.latenessSeconds() != Double.POSITIVE_INFINITY && watermark >= lastSweep + sweepEvery) {
        sweep(false, out);
      }
    }
    String eventId = Ids.digest(row.eventKey());
    List<String> threats = new ArrayList<>(2);
    List<String> types = new ArrayList<>(2);
    for (RiskSpec.ThreatObject to : hit.rule().risk().threatObjects()) {
      for (String v : row.values(to.field())) {
        if (!v.isEmpty()) {
          addThreat(threats, types, v, to.type());
        }
      }
    }
    List<Basis> basis = List.of(new Basis(hit.rule().id(), t));
    Function<String, String> lookup = f -> {
      for (String v : row.values(f)) {
        if (!v.isEmpty()) {
          return v;
        }
      }
      return null;
    };
    for (State s : targets) {
      offer(s, hit.rule().id(), t, eventId, lookup, List.copyOf(threats), List.copyOf(types), basis, out);
    }
    return out;
  }

  /**
   * Decides the windows the watermark has closed and drops expired state; call after each batch of hits
   * (each poll). Returns the results found.
   */
  public List<Result> advance() {
    List<Result> out = new ArrayList<>(0);
    sweep(false, out);
    return out;
  }

  /**
   * As {@link #advance()}, after a batch that holds every event up to {@code time} (a poll read its window up
   * to there): the watermark moves to {@code time} when that is newer than the newest event, so state expires
   * as time passes even while no event comes.
   */
  public List<Result> advanceTo(double time) {
    if (time > watermark) {
      watermark = time;
    }
    return advance();
  }

  /**
   * The hit as this correlator reads it, to hold until it is {@link #accept accepted} (a caller that gathers
   * the hits of several feeds to accept them oldest first): its rule and a row of its time, event key and the
   * fields the correlations read (group-by, value and threat-object fields) only, not the whole event. Null when
   * no correlation names the rule.
   */
  public Hit retained(Hit hit) {
    List<String> fields = readFields.get(hit.rule().id());
    if (fields == null) {
      return null;
    }
    Row row = hit.row();
    Row.Builder b = Row.builder().time(row.time()).eventKey(row.eventKey());
    for (String f : fields) {
      b.put(f, List.of(row.values(f)));
    }
    for (RiskSpec.ThreatObject to : hit.rule().risk().threatObjects()) {
      b.put(to.field(), List.of(row.values(to.field())));
    }
    return new Hit(hit.rule(), b.build(), List.of(), 0);
  }

  /** End of input: decides every open window (as if the watermark were at infinity). Returns the results. */
  public List<Result> finish() {
    List<Result> out = new ArrayList<>(0);
    sweep(true, out);
    return out;
  }

  // ---- evaluation ----

  private void offer(State s, String ruleId, double t, String eventId, Function<String, String> lookup,
      List<String> threats, List<String> types, List<Basis> basis, List<Result> out) {
    CorrelationRule c = s.rule;
    if (t < watermark - c.timespanSeconds() - settings.latenessSeconds()) {
      late++;
      return;
    }
    List<String> values = new ArrayList<>(c.groupBy().size());
    for (CorrelationRule.GroupField g : c.groupBy()) {
      String v = first(lookup, g.fieldsFor(ruleId));
      if (v == null) {
        ungrouped++;
        return;
      }
      values.add(v);
    }
    String value = c.valueField() == null ? null : first(lookup, c.valueField().fieldsFor(ruleId));
    String key = values.size() == 1 ? values.get(0) : String.join("\u0000", values);
    Group g = s.groups.get(key);
    if (g == null) {
      g = new Group(List.copyOf(values), s.rank);
      s.groups.put(key, g);
    }
    String seenKey = ruleId + '\u0000' + eventId;
    if (g.seen.containsKey(seenKey)) {
      redelivered++;
      return;
    }
    if (held >= settings.maxHeldEvents()) {
      sweep(false, out);
      if (held >= settings.maxHeldEvents()) {
        overCap++;
        return;
      }
      g = s.groups.computeIfAbsent(key, k -> new Group(List.copyOf(values), s.rank));
    }
    Held h = new Held(ruleId, t, eventId, value, threats, types, basis);
    g.seen.put(seenKey, t);
    g.oldest = Math.min(g.oldest, t);
    held++;
    g.insert(h);
    if (c.condition().eager()) {
      List<Held> window = eagerWindow(c, g, h);
      if (window != null) {
        fire(s, g, window, out);
      }
    }
  }

  private static String first(Function<String, String> lookup, List<String> fields) {
    for (String f : fields) {
      String v = lookup.apply(f);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /**
   * The earliest window holding {@code h} that satisfies the condition, or null. Windows holding {@code h} are
   * anchored at events in {@code [h.time - timespan, h.time]}; the anchor and the window's end move right
   * together, the window's count kept as they go, so the cost is linear in the events of
   * {@code [h.time - timespan, h.time + timespan]} (temporal_ordered: times the events of its first rule).
   */
  private static List<Held> eagerWindow(CorrelationRule c, Group g, Held h) {
    List<Held> live = g.live;
    long span = c.timespanSeconds();
    int start = g.lowerBound(h.time - span);
    int endAll = g.upperBound(h.time + span);
    int at = start;
    while (live.get(at) != h) {
      at++;
    }
    Map<String, Integer> counts = new HashMap<>();
    int j = start;
    for (int i = start; i <= at; i++) {
      Held a = live.get(i);
      double end = a.time + span;
      while (j < endAll && live.get(j).time <= end) {
        add(counts, key(c, live.get(j)), 1);
        j++;
      }
      if (j > at) {
        boolean ok;
        if (c.type() == CorrelationRule.Type.TEMPORAL_ORDERED) {
          ok = a.rule.equals(c.rules().get(0)) && ordered(c.rules(), live, i, j);
        } else {
          ok = c.condition().test(measure(c, counts, j - i));
        }
        if (ok) {
          return new ArrayList<>(live.subList(i, j));
        }
      }
      add(counts, key(c, a), -1);
    }
    return null;
  }

  /** What a window counts: events (event_count), distinct values (value_count) or distinct rules. */
  private static String key(CorrelationRule c, Held e) {
    switch (c.type()) {
      case VALUE_COUNT:
        return e.value;
      case EVENT_COUNT:
        return "";
      default:
        return e.rule;
    }
  }

  private static void add(Map<String, Integer> counts, String k, int d) {
    if (k == null) {
      return;
    }
    counts.merge(k, d, (a, b) -> a + b == 0 ? null : a + b);
  }

  private static long measure(CorrelationRule c, Map<String, Integer> counts, int events) {
    return c.type() == CorrelationRule.Type.EVENT_COUNT ? events : counts.size();
  }

  /** Whether live[from, to) holds an event of each rule, in order of the rules, at non-decreasing times. */
  private static boolean ordered(List<String> rules, List<Held> live, int from, int to) {
    int next = 0;
    for (int k = from; k < to && next < rules.size(); k++) {
      if (live.get(k).rule.equals(rules.get(next))) {
        next++;
      }
    }
    return next == rules.size();
  }

  /**
   * Closes windows (every window when {@code all}; else those the watermark has passed by timespan plus
   * lateness), then drops expired events, memory of seen events and emitted ids, and empty groups.
   */
  private void sweep(boolean all, List<Result> out) {
    lastSweep = watermark;
    double lateness = settings.latenessSeconds();
    for (State s : states.values()) {
      CorrelationRule c = s.rule;
      double horizon = watermark - c.timespanSeconds() - lateness;
      for (var it = s.groups.values().iterator(); it.hasNext(); ) {
        Group g = it.next();
        if (!c.condition().eager()) {
          closeWindows(s, g, all, lateness, out);
        }
        // a group whose oldest event is inside the horizon has nothing to drop: one comparison, no iteration
        if (horizon > Double.NEGATIVE_INFINITY && g.oldest < horizon) {
          int drop = g.lowerBound(horizon);
          if (drop > 0) {
            g.live.subList(0, drop).clear();
          }
          int before = g.seen.size();
          g.seen.values().removeIf(t -> t < horizon);
          held -= before - g.seen.size();
          g.oldest = Double.POSITIVE_INFINITY;
          for (double t : g.seen.values()) {
            g.oldest = Math.min(g.oldest, t);
          }
        }
        if (g.live.isEmpty() && (g.seen.isEmpty() || all)) {
          held -= g.seen.size();
          it.remove();
        }
      }
    }
    double oldest = watermark - correlations.longestTimespanSeconds() - lateness;
    if (oldest > Double.NEGATIVE_INFINITY) {
      emitted.values().removeIf(t -> t < oldest);
    }
  }

  private void closeWindows(State s, Group g, boolean all, double lateness, List<Result> out) {
    CorrelationRule c = s.rule;
    long span = c.timespanSeconds();
    while (!g.live.isEmpty()) {
      Held a = g.live.get(0);
      if (!all && !(watermark >= a.time + span + lateness)) {
        return;
      }
      int end = g.upperBound(a.time + span);
      Map<String, Integer> counts = new HashMap<>();
      for (int k = 0; k < end; k++) {
        add(counts, key(c, g.live.get(k)), 1);
      }
      if (c.condition().test(measure(c, counts, end))) {
        fire(s, g, new ArrayList<>(g.live.subList(0, end)), out);
      } else {
        g.live.subList(0, end).clear();
      }
    }
  }

  /** A result: uses up its events, passes it to the correlations above, and writes it unless silent. */
  private void fire(State s, Group g, List<Held> window, List<Result> out) {
    CorrelationRule c = s.rule;
    Set<Held> used = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    used.addAll(window);
    g.live.removeIf(used::contains);
    List<String> eventIds = new ArrayList<>(window.size());
    List<Basis> basis = new ArrayList<>();
    List<String> threats = new ArrayList<>();
    List<String> types = new ArrayList<>();
    Set<String> values = new LinkedHashSet<>();
    double time = Double.NEGATIVE_INFINITY;
    for (Held e : window) {
      eventIds.add(e.rule + '\u0000' + e.eventId);
      basis.addAll(e.basis);
      for (int k = 0; k < e.threats.size(); k++) {
        addThreat(threats, types, e.threats.get(k), e.types.get(k));
      }
      if (e.value != null) {
        values.add(e.value);
      }
      time = Math.max(time, e.time);
    }
    eventIds.sort(null);
    basis.sort((x, y) -> x.time != y.time ? Double.compare(x.time, y.time) : x.rule.compareTo(y.rule));
    String contentId = Ids.digest(c.id() + '\u0001' + String.join("\u0001", eventIds));
    Map<String, String> group = new LinkedHashMap<>();
    for (int k = 0; k < c.groupBy().size(); k++) {
      CorrelationRule.GroupField f = c.groupBy().get(k);
      group.put(f.name(), g.values.get(k));
      group.put(f.canonical(), g.values.get(k));
    }
    for (State p : s.parents) {
      offer(p, c.id(), time, contentId, group::get, List.copyOf(threats), List.copyOf(types), List.copyOf(basis), out);
    }
    if (s.silent) {
      return;
    }
    results++;
    for (RiskEvent e : riskEvents(c, group, values, time, contentId, threats, types, basis)) {
      if (emitted.putIfAbsent(e.id(), time) == null) {
        out.add(new Result(c, e));
      }
    }
  }

  private static List<RiskEvent> riskEvents(CorrelationRule c, Map<String, String> group, Set<String> values,
      double time, String contentId, List<String> threats, List<String> types, List<Basis> basis) {
    Row.Builder b = Row.builder().time(time);
    group.forEach(b::add);
    if (c.valueField() != null) {
      b.put(c.valueField().canonical(), new ArrayList<>(values));
    }
    Row row = b.build();
    RiskSpec risk = c.risk();
    List<RiskSpec.ScoreModifier> passing = risk.passing(row);
    int bonus = RiskSpec.bonus(passing);
    List<String> applied = RiskSpec.names(passing);
    List<String> allThreats = new ArrayList<>(threats);
    List<String> allTypes = new ArrayList<>(types);
    for (RiskSpec.ThreatObject to : risk.threatObjects()) {
      for (String v : row.values(to.field())) {
        if (!v.isEmpty()) {
          addThreat(allThreats, allTypes, v, to.type());
        }
      }
    }
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (CorrelationRule.GroupField f : c.groupBy()) {
      fields.put(f.canonical(), List.of(group.get(f.canonical())));
    }
    if (c.valueField() != null) {
      fields.put(c.valueField().canonical(), List.copyOf(values));
    }
    fields.put("correlation_type", List.of(c.type().sigmaName()));
    List<String> ruleIds = new ArrayList<>(basis.size());
    List<String> times = new ArrayList<>(basis.size());
    for (Basis x : basis) {
      ruleIds.add(x.rule);
      times.add(Ids.seconds(x.time));
    }
    fields.put("contributing_rule_id", ruleIds);
    fields.put("contributing_time", times);
    String message = org.idetunnelrisk.engine.MessageTemplate.fill(risk.message(), row);
    List<RiskEvent> out = new ArrayList<>(risk.riskObjects().size());
    Set<String> seen = new HashSet<>();
    for (RiskSpec.RiskObject ro : risk.riskObjects()) {
      String value = null;
      for (String f : ro.fields()) {
        if (row.hasValue(f)) {
          value = row.first(f);
          break;
        }
      }
      String type = ro.type().wireName();
      if (value == null || value.isEmpty() || !seen.add(type + '\u0000' + value)) {
        continue;
      }
      int score = Math.min(RiskSpec.MAX_SCORE, ro.score() + bonus);
      if (score <= 0) {
        continue;
      }
      out.add(new RiskEvent(Ids.digest(c.id(), type, value, contentId), time, value, type, score, message,
          allThreats, allTypes, c.searchName(), c.id(), c.title(), risk.mitreAttack(), risk.analyticStories(),
          applied, fields));
    }
    return out;
  }

  private static void addThreat(List<String> values, List<String> types, String v, String type) {
    if (values.size() >= MAX_THREATS) {
      return;
    }
    for (int k = 0; k < values.size(); k++) {
      if (values.get(k).equals(v) && types.get(k).equals(type)) {
        return;
      }
    }
    values.add(v);
    types.add(type);
  }

  // ---- snapshot ----

  /**
   * The state as plain data a caller may write as JSON: maps with string keys, lists, strings, numbers and
   * booleans only. {@link #restore} reads it back.
   */
  public Map<String, Object> snapshot() {
    return Snapshots.write(this);
  }

  /**
   * Replaces this correlator's state with a {@link #snapshot()} (numbers may come back as any
   * {@link Number}, as a JSON parser gives them). State of a correlation no longer loaded is dropped.
   *
   * @throws IllegalArgumentException when {@code snapshot} is not one this class wrote, saying what is wrong
   */
  public void restore(Map<String, Object> snapshot) {
    Snapshots.read(this, snapshot);
  }

  // ---- state types (package-private for Snapshots) ----

  Map<String, State> states() {
    return states;
  }

  Map<String, Double> emitted() {
    return emitted;
  }

  double watermark() {
    return watermark;
  }

  void reset(double watermark, long held) {
    this.watermark = watermark;
    this.lastSweep = watermark;
    this.held = held;
  }

  /** One contributing base event: its rule and time. */
  record Basis(String rule, double time) {}

  /** A held event: rule id, time, id, value (value_count), threat objects, the base events it stands for. */
  record Held(String rule, double time, String eventId, String value, List<String> threats, List<String> types,
      List<Basis> basis) {}

  /** One correlation's state. */
  static final class State {
    final CorrelationRule rule;
    final boolean silent;
    final Map<String, Group> groups = new LinkedHashMap<>();
    final List<State> parents = new ArrayList<>(0);
    /**
     * temporal_ordered: each rule's place in {@code rules} (its first), which orders events of the same time in
     * a group; empty for the other types, whose events of one time are ordered by id alone.
     */
    final Map<String, Integer> rank;

    State(CorrelationRule rule, boolean silent) {
      this.rule = rule;
      this.silent = silent;
      Map<String, Integer> r = new HashMap<>();
      if (rule.type() == CorrelationRule.Type.TEMPORAL_ORDERED) {
        for (int i = 0; i < rule.rules().size(); i++) {
          r.putIfAbsent(rule.rules().get(i), i);
        }
      }
      this.rank = Map.copyOf(r);
    }
  }

  /** One group: its values, the events not yet used (by time), and every event seen (id to time). */
  static final class Group {
    final List<String> values;
    final ArrayList<Held> live = new ArrayList<>(2);
    final Map<String, Double> seen = new HashMap<>(4);
    /** The oldest time in {@link #seen}; infinity when empty. */
    double oldest = Double.POSITIVE_INFINITY;
    /** Orders events of the same time ({@link State#rank}). */
    private final Map<String, Integer> rank;

    Group(List<String> values, Map<String, Integer> rank) {
      this.values = values;
      this.rank = rank;
    }

    /**
     * Inserts by time, then (temporal_ordered) the rule's place in the correlation, then event id, so the order
     * does not depend on arrival. Events of the same time are not before or after one another (timestamps of a
     * second cannot say, and two feeds deliver them in any order): ordering a tie as the rules are written lets
     * it satisfy temporal_ordered in either arrival order.
     */
    void insert(Held h) {
      int lo = 0;
      int hi = live.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        Held m = live.get(mid);
        int cmp = m.time != h.time ? Double.compare(m.time, h.time) : tie(m, h);
        if (cmp <= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      live.add(lo, h);
    }

    private int tie(Held a, Held b) {
      if (!rank.isEmpty()) {
        int ra = rank.getOrDefault(a.rule, Integer.MAX_VALUE);
        int rb = rank.getOrDefault(b.rule, Integer.MAX_VALUE);
        if (ra != rb) {
          return Integer.compare(ra, rb);
        }
      }
      return a.eventId.compareTo(b.eventId);
    }

    /** First index whose time is at least {@code t}. */
    int lowerBound(double t) {
      int lo = 0;
      int hi = live.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (live.get(mid).time < t) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    /** First index whose time is above {@code t}. */
    int upperBound(double t) {
      int lo = 0;
      int hi = live.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (live.get(mid).time <= t) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }
}
