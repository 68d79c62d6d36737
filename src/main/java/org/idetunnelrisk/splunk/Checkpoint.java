package org.idetunnelrisk.splunk;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where one poller stands: the end of the last fully committed window, and the ids of the risk events
 * already written for the window being committed (so a re-run after a crash mid-window skips them).
 * Stored as {@code {"_key":..,"latest":..,"written_ids":[..],"updated":..}}.
 *
 * @param key stanza and feed, e.g. {@code corp_endpoints:sysmon}
 * @param latest epoch seconds: every event before this has been scored and written
 * @param writtenIds ids of risk events written in the window after {@code latest} (empty once it is committed)
 * @param updated epoch seconds of this save
 */
public record Checkpoint(String key, long latest, List<String> writtenIds, long updated) {

  public Checkpoint {
    Objects.requireNonNull(key, "key");
    writtenIds = List.copyOf(writtenIds);
  }

  JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("_key", key);
    o.addProperty("latest", latest);
    JsonArray ids = new JsonArray();
    writtenIds.forEach(ids::add);
    o.add("written_ids", ids);
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
    List<String> ids = new ArrayList<>();
    JsonElement w = o.get("written_ids");
    if (w != null && !w.isJsonNull()) {
      if (!w.isJsonArray()) {
        throw new IllegalArgumentException("written_ids is not an array");
      }
      for (JsonElement e : w.getAsJsonArray()) {
        ids.add(e.getAsString());
      }
    }
    return new Checkpoint(key, latest, ids, updated);
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
