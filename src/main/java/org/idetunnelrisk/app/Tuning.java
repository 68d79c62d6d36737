package org.idetunnelrisk.app;

import java.util.List;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.tuning.Allowlist;
import org.idetunnelrisk.tuning.RuleOverrides;

/**
 * Everything a run reads from the app folder before touching Splunk: the field table, the rules with their
 * overrides applied, the overrides themselves (for the summary) and the allowlist. Immutable.
 */
public record Tuning(FieldTable fields, List<Rule> rules, RuleOverrides overrides, Allowlist allowlist) {
  public Tuning {
    rules = List.copyOf(rules);
  }
}
