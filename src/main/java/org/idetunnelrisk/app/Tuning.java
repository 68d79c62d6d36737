package org.idetunnelrisk.app;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.idetunnelrisk.correlation.Correlations;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.engine.TacticTable;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.tuning.Allowlist;
import org.idetunnelrisk.tuning.RuleOverrides;

/**
 * Everything a run reads from the app folder before touching Splunk: the field table, the rules with their
 * overrides applied, the overrides themselves (for the summary), the allowlist, the ATT&CK tactic table the risk
 * events' annotations are written from, and what the conf files hold that changes nothing (unknown stanzas and
 * keys, overrides of rules that are not loaded). Immutable.
 *
 * @param confWarnings {@code file:line: message} for each stanza, key or rule id that is ignored
 * @param notes what a run logs once at INFO: each shipped rule a content team's rule replaces
 * @param correlations the correlation rules over {@code rules}
 */
public record Tuning(FieldTable fields, List<Rule> rules, RuleOverrides overrides, Allowlist allowlist,
    TacticTable tactics, List<String> confWarnings, List<String> notes, Correlations correlations) {
  public Tuning {
    rules = List.copyOf(rules);
    confWarnings = List.copyOf(confWarnings);
    notes = List.copyOf(notes);
  }

  /** Without correlation rules. */
  public Tuning(FieldTable fields, List<Rule> rules, RuleOverrides overrides, Allowlist allowlist,
      TacticTable tactics, List<String> confWarnings, List<String> notes) {
    this(fields, rules, overrides, allowlist, tactics, confWarnings, notes, Correlations.NONE);
  }

  /**
   * What a run logs once, as WARN lines, before it polls: {@link #confWarnings()}, then each allowlist entry
   * that expired before {@code today} (it suppresses nothing any more).
   */
  public List<String> warnings(LocalDate today) {
    List<String> out = new ArrayList<>(confWarnings);
    out.addAll(expired(allowlist, today));
    return out;
  }

  /** A {@code file:line: message} for each entry of {@code allowlist} that expired before {@code today}. */
  static List<String> expired(Allowlist allowlist, LocalDate today) {
    List<String> out = new ArrayList<>();
    for (Allowlist.Entry e : allowlist.expired(today)) {
      out.add(e.location() + ": allowlist entry expired on " + e.expires() + " and suppresses nothing any more"
          + " (reason: " + e.reason() + "); delete the row or move its expires date");
    }
    return out;
  }
}
