package org.idetunnelrisk.sigma;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.Rule;

/**
 * What a load produced: the rules that compiled (in file order), every problem found (a file with a problem
 * contributes no rule), and where each rule came from ({@link RuleSource}, by rule id). Callers choose:
 * {@code rules check} prints every problem, {@code scan} refuses to start unless {@link #ok()}.
 *
 * <p>Sets from several loads combine two ways: {@link #plus} (more rules; an id used twice is a problem, as it
 * is within one load) and {@link #overriddenBy} (a content team's rules in place of shipped ones of the same id).
 * Immutable.
 */
public record RuleSet(List<Rule> rules, List<RuleProblem> problems, Map<String, RuleSource> sources) {
  public RuleSet {
    rules = List.copyOf(rules);
    problems = List.copyOf(problems);
    sources = Map.copyOf(sources);
  }

  /** Rules made in code or sets whose sources do not matter. */
  public RuleSet(List<Rule> rules, List<RuleProblem> problems) {
    this(rules, problems, Map.of());
  }

  public static RuleSet empty() {
    return new RuleSet(List.of(), List.of());
  }

  /** True when no problem was found. */
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
    return new RuleSet(all, ps, src);
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
    return new RuleSet(all, ps, src);
  }
}
