package org.idetunnelrisk.app;

import java.util.List;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.engine.TacticTable;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.tuning.Allowlist;
import org.idetunnelrisk.tuning.RuleOverrides;

/**
 * Everything a run reads from the app folder before touching Splunk: the field table, the rules with their
 * overrides applied, the overrides themselves (for the summary), the allowlist and the ATT&CK tactic table the
 * risk events' annotations are written from. Immutable.
 */
public record Tuning(FieldTable fields, List<Rule> rules, RuleOverrides overrides, Allowlist allowlist,
    TacticTable tactics) {
  public Tuning {
    rules = List.copyOf(rules);
  }
}
