package org.idetunnelrisk.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.RiskSpec;
import org.idetunnelrisk.engine.Rule;

/**
 * Rule overrides from {@code ide_tunnel_risk.conf}: {@code [rule:<rule id>]} stanzas with
 * {@code disabled = 1} (the rule does not run) and {@code score = <1..100>} (every risk object of the rule
 * gets this base score; modifiers still add to it), and {@code [settings] rules_dirs} (extra rule folders,
 * comma separated). Immutable.
 */
public final class RuleOverrides {
  /** One rule's override. {@code score} is null when unchanged. */
  public record Override(boolean disabled, Integer score) {}

  private final Map<String, Override> byRuleId;
  private final List<String> rulesDirs;

  private RuleOverrides(Map<String, Override> byRuleId, List<String> rulesDirs) {
    this.byRuleId = byRuleId;
    this.rulesDirs = rulesDirs;
  }

  public static RuleOverrides none() {
    return new RuleOverrides(Map.of(), List.of());
  }

  /**
   * Reads overrides from a layered conf.
   *
   * @param origin named in messages (e.g. {@code local/ide_tunnel_risk.conf})
   * @throws TuningException for a bad value, naming the stanza and key
   */
  public static RuleOverrides from(ConfFile conf, String origin) {
    Map<String, Override> m = new LinkedHashMap<>();
    for (String name : conf.stanzaNames()) {
      if (!name.startsWith("rule:")) {
        continue;
      }
      String id = name.substring(5).strip();
      Map<String, String> s = conf.stanza(name);
      boolean disabled = bool(s.getOrDefault("disabled", "0"), origin, name, "disabled");
      Integer score = null;
      if (s.containsKey("score")) {
        String v = s.get("score");
        try {
          score = Integer.parseInt(v);
        } catch (NumberFormatException e) {
          score = -1;
        }
        if (score < 1 || score > RiskSpec.MAX_SCORE) {
          throw new TuningException(origin + ": [" + name + "] score must be a whole number from 1 to "
              + RiskSpec.MAX_SCORE + " but was '" + v + "'");
        }
      }
      m.put(id, new Override(disabled, score));
    }
    List<String> dirs = new ArrayList<>();
    String list = conf.stanza("settings").getOrDefault("rules_dirs", "");
    for (String d : list.split(",")) {
      if (!d.isBlank()) {
        dirs.add(d.strip());
      }
    }
    return new RuleOverrides(m, List.copyOf(dirs));
  }

  private static boolean bool(String v, String origin, String stanza, String key) {
    switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "1": case "true": case "t": case "yes": case "y": return true;
      case "0": case "false": case "f": case "no": case "n": return false;
      default:
        throw new TuningException(origin + ": [" + stanza + "] " + key + " must be 0 or 1 but was '" + v + "'");
    }
  }

  public List<String> rulesDirs() {
    return rulesDirs;
  }

  /** Overrides by rule id, for summaries. */
  public Map<String, Override> byRuleId() {
    return java.util.Collections.unmodifiableMap(byRuleId);
  }

  /** The rules with overrides applied: disabled ones removed, scores replaced. */
  public List<Rule> apply(List<Rule> rules) {
    List<Rule> out = new ArrayList<>(rules.size());
    for (Rule r : rules) {
      Override o = byRuleId.get(r.id());
      if (o == null) {
        out.add(r);
      } else if (!o.disabled()) {
        out.add(o.score() == null ? r : withScore(r, o.score()));
      }
    }
    return out;
  }

  private static Rule withScore(Rule r, int score) {
    RiskSpec s = r.risk();
    List<RiskSpec.RiskObject> ros = new ArrayList<>();
    for (RiskSpec.RiskObject ro : s.riskObjects()) {
      ros.add(new RiskSpec.RiskObject(ro.fields(), ro.type(), score));
    }
    RiskSpec n = new RiskSpec(s.message(), ros, s.threatObjects(), s.mitreAttack(), s.analyticStories(), s.scoreModifiers());
    return new Rule(r.id(), r.title(), r.searchName(), r.level(), r.logSource(), r.detection(), n, r.origin(),
        r.description());
  }
}
