package org.idetunnelrisk.splunk.emulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonStreamParser;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code POST /services/collector/event} on the HEC credential ({@code Authorization: Splunk <hec-token>}):
 * concatenated event objects; replies {@code {"text":..,"code":N}} with HEC's codes 0 Success, 2 Token is
 * required, 3 Invalid authorization, 4 Invalid token, 5 No data, 6 Invalid data format, 7 Incorrect index,
 * 12 Event field is required. Accepted events are kept.
 */
public final class HecRoute extends Route {
  private final Set<String> indexes = Set.of("main", "risk");
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();

  HecRoute(FakeSplunk splunk) {
    super(splunk);
  }

  public List<JsonObject> events() {
    return List.copyOf(events);
  }

  @Override
  boolean authorized(RecordedRequest r) {
    return true; // checked in serve, with HEC's own codes
  }

  @Override
  void serve(HttpExchange ex, RecordedRequest r) throws IOException {
    String auth = r.header("Authorization");
    if (auth == null) {
      send(ex, 401, "{\"text\":\"Token is required\",\"code\":2}", null);
      return;
    }
    if (!auth.startsWith("Splunk ")) {
      send(ex, 401, "{\"text\":\"Invalid authorization\",\"code\":3}", null);
      return;
    }
    if (!auth.substring(7).equals(splunk.hecToken())) {
      send(ex, 403, "{\"text\":\"Invalid token\",\"code\":4}", null);
      return;
    }
    if (r.body().isBlank()) {
      send(ex, 400, "{\"text\":\"No data\",\"code\":5}", null);
      return;
    }
    List<JsonObject> batch = new ArrayList<>();
    try {
      JsonStreamParser p = new JsonStreamParser(r.body());
      while (p.hasNext()) {
        JsonElement e = p.next();
        if (!e.isJsonObject()) {
          send(ex, 400, "{\"text\":\"Invalid data format\",\"code\":6}", null);
          return;
        }
        batch.add(e.getAsJsonObject());
      }
    } catch (JsonParseException e) {
      send(ex, 400, "{\"text\":\"Invalid data format\",\"code\":6}", null);
      return;
    }
    if (batch.isEmpty()) {
      send(ex, 400, "{\"text\":\"No data\",\"code\":5}", null);
      return;
    }
    for (JsonObject o : batch) {
      if (!o.has("event")) {
        send(ex, 400, "{\"text\":\"Event field is required\",\"code\":12}", null);
        return;
      }
      if (o.has("index") && !indexes.contains(o.get("index").getAsString())) {
        send(ex, 400, "{\"text\":\"Incorrect index\",\"code\":7}", null);
        return;
      }
    }
    events.addAll(batch);
    send(ex, 200, "{\"text\":\"Success\",\"code\":0}", null);
  }
}
