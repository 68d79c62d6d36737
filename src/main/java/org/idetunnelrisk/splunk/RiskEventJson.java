package org.idetunnelrisk.splunk;

import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.idetunnelrisk.engine.RiskEvent;

/**
 * One {@link RiskEvent} as an HTTP Event Collector event object:
 * {@code {"time":1790860000.123,"host":..,"source":<search_name>,"sourcetype":"stash","index":..,"event":"<text>"}}.
 * The {@code event} is the very text {@link RiskEventText} renders for receivers/simple, so a risk event's
 * {@code _raw} is the same whichever way it was sent, and the risk datamodel reads it the same way (a JSON
 * object there would become JSON {@code _raw}, which {@code stash} does not extract). gson escapes the JSON,
 * so values cannot break out. Stateless and thread-safe.
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
    o.addProperty("event", RiskEventText.render(event, options, fallbackTime));
    return o.toString();
  }

}
