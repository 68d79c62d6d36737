package org.idetunnelrisk.tuning;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.idetunnelrisk.engine.RiskSpec;
import org.idetunnelrisk.engine.Rule;

/**
 * Rule overrides from {@code ide_tunnel_risk.conf}: {@code [rule:<rule id>]} stanzas with
 * {@code disabled = 1} (the rule does not run) and {@code score = <1..100>} (every risk object of the rule
 * gets this base score; modifiers still add to it), and {@code [settings] rules_dirs} (extra rule folders,
 * comma separated). Values that cannot be used are problems ({@code file:line: message}); a stanza or key the
 * file does not have ({@code rules_dir} for {@code rules_dirs}, {@code [rules:...]}) is a warning, as is an
 * override naming no loaded rule ({@link #unknownRuleIds}): each is ignored, but never silently. Immutable.
 */
public final class RuleOverrides {
  /** The keys of each stanza kind; {@code rule:} stands for every {@code [rule:<rule id>]}. */
  static final Map<String, Set<String>> KEYS = Map.of("settings", Set.of("rules_dirs"),
      "rule:", Set.of("disabled", "score"));

  /** One rule's override and the {@code file:line} of its stanza. {@code score} is null when unchanged. */
  public record Override(boolean disabled, Integer score, String place) {}

  private final Map<String, Override> byRuleId;
  private final List<String> rulesDirs;
  private final String rulesDirsPlace;
  private final List<String> warnings;

  private RuleOverrides(Map<String, Override> byRuleId, List<String> rulesDirs, String rulesDirsPlace,
      List<String> warnings) {
    this.byRuleId = byRuleId;
    this.rulesDirs = rulesDirs;
    this.rulesDirsPlace = rulesDirsPlace;
    this.warnings = List.copyOf(warnings);
  }

  public static RuleOverrides none() {
    return new RuleOverrides(Map.of(), List.of(), null, List.of());
  }

  /**
   * Reads overrides from a layered conf.
   *
   * @throws TuningException listing every bad value as {@code file:line: message}
   */
  public static RuleOverrides from(ConfFile conf) {
    List<String> problems = new ArrayList<>();
    RuleOverrides o = from(conf, problems);
    TuningException.throwIfAny(problems);
    return o;
  }

  /**
   * Reads overrides from a layered conf, adding every bad value to {@code problems} as {@code file:line: message}
   * (an override with a bad value is left out).
   */
  public static RuleOverrides from(ConfFile conf, List<String> problems) {
    Map<String, Override> m = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (String name : conf.stanzaNames()) {
      ConfFile.Stanza stanza = conf.stanzaAt(name);
      String kind = name.startsWith("rule:") ? "rule:" : name;
      Set<String> known = KEYS.get(kind);
      if (known == null) {
        if (!(name.equals("default") && stanza.settings().isEmpty())) {
          warnings.add(stanza.place() + ": unknown stanza [" + name + "] (known: [settings], [rule:<rule id>]);"
              + " it is ignored");
        }
        continue;
      }
      stanza.settings().forEach((key, setting) -> {
        if (!known.contains(key)) {
          warnings.add(setting.place() + ": unknown key '" + key + "' in [" + name + "] (known: "
              + String.join(", ", known.stream().sorted().toList()) + "); it is ignored");
        }
      });
      if (!kind.equals("rule:")) {
        continue;
      }
      int before = problems.size();
      Map<String, ConfFile.Setting> s = stanza.settings();
      boolean disabled = s.containsKey("disabled") && bool(s.get("disabled"), name, problems);
      Integer score = s.containsKey("score") ? score(s.get("score"), name, problems) : null;
      if (problems.size() == before) {
        m.put(name.substring(5).strip(), new Override(disabled, score, stanza.place()));
      }
    }
    List<String> dirs = new ArrayList<>();
    ConfFile.Setting list = conf.settings("settings").get("rules_dirs");
    if (list != null) {
      for (String d : list.value().split(",")) {
        if (!d.isBlank()) {
          dirs.add(d.strip());
        }
      }
    }
    return new RuleOverrides(m, List.copyOf(dirs), list == null ? null : list.place(), warnings);
  }

  private static Integer score(ConfFile.Setting v, String stanza, List<String> problems) {
    try {
      int score = Integer.parseInt(v.value());
      if (score >= 1 && score <= RiskSpec.MAX_SCORE) {
        return score;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(v.place() + ": [" + stanza + "] score must be a whole number from 1 to " + RiskSpec.MAX_SCORE
        + " but was '" + v.value() + "'" + ConfFile.inlineCommentHint(v.value()));
    return null;
  }

  private static boolean bool(ConfFile.Setting v, String stanza, List<String> problems) {
    switch (v.value().strip().toLowerCase(java.util.Locale.ROOT)) {
      case "1": case "true": case "t": case "yes": case "y": return true;
      case "0": case "false": case "f": case "no": case "n": return false;
      default:
        problems.add(v.place() + ": [" + stanza + "] disabled must be 0 or 1 but was '" + v.value() + "'"
            + ConfFile.inlineCommentHint(v.value()));
        return false;
    }
  }

  public List<String> rulesDirs() {
    return rulesDirs;
  }

  /** {@code file:line} where {@code rules_dirs} was set, or null when it was not. */
  public String rulesDirsPlace() {
    return rulesDirsPlace;
  }

  /** Unknown stanzas and keys, one {@code file:line: message} each. */
  public List<String> warnings() {
    return warnings;
  }

  /** A warning for each override whose rule id no loaded rule has (a typo overrides nothing). */
  public List<String> unknownRuleIds(Collection<String> loadedIds) {
    List<String> out = new ArrayList<>();
    byRuleId.forEach((id, o) -> {
      if (!loadedIds.contains(id)) {
        out.add(o.place() + ": [rule:" + id + "] names no loaded rule; it changes nothing (check the rule id)");
      }
    });
    return out;
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
