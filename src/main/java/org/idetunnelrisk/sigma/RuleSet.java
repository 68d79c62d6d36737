package org.idetunnelrisk.sigma;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.correlation.Correlations;
import org.idetunnelrisk.engine.Rule;

/**
 * What a load produced: the rules that compiled (in file order, each with the filters that name it applied),
 * every problem found (a file with a problem contributes nothing), warnings (what loads but does less than
 * written: a filter naming no loaded rule), the correlation rules, and where each rule came from
 * ({@link RuleSource}, by rule id). Callers choose: {@code rules check} prints every problem and warning,
 * {@code scan} refuses to start unless {@link #ok()}.
 *
 * <p>Sets from several loads combine two ways: {@link #plus} (more rules; an id used twice is a problem, as it
 * is within one load) and {@link #overriddenBy} (a content team's rules in place of shipped ones of the same id).
 * Warnings and correlations of both are kept. Immutable.
 */
public record RuleSet(List<Rule> rules, List<RuleProblem> problems, List<RuleProblem> warnings,
    Correlations correlations, Map<String, RuleSource> sources) {
  public RuleSet {
    rules = List.copyOf(rules);
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
    sources = Map.copyOf(sources);
  }

  /** Rules and problems, no warning, no correlation. */
  public RuleSet(List<Rule> rules, List<RuleProblem> problems) {
    this(rules, problems, List.of(), Correlations.NONE, Map.of());
  }

  /** A load's rules, problems, warnings and correlations, without sources. */
  public RuleSet(List<Rule> rules, List<RuleProblem> problems, List<RuleProblem> warnings,
      Correlations correlations) {
    this(rules, problems, warnings, correlations, Map.of());
  }

  public static RuleSet empty() {
    return new RuleSet(List.of(), List.of());
  }

  /** True when no problem was found (warnings do not count). */
  public boolean ok() {
    return problems.isEmpty();
  }

  /** Where the rule with this id came from, or null when this set did not load it from a file. */
  public RuleSource source(String ruleId) {
    return sources.get(ruleId);
  }

  /** The rule with this id, or null. */
  public Rule rule(String ruleId) {
    for (Rule r : rules) {
      if (r.id().equals(ruleId)) {
        return r;
      }
    }
    return null;
  }

  /**
   * This set, then the rules of {@code more}. A rule of {@code more} whose id this set has is a problem at its
   * id, {@code duplicate rule id 'X' (already used by file:line)}, and is left out, as two files of one load are.
   */
  public RuleSet plus(RuleSet more) {
    Map<String, Rule> byId = new HashMap<>();
    rules.forEach(r -> byId.put(r.id(), r));
    List<Rule> all = new ArrayList<>(rules);
    List<RuleProblem> ps = new ArrayList<>(problems);
    ps.addAll(more.problems);
    Map<String, RuleSource> src = new LinkedHashMap<>(sources);
    for (Rule r : more.rules) {
      RuleSource s = more.sources.get(r.id());
      if (byId.containsKey(r.id())) {
        RuleSource first = sources.get(r.id());
        ps.add(new RuleProblem(s == null ? r.origin() : s.file(), s == null ? 0 : s.idLine(), "duplicate rule id '"
            + r.id() + "' (already used by " + (first == null ? byId.get(r.id()).origin() : first.idPlace()) + ")"));
        continue;
      }
      byId.put(r.id(), r);
      all.add(r);
      if (s != null) {
        src.put(r.id(), s);
      }
    }
    return new RuleSet(all, ps, concat(warnings, more.warnings), join(correlations, more.correlations), src);
  }

  /**
   * This set with each rule of {@code local} in place of this set's rule of the same id (at that rule's place
   * in the order), and the other rules of {@code local} after this set's: how a content team's copy of a
   * shipped rule replaces it. The problems of both are kept.
   */
  public RuleSet overriddenBy(RuleSet local) {
    Map<String, Rule> replacing = new LinkedHashMap<>();
    local.rules.forEach(r -> replacing.put(r.id(), r));
    List<Rule> all = new ArrayList<>(rules.size() + local.rules.size());
    Map<String, RuleSource> src = new LinkedHashMap<>(sources);
    for (Rule r : rules) {
      Rule by = replacing.remove(r.id());
      all.add(by == null ? r : by);
    }
    all.addAll(replacing.values());
    src.putAll(local.sources);
    List<RuleProblem> ps = new ArrayList<>(problems);
    ps.addAll(local.problems);
    return new RuleSet(all, ps, concat(warnings, local.warnings), join(correlations, local.correlations), src);
  }

  private static List<RuleProblem> concat(List<RuleProblem> a, List<RuleProblem> b) {
    List<RuleProblem> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static Correlations join(Correlations a, Correlations b) {
    if (b.isEmpty()) {
      return a;
    }
    if (a.isEmpty()) {
      return b;
    }
    List<org.idetunnelrisk.correlation.CorrelationRule> rules = new ArrayList<>(a.rules());
    rules.addAll(b.rules());
    java.util.Set<String> silent = new java.util.HashSet<>(a.silentIds());
    silent.addAll(b.silentIds());
    return new Correlations(rules, silent);
  }
}
