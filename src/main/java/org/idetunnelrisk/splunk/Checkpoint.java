package org.idetunnelrisk.splunk;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where one poller stands: the end of the last fully committed window, the ids of the risk events already
 * written for the window being committed (so a re-run after a crash mid-window skips them), and the ids of
 * the batch being sent right now (a crash between Splunk's answer and the next save leaves them here; the
 * next run asks the risk index which of them landed before sending them again).
 * Stored as {@code {"_key":..,"latest":..,"written_ids":[..],"in_flight_ids":[..],"updated":..}}.
 *
 * @param key stanza and feed, e.g. {@code corp_endpoints:sysmon}
 * @param latest epoch seconds: every event before this has been scored and written
 * @param writtenIds ids of risk events written in the window after {@code latest} (empty once it is committed)
 * @param inFlightIds ids of risk events sent but not yet known to be written (empty between batches)
 * @param updated epoch seconds of this save
 */
public record Checkpoint(String key, long latest, List<String> writtenIds, List<String> inFlightIds, long updated) {

  public Checkpoint {
    Objects.requireNonNull(key, "key");
    writtenIds = List.copyOf(writtenIds);
    inFlightIds = List.copyOf(inFlightIds);
  }

  /** A checkpoint with nothing in flight. */
  public Checkpoint(String key, long latest, List<String> writtenIds, long updated) {
    this(key, latest, writtenIds, List.of(), updated);
  }

  JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("_key", key);
    o.addProperty("latest", latest);
    JsonArray ids = new JsonArray();
    writtenIds.forEach(ids::add);
    o.add("written_ids", ids);
    JsonArray flying = new JsonArray();
    inFlightIds.forEach(flying::add);
    o.add("in_flight_ids", flying);
    o.addProperty("updated", updated);
    return o;
  }

  /**
   * Reads the stored form.
   *
   * @throws IllegalArgumentException naming the missing or wrong field
   */
  static Checkpoint fromJson(String key, JsonObject o) {
    long latest = number(o, "latest");
    long updated = o.has("updated") ? number(o, "updated") : 0;
    return new Checkpoint(key, latest, strings(o, "written_ids"), strings(o, "in_flight_ids"), updated);
  }

  private static List<String> strings(JsonObject o, String name) {
    List<String> ids = new ArrayList<>();
    JsonElement w = o.get(name);
    if (w != null && !w.isJsonNull()) {
      if (!w.isJsonArray()) {
        throw new IllegalArgumentException(name + " is not an array");
      }
      for (JsonElement e : w.getAsJsonArray()) {
        ids.add(e.getAsString());
      }
    }
    return ids;
  }

  private static long number(JsonObject o, String name) {
    JsonElement e = o.get(name);
    if (e == null || !e.isJsonPrimitive()) {
      throw new IllegalArgumentException("field " + name + " is missing");
    }
    try {
      return (long) Double.parseDouble(e.getAsString());
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("field " + name + " is not a number: '" + e.getAsString() + "'");
    }
  }
}
