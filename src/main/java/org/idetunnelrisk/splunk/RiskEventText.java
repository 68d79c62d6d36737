package org.idetunnelrisk.splunk;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.engine.TacticTable;

/**
 * Renders one {@link RiskEvent} as the {@code _raw} text of an ES risk event (sourcetype {@code stash}):
 * the epoch time with three decimals, then {@code key="value"} pairs joined by {@code ", "}:
 * <pre>
 * 1790860000.123, risk_object="ws1", risk_object_type="system", risk_score="20", ...
 * </pre>
 *
 * <p>Order: {@code risk_object, risk_object_type, risk_score, risk_message, threat_object,
 * threat_object_type, search_name}; where the event came from, as ES's risk action writes it
 * ({@code orig_sid, orig_rid, orig_action_name, info_min_time, info_max_time, info_search_time, orig_host,
 * orig_source, orig_sourcetype}: the search's part from the {@link RiskOrigin} of the write options, the
 * result's from the event's fields, where {@link RiskOrigin.Row#stamp} put them); {@code annotations.mitre_attack}
 * and the ATT&CK annotations ES's risk framework writes for an annotated search, from the {@link TacticTable}
 * of the write options ({@code annotations.mitre_attack.mitre_technique_id}, {@code .mitre_technique},
 * {@code .mitre_tactic_id}, {@code .mitre_tactic}; {@code annotations._all} and {@code annotations._frameworks}
 * when there is a technique); then {@code annotations.analytic_story, analyticstories, rule_id, rule_title,
 * risk_event_id, risk_modifiers}; then the row fields {@link RiskEventFields#copied} keeps, in their order (not
 * one of the writers' own fields, not Splunk's metadata or a {@code _name}, which a custom field table could
 * otherwise bring in; {@code scan} keeps the same). Empty lists and absent values are omitted.
 *
 * <p>Injection rules, so no value can add fields or split/forge events:
 * <ul>
 *   <li>{@code \} becomes {@code \\} and {@code "} becomes {@code \"};</li>
 *   <li>CR, LF and every other control character (C0, DEL, C1, U+2028, U+2029) becomes a space, so the
 *       event is one line;</li>
 *   <li>the stash header marker {@code ***SPLUNK***} becomes {@code *** SPLUNK ***}, so it can never be
 *       read as a header;</li>
 *   <li>a multivalue field repeats its key once per value: {@code threat_object="a", threat_object="b"};</li>
 *   <li>field names must match {@code [A-Za-z0-9_.]+}, else {@link IllegalArgumentException}.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class RiskEventText {
  private static final String TECHNIQUE_ID = RiskEventFields.TECHNIQUE_ID;
  private static final String TECHNIQUE = RiskEventFields.TECHNIQUE;
  private static final String TACTIC_ID = RiskEventFields.TACTIC_ID;
  private static final String TACTIC = RiskEventFields.TACTIC;
  private static final String ALL = RiskEventFields.ALL;
  private static final String FRAMEWORKS = RiskEventFields.FRAMEWORKS;
  /** The one framework our annotations come from. */
  static final List<String> MITRE_FRAMEWORK = List.of("mitre_attack");

  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_.]+");
  private static final String HEADER_MARK = "***SPLUNK***";
  private static final String HEADER_DEFANGED = "*** SPLUNK ***";

  private RiskEventText() {}

  /**
   * The event text without the ATT&CK annotations derived from the technique ids (tests of the text's
   * other rules use it); writers use {@link #render(RiskEvent, RiskWriteOptions, double)}.
   */
  public static String render(RiskEvent event, double fallbackTime) {
    return text(event, null, RiskOrigin.NONE, fallbackTime);
  }

  /**
   * The event text.
   *
   * @param options where the ATT&CK table and the search's origin come from
   * @param fallbackTime epoch seconds used when the event has no time (NaN)
   * @throws IllegalArgumentException naming the event id and the field when a field name is not allowed
   */
  public static String render(RiskEvent event, RiskWriteOptions options, double fallbackTime) {
    return text(event, options.tactics(), options.origin(), fallbackTime);
  }

  private static String text(RiskEvent event, TacticTable tactics, RiskOrigin origin, double fallbackTime) {
    double time = Double.isFinite(event.time()) ? event.time() : fallbackTime;
    StringBuilder out = new StringBuilder(256).append(String.format(Locale.ROOT, "%.3f", time));
    pair(out, "risk_object", event.riskObject());
    pair(out, "risk_object_type", event.riskObjectType());
    pair(out, "risk_score", Integer.toString(event.riskScore()));
    pair(out, "risk_message", event.riskMessage());
    pairs(out, "threat_object", event.threatObjects());
    pairs(out, "threat_object_type", event.threatObjectTypes());
    pair(out, "search_name", event.searchName());
    pair(out, "orig_sid", origin.sid());
    pairs(out, "orig_rid", event.fields().get("orig_rid"));
    pair(out, "orig_action_name", origin.actionName());
    pair(out, "info_min_time", origin.minTime());
    pair(out, "info_max_time", origin.maxTime());
    pair(out, "info_search_time", origin.searchTime());
    pairs(out, "orig_host", event.fields().get("orig_host"));
    pairs(out, "orig_source", event.fields().get("orig_source"));
    pairs(out, "orig_sourcetype", event.fields().get("orig_sourcetype"));
    pairs(out, "annotations.mitre_attack", event.mitreAttack());
    if (tactics != null) {
      TacticTable.Annotations attack = tactics.annotate(event.mitreAttack());
      pairs(out, TECHNIQUE_ID, attack.techniqueIds());
      pairs(out, TECHNIQUE, attack.techniqueNames());
      pairs(out, TACTIC_ID, attack.tacticIds());
      pairs(out, TACTIC, attack.tactics());
      if (!attack.techniqueIds().isEmpty()) {
        pairs(out, ALL, attack.techniqueIds());
        pairs(out, FRAMEWORKS, MITRE_FRAMEWORK);
      }
    }
    pairs(out, "annotations.analytic_story", event.analyticStories());
    pairs(out, "analyticstories", event.analyticStories());
    pair(out, "rule_id", event.ruleId());
    pair(out, "rule_title", event.ruleTitle());
    pair(out, "risk_event_id", event.id());
    pairs(out, "risk_modifiers", event.modifiers());
    for (Map.Entry<String, List<String>> f : event.fields().entrySet()) {
      String name = f.getKey();
      if (name == null || !FIELD_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("risk event " + event.id() + ": field name '" + name
            + "' is not allowed (expected [A-Za-z0-9_.]+)");
      }
      if (RiskEventFields.copied(name)) {
        pairs(out, name, f.getValue());
      }
    }
    return out.toString();
  }

  private static void pairs(StringBuilder out, String key, List<String> values) {
    if (values == null) {
      return;
    }
    for (String v : values) {
      pair(out, key, v);
    }
  }

  private static void pair(StringBuilder out, String key, String value) {
    if (value == null) {
      return;
    }
    out.append(", ").append(key).append("=\"");
    escape(out, value.replace(HEADER_MARK, HEADER_DEFANGED));
    out.append('"');
  }

  /** Escapes one value into {@code out}; see the class doc. */
  static void escape(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == '"') {
        out.append('\\').append(c);
      } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
  }
}
