package org.idetunnelrisk.splunk;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.RiskEvent;

/**
 * One {@link RiskEvent} as an HTTP Event Collector event object:
 * {@code {"time":1790860000.123,"host":..,"source":<search_name>,"sourcetype":"stash","index":..,"event":{..}}}.
 * The {@code event} object holds the same keys as {@link RiskEventText}, multivalue fields as arrays of
 * strings. gson escapes the JSON, so values cannot break out. Stateless and thread-safe.
 */
final class RiskEventJson {
  private RiskEventJson() {}

  static String hecEvent(RiskEvent event, RiskWriteOptions options, double fallbackTime) {
    double time = Double.isFinite(event.time()) ? event.time() : fallbackTime;
    JsonObject o = new JsonObject();
    o.addProperty("time", BigDecimal.valueOf(time).setScale(3, RoundingMode.HALF_UP));
    o.addProperty("host", options.hostFor(event));
    o.addProperty("source", event.searchName());
    o.addProperty("sourcetype", "stash");
    o.addProperty("index", options.index());
    JsonObject e = new JsonObject();
    e.addProperty("risk_object", event.riskObject());
    e.addProperty("risk_object_type", event.riskObjectType());
    e.addProperty("risk_score", Integer.toString(event.riskScore()));
    e.addProperty("risk_message", event.riskMessage());
    list(e, "threat_object", event.threatObjects());
    list(e, "threat_object_type", event.threatObjectTypes());
    e.addProperty("search_name", event.searchName());
    list(e, "annotations.mitre_attack", event.mitreAttack());
    list(e, "annotations.analytic_story", event.analyticStories());
    list(e, "analyticstories", event.analyticStories());
    e.addProperty("rule_id", event.ruleId());
    e.addProperty("rule_title", event.ruleTitle());
    e.addProperty("risk_event_id", event.id());
    list(e, "risk_modifiers", event.modifiers());
    for (Map.Entry<String, List<String>> f : event.fields().entrySet()) {
      if (!RiskEventText.validName(f.getKey())) {
        throw new IllegalArgumentException("risk event " + event.id() + ": field name '" + f.getKey()
            + "' is not allowed (expected [A-Za-z0-9_.]+)");
      }
      if (!RiskEventText.RESERVED.contains(f.getKey())) {
        list(e, f.getKey(), f.getValue());
      }
    }
    o.add("event", e);
    return o.toString();
  }

  private static void list(JsonObject o, String key, List<String> values) {
    if (values == null || values.isEmpty()) {
      return;
    }
    if (values.size() == 1) {
      o.addProperty(key, values.get(0));
      return;
    }
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    o.add(key, a);
  }
}
