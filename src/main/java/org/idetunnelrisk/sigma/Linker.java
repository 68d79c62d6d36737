package org.idetunnelrisk.sigma;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.idetunnelrisk.correlation.CorrelationRule;
import org.idetunnelrisk.correlation.Correlations;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Matcher;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;

/**
 * Once every file is loaded: resolves the rules correlations and filters name (by id, else by {@code name}),
 * applies each filter to its rules, and orders the correlations so that each comes after those it references.
 *
 * <p>Problems (a file's correlation is dropped): a reference to nothing loaded, a correlation referencing
 * itself through others, a name given twice, an alias naming a rule the correlation does not correlate, a
 * group-by field a referenced correlation's results do not carry. Warnings (loading goes on): a filter naming
 * no loaded rule, or naming a rule whose log source it cannot share. A filter applied to a rule makes the
 * rule's detection {@code detection and not filter}; it is evaluated on every row of that rule. Not
 * thread-safe: one per load.
 */
final class Linker {
  /** A base rule with its {@code name} (null when none) and where its id is. */
  record Named(Rule rule, String name, String file, int line) {}

  private final FieldTable fields;
  private final List<RuleProblem> problems;
  private final List<RuleProblem> warnings;

  Linker(FieldTable fields, List<RuleProblem> problems, List<RuleProblem> warnings) {
    this.fields = fields;
    this.problems = problems;
    this.warnings = warnings;
  }

  /** The rule set: rules with their filters applied, the correlations that link. */
  RuleSet link(List<Named> rules, List<CorrelationCompiler.Draft> drafts, List<FilterCompiler.Draft> filters) {
    Map<String, Rule> byId = new LinkedHashMap<>();
    Map<String, String> nameToId = new HashMap<>();
    Map<String, String> nameWhere = new HashMap<>();
    for (Named n : rules) {
      byId.put(n.rule().id(), n.rule());
      name(n.name(), n.rule().id(), n.file(), n.line(), nameToId, nameWhere);
    }
    Map<String, CorrelationCompiler.Draft> corrById = new LinkedHashMap<>();
    Set<String> ids = new HashSet<>(byId.keySet());
    for (CorrelationCompiler.Draft d : drafts) {
      if (!ids.add(d.id())) {
        problems.add(new RuleProblem(d.file(), d.line(), "duplicate rule id '" + d.id() + "'"));
        continue;
      }
      corrById.put(d.id(), d);
      name(d.name(), d.id(), d.file(), d.line(), nameToId, nameWhere);
    }
    List<CorrelationCompiler.Draft> ok = new ArrayList<>();
    Map<String, List<String>> resolved = new HashMap<>();
    for (CorrelationCompiler.Draft d : corrById.values()) {
      List<String> refs = new ArrayList<>();
      boolean good = true;
      for (CorrelationCompiler.Ref r : d.rules()) {
        String id = resolve(r.text(), byId.keySet(), corrById.keySet(), nameToId);
        if (id == null) {
          problems.add(new RuleProblem(d.file(), r.line(), "correlation '" + d.title() + "' names '" + r.text()
              + "', which is no loaded rule or correlation (by id or name)"));
          good = false;
        } else {
          refs.add(id);
        }
      }
      if (good) {
        ok.add(d);
        resolved.put(d.id(), refs);
      }
    }
    List<CorrelationCompiler.Draft> order = order(ok, resolved);
    Map<String, CorrelationRule> built = new LinkedHashMap<>();
    for (CorrelationCompiler.Draft d : order) {
      CorrelationRule c = build(d, resolved.get(d.id()), byId, nameToId, built);
      if (c != null) {
        built.put(c.id(), c);
      }
    }
    Map<String, Boolean> generate = new HashMap<>();
    for (CorrelationRule c : built.values()) {
      for (String r : c.rules()) {
        generate.merge(r, corrById.get(c.id()).generate(), Boolean::logicalOr);
      }
    }
    Set<String> silent = new LinkedHashSet<>();
    generate.forEach((id, gen) -> {
      if (!gen) {
        silent.add(id);
      }
    });
    List<Rule> out = applyFilters(rules, filters, byId.keySet(), corrById.keySet(), nameToId);
    return new RuleSet(out, problems, warnings, new Correlations(List.copyOf(built.values()), silent));
  }

  private void name(String name, String id, String file, int line, Map<String, String> nameToId,
      Map<String, String> where) {
    if (name == null) {
      return;
    }
    String first = where.putIfAbsent(name, file + ":" + line);
    if (first != null) {
      problems.add(new RuleProblem(file, line, "duplicate rule name '" + name + "' (already used by " + first + ")"));
    } else {
      nameToId.put(name, id);
    }
  }

  private static String resolve(String ref, Set<String> ruleIds, Set<String> corrIds, Map<String, String> names) {
    if (ruleIds.contains(ref) || corrIds.contains(ref)) {
      return ref;
    }
    return names.get(ref);
  }

  /** Correlations in an order where each follows those it references; those in a cycle are problems. */
  private List<CorrelationCompiler.Draft> order(List<CorrelationCompiler.Draft> drafts, Map<String, List<String>> refs) {
    Map<String, CorrelationCompiler.Draft> by = new LinkedHashMap<>();
    drafts.forEach(d -> by.put(d.id(), d));
    List<CorrelationCompiler.Draft> out = new ArrayList<>();
    Map<String, Integer> mark = new HashMap<>();
    for (CorrelationCompiler.Draft d : drafts) {
      visit(d, by, refs, mark, out);
    }
    return out;
  }

  /** Depth-first; mark 1 = on the path, 2 = done, 3 = in or behind a cycle. Returns false when it cannot be ordered. */
  private boolean visit(CorrelationCompiler.Draft d, Map<String, CorrelationCompiler.Draft> by,
      Map<String, List<String>> refs, Map<String, Integer> mark, List<CorrelationCompiler.Draft> out) {
    Integer m = mark.get(d.id());
    if (m != null) {
      if (m == 1) {
        problems.add(new RuleProblem(d.file(), d.line(), "correlation '" + d.title() + "' references itself"
            + " through the correlations it names; correlations must form chains, not cycles"));
        mark.put(d.id(), 3);
      }
      return mark.get(d.id()) == 2;
    }
    mark.put(d.id(), 1);
    boolean good = true;
    for (String r : refs.get(d.id())) {
      CorrelationCompiler.Draft child = by.get(r);
      if (child != null && !visit(child, by, refs, mark, out)) {
        good = false;
      }
    }
    if (mark.get(d.id()) == 3) {
      return false;
    }
    if (good) {
      mark.put(d.id(), 2);
      out.add(d);
    } else {
      mark.put(d.id(), 3);
    }
    return good;
  }

  private CorrelationRule build(CorrelationCompiler.Draft d, List<String> refs, Map<String, Rule> rules,
      Map<String, String> nameToId, Map<String, CorrelationRule> built) {
    int before = problems.size();
    Map<String, Map<String, List<String>>> perAlias = new HashMap<>();
    for (CorrelationCompiler.Alias a : d.aliases()) {
      Map<String, List<String>> per = new HashMap<>();
      for (Map.Entry<CorrelationCompiler.Ref, List<String>> e : a.perRule().entrySet()) {
        String ref = e.getKey().text();
        String id = refs.contains(ref) ? ref : nameToId.get(ref);
        if (id == null || !refs.contains(id)) {
          problems.add(new RuleProblem(d.file(), e.getKey().line(), "alias '" + a.name() + "' names rule '" + ref
              + "', which this correlation does not correlate (rules: " + String.join(", ", refs) + ")"));
          continue;
        }
        per.put(id, e.getValue());
      }
      perAlias.put(a.name(), per);
    }
    List<CorrelationRule.GroupField> groupBy = new ArrayList<>();
    for (String g : d.groupBy()) {
      groupBy.add(field(g, perAlias));
    }
    CorrelationRule.GroupField value = d.valueField() == null ? null : field(d.valueField(), perAlias);
    for (String r : refs) {
      CorrelationRule child = built.get(r);
      if (child == null) {
        if (!rules.containsKey(r)) {
          return null;
        }
        continue;
      }
      Set<String> carried = new LinkedHashSet<>();
      for (CorrelationRule.GroupField f : child.groupBy()) {
        carried.add(f.name());
        carried.add(f.canonical());
      }
      List<CorrelationRule.GroupField> needed = new ArrayList<>(groupBy);
      if (value != null) {
        needed.add(value);
      }
      for (CorrelationRule.GroupField f : needed) {
        if (f.fieldsFor(r).stream().noneMatch(carried::contains)) {
          problems.add(new RuleProblem(d.file(), d.groupByLine(), "correlation '" + d.title() + "' reads '"
              + String.join("' or '", f.fieldsFor(r)) + "' of correlation '" + child.title() + "', whose results"
              + " carry only its group-by fields (" + String.join(", ", child.groupBy().stream()
              .map(CorrelationRule.GroupField::name).toList()) + ")"));
        }
      }
    }
    if (problems.size() != before) {
      return null;
    }
    return new CorrelationRule(d.id(), d.title(), Rule.searchNameFor(d.title()), d.level(), d.type(), refs, groupBy,
        d.timespanSeconds(), d.condition(), value, d.risk(), d.file());
  }

  private CorrelationRule.GroupField field(String name, Map<String, Map<String, List<String>>> perAlias) {
    String canonical = fields.ruleField(name);
    return new CorrelationRule.GroupField(name, canonical, List.of(canonical),
        perAlias.getOrDefault(name, Map.of()));
  }

  private List<Rule> applyFilters(List<Named> rules, List<FilterCompiler.Draft> filters, Set<String> ruleIds,
      Set<String> corrIds, Map<String, String> nameToId) {
    Map<String, List<FilterCompiler.Draft>> byRule = new HashMap<>();
    for (FilterCompiler.Draft f : filters) {
      for (CorrelationCompiler.Ref r : f.rules()) {
        String id = resolve(r.text(), ruleIds, corrIds, nameToId);
        if (id == null) {
          warnings.add(new RuleProblem(f.file(), r.line(), "filter '" + f.title() + "' names '" + r.text()
              + "', which is no loaded rule (by id or name): it suppresses nothing there"));
        } else if (corrIds.contains(id)) {
          warnings.add(new RuleProblem(f.file(), r.line(), "filter '" + f.title() + "' names correlation '"
              + r.text() + "': filters apply to detection rules only; it suppresses nothing there"));
        } else {
          byRule.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
        }
      }
    }
    List<Rule> out = new ArrayList<>();
    for (Named n : rules) {
      Rule r = n.rule();
      List<FilterCompiler.Draft> fs = byRule.get(r.id());
      if (fs == null) {
        out.add(r);
        continue;
      }
      Matcher m = r.detection();
      for (FilterCompiler.Draft f : fs) {
        if (!shareable(f.logSource(), r.logSource())) {
          warnings.add(new RuleProblem(f.file(), f.line(), "filter '" + f.title() + "' has log source "
              + describe(f.logSource()) + " but rule '" + r.id() + "' has " + describe(r.logSource())
              + ": it suppresses nothing there"));
          continue;
        }
        m = new Matcher.AllOf(List.of(m, new Matcher.Not(f.matcher())));
      }
      out.add(new Rule(r.id(), r.title(), r.searchName(), r.level(), r.logSource(), m, r.risk(), r.origin(),
          r.description()));
    }
    return out;
  }

  /** Whether some row can satisfy both log sources. */
  private static boolean shareable(LogSource a, LogSource b) {
    return a.accepts(b) || b.accepts(a);
  }

  private static String describe(LogSource ls) {
    List<String> parts = new ArrayList<>();
    if (ls.category() != null) {
      parts.add("category " + ls.category());
    }
    if (ls.product() != null) {
      parts.add("product " + ls.product());
    }
    if (ls.service() != null) {
      parts.add("service " + ls.service());
    }
    return parts.isEmpty() ? "(any)" : "(" + String.join(", ", parts) + ")";
  }
}
