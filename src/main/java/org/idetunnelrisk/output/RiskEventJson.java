package org.idetunnelrisk.output;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.engine.TacticTable;
import org.idetunnelrisk.splunk.RiskEventFields;

/**
 * Writes a risk event as one line of JSON with the fields the risk index gets for it
 * ({@link RiskEventFields}: the stash text {@code splunk.RiskEventText} sends has the same fields, less
 * {@code orig_location} and plus the metadata Splunk sets: {@code host}, {@code index}, {@code sourcetype}).
 *
 * <p>Keys, in this order: {@code _time} (epoch seconds, three decimals; absent when the source event had no
 * time), {@code risk_object}, {@code risk_object_type}, {@code risk_score}, {@code risk_message},
 * {@code threat_object}, {@code threat_object_type} (parallel arrays), {@code search_name}, {@code source}
 * (the same name, as ES sets it), {@code rule_id}, {@code rule_title}, {@code annotations}
 * ({@code mitre_attack}; given an ATT&CK table, the names ES gives the rest of the annotations after
 * {@code annotations.}: {@code mitre_attack.mitre_technique_id}, {@code mitre_attack.mitre_technique},
 * {@code mitre_attack.mitre_tactic_id}, {@code mitre_attack.mitre_tactic}, {@code _all}, {@code _frameworks};
 * then {@code analytic_story}), {@code analyticstories}, {@code risk_modifiers}, {@code risk_event_id},
 * {@code orig_location} (input file and line, when given), {@code orig_rid}, {@code orig_host},
 * {@code orig_source}, {@code orig_sourcetype} (the result row's, when the event has them), then the row's
 * normalized fields that {@link RiskEventFields#copied} keeps (a string, or an array for multivalue fields).
 * An absent {@code orig_*} field is left out, as the stash text leaves it out. gson does the escaping, so no
 * value can break the line or add a key.
 * Stateless and thread-safe.
 */
public final class RiskEventJson {
  /** The result row's own place and metadata, stamped into the event's fields where a search row held it. */
  private static final List<String> ORIGIN_ROW_FIELDS = List.of("orig_rid", "orig_host", "orig_source", "orig_sourcetype");

  private RiskEventJson() {}

  /** The event as one JSON line (no trailing newline), without the annotations an ATT&CK table gives. */
  public static String toJson(RiskEvent e, String origLocation) {
    return toJson(e, origLocation, null);
  }

  /** The event as one JSON line (no trailing newline), its ATT&CK annotations from {@code tactics}. */
  public static String toJson(RiskEvent e, String origLocation, TacticTable tactics) {
    StringWriter sw = new StringWriter(512);
    try (JsonWriter w = new JsonWriter(sw)) {
      w.setHtmlSafe(false);
      w.beginObject();
      if (!Double.isNaN(e.time())) {
        w.name("_time").jsonValue(String.format(Locale.ROOT, "%.3f", e.time()));
      }
      w.name("risk_object").value(e.riskObject());
      w.name("risk_object_type").value(e.riskObjectType());
      w.name("risk_score").value(e.riskScore());
      w.name("risk_message").value(e.riskMessage());
      array(w.name("threat_object"), e.threatObjects());
      array(w.name("threat_object_type"), e.threatObjectTypes());
      w.name("search_name").value(e.searchName());
      w.name("source").value(e.searchName());
      w.name("rule_id").value(e.ruleId());
      w.name("rule_title").value(e.ruleTitle());
      w.name("annotations").beginObject();
      array(w.name("mitre_attack"), e.mitreAttack());
      if (tactics != null) {
        TacticTable.Annotations attack = tactics.annotate(e.mitreAttack());
        array(w.name("mitre_attack.mitre_technique_id"), attack.techniqueIds());
        array(w.name("mitre_attack.mitre_technique"), attack.techniqueNames());
        array(w.name("mitre_attack.mitre_tactic_id"), attack.tacticIds());
        array(w.name("mitre_attack.mitre_tactic"), attack.tactics());
        if (!attack.techniqueIds().isEmpty()) {
          array(w.name("_all"), attack.techniqueIds());
          array(w.name("_frameworks"), List.of("mitre_attack"));
        }
      }
      array(w.name("analytic_story"), e.analyticStories());
      w.endObject();
      array(w.name("analyticstories"), e.analyticStories());
      array(w.name("risk_modifiers"), e.modifiers());
      w.name("risk_event_id").value(e.id());
      if (origLocation != null) {
        w.name("orig_location").value(origLocation);
      }
      for (String origin : ORIGIN_ROW_FIELDS) {
        List<String> values = e.fields().get(origin);
        if (values != null && !values.isEmpty()) {
          field(w, origin, values);
        }
      }
      for (Map.Entry<String, List<String>> f : e.fields().entrySet()) {
        if (!RiskEventFields.copied(f.getKey())) {
          continue;
        }
        field(w, f.getKey(), f.getValue());
      }
      w.endObject();
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    return sw.toString();
  }

  /** A string for one value, an array for several. */
  private static void field(JsonWriter w, String name, List<String> values) throws IOException {
    if (values.size() == 1) {
      w.name(name).value(values.get(0));
    } else {
      array(w.name(name), values);
    }
  }

  private static void array(JsonWriter w, List<String> values) throws IOException {
    w.beginArray();
    for (String v : values) {
      w.value(v);
    }
    w.endArray();
  }
}
