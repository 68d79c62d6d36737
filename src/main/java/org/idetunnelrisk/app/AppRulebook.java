package org.idetunnelrisk.app;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.engine.TacticTable;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.sigma.RuleProblem;
import org.idetunnelrisk.sigma.RuleSet;
import org.idetunnelrisk.sigma.RuleSource;
import org.idetunnelrisk.tuning.Allowlist;
import org.idetunnelrisk.tuning.RuleOverrides;
import org.idetunnelrisk.tuning.TuningException;

/**
 * Everything one load of the app gives ({@link AppHome#read}), problems included, before anything is decided:
 * the modular input and the alert action take its {@link #tuning()} (which refuses to start on any problem),
 * {@code scan} prints the problems or scores with the tuning, {@code rules check} reviews all of it. Immutable.
 *
 * @param app the app folder, if the load had one
 * @param fields the field table: shipped, the app's {@code fields/fields.csv}, {@code local/fields.csv}, then
 *     each field file the caller added (each one's lines tried before the ones before it)
 * @param setupProblems {@code file:line: message} for each conf line, field-table line or allowlist row that
 *     cannot be used, in the order found; when there is any, no rule was loaded
 * @param shipped the rules the app ships (its {@code rules} folder, or those inside the jar), or, with no app
 *     folder, the rule folders given in their place
 * @param rules every rule loaded, before {@code [rule:<id>]} overrides: the shipped ones, with the content team's
 *     ({@code local/...} folders of {@code rules_dirs}) in place of those of the same id, then the rest (other
 *     {@code rules_dirs} entries, the input's {@code rules_dir}, {@code scan --rules}); with every rule problem
 * @param replaced each shipped rule a content team's rule of the same id replaces
 * @param confWarnings {@code file:line: message} for each stanza, key or rule id of ide_tunnel_risk.conf that
 *     changes nothing, and for rule folders the conf does not load
 */
public record AppRulebook(Optional<Path> app, FieldTable fields, List<String> setupProblems, RuleSet shipped,
    RuleSet rules, List<Replacement> replaced, RuleOverrides overrides, Allowlist allowlist, TacticTable tactics,
    List<String> confWarnings) {
  /** How many rule problems a failure message quotes; all of them are in the exception's problems. */
  static final int QUOTED_PROBLEMS = 5;

  public AppRulebook {
    setupProblems = List.copyOf(setupProblems);
    replaced = List.copyOf(replaced);
    confWarnings = List.copyOf(confWarnings);
  }

  /** A content team's rule in place of the shipped rule of the same id. */
  public record Replacement(String ruleId, RuleSource by, RuleSource shipped) {
    /** {@code local/rules/x.yml:2: rule '<id>' replaces the shipped rule rules/y.yml:2}. */
    @Override
    public String toString() {
      return by.idPlace() + ": rule '" + ruleId + "' replaces the shipped rule " + shipped.idPlace();
    }
  }

  /** True when nothing stops a run: no setup problem and no rule problem. */
  public boolean ok() {
    return setupProblems.isEmpty() && rules.ok();
  }

  /** Every rule problem as {@code file:line: message}, sorted. */
  public List<String> ruleProblems() {
    return rules.problems().stream().map(RuleProblem::toString).sorted().collect(Collectors.toList());
  }

  /**
   * What a run scores with: the rules with the overrides applied, and the rest of the tuning.
   *
   * @throws TuningException listing every setup problem; or, when there is none, naming the rule problems
   *     ({@link TuningException#getMessage()} quotes up to {@value #QUOTED_PROBLEMS}, then a count)
   */
  public Tuning tuning() {
    if (!setupProblems.isEmpty()) {
      throw new TuningException(setupProblems.size() + " problem(s) in ide_tunnel_risk.conf, the field tables or"
          + " the allowlist, nothing was scored: " + String.join(" | ", setupProblems), setupProblems);
    }
    if (!rules.ok()) {
      List<String> lines = ruleProblems();
      String quoted = String.join(" | ", lines.subList(0, Math.min(QUOTED_PROBLEMS, lines.size())));
      throw new TuningException(lines.size() + " rule problem(s), nothing was scored: " + quoted
          + (lines.size() > QUOTED_PROBLEMS ? " | ..." : ""), lines);
    }
    return new Tuning(fields, overrides.apply(rules.rules()), overrides, allowlist, tactics, ignored(),
        replaced.stream().map(Replacement::toString).toList(), rules.correlations());
  }

  /**
   * What a run logs as WARN lines: {@link #confWarnings()}, each {@code [rule:<id>]} naming no loaded rule, and
   * each allowlist entry that expired before {@code today}.
   */
  public List<String> warnings(LocalDate today) {
    List<String> out = ignored();
    out.addAll(Tuning.expired(allowlist, today));
    return out;
  }

  private List<String> ignored() {
    List<String> out = new ArrayList<>(confWarnings);
    rules.warnings().forEach(w -> out.add(w.toString()));
    out.addAll(overrides.unknownRuleIds(rules.rules().stream().map(Rule::id).collect(Collectors.toSet())));
    return out;
  }
}
