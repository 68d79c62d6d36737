package org.idetunnelrisk.splunk.emulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /servicesNS/nobody/ide_tunnel_risk/storage/collections/data/<collection>[/<key>]}: an in-memory
 * KV store. {@code GET <base>/<key>} gives the record with {@code _key} and {@code _user} or 404;
 * {@code POST <base>/<key>} replaces an existing record (404 when missing); {@code POST <base>} inserts
 * (201 {@code {"_key":..}}, 409 when the key exists). An undeclared collection answers 500, as splunkd
 * does; {@link #unavailable(boolean)} makes every call 503.
 */
public final class KvStoreRoute extends Route {
  public static final String PREFIX = "/servicesNS/nobody/ide_tunnel_risk/storage/collections/data/";
  private final Map<String, Map<String, JsonObject>> collections = new ConcurrentHashMap<>();
  private volatile boolean unavailable;

  KvStoreRoute(FakeSplunk splunk) {
    super(splunk);
    declare("ide_tunnel_risk_state");
  }

  public KvStoreRoute declare(String collection) {
    collections.putIfAbsent(collection, new ConcurrentHashMap<>());
    return this;
  }

  public KvStoreRoute unavailable(boolean down) {
    unavailable = down;
    return this;
  }

  /** Stores a record as if a client had saved it (its {@code _key} and {@code _user} are set here). */
  public KvStoreRoute put(String collection, String key, JsonObject record) {
    JsonObject r = record.deepCopy();
    r.addProperty("_key", key);
    r.addProperty("_user", "nobody");
    collections.get(collection).put(key, r);
    return this;
  }

  /** A copy of every record of the collection, by key. */
  public Map<String, JsonObject> records(String collection) {
    Map<String, JsonObject> out = new java.util.TreeMap<>();
    collections.get(collection).forEach((k, v) -> out.put(k, v.deepCopy()));
    return out;
  }

  /** Replaces every record of the collection with these (as {@link #records} gave them). */
  public KvStoreRoute replaceAll(String collection, Map<String, JsonObject> records) {
    Map<String, JsonObject> c = collections.get(collection);
    c.clear();
    records.forEach((k, v) -> c.put(k, v.deepCopy()));
    return this;
  }

  /** The stored record, or null. */
  public JsonObject record(String collection, String key) {
    Map<String, JsonObject> c = collections.get(collection);
    return c == null ? null : c.get(key);
  }

  @Override
  void serve(HttpExchange ex, RecordedRequest r) throws IOException {
    if (unavailable) {
      send(ex, 503, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"KV Store is initializing. Please try again later.\"}]}", null);
      return;
    }
    String rest = r.path().substring(PREFIX.length());
    int slash = rest.indexOf('/');
    String collection = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? null : URLDecoder.decode(rest.substring(slash + 1), StandardCharsets.UTF_8);
    Map<String, JsonObject> c = collections.get(collection);
    if (c == null) {
      send(ex, 500, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"Collection: " + collection + " does not exist\"}]}", null);
      return;
    }
    switch (r.method()) {
      case "GET" -> {
        JsonObject rec = key == null ? null : c.get(key);
        if (rec == null) {
          send(ex, 404, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"Could not find object.\"}]}", null);
        } else {
          send(ex, 200, rec.toString(), null);
        }
      }
      case "POST" -> {
        JsonElement body = JsonParser.parseString(r.body());
        if (!body.isJsonObject()) {
          send(ex, 400, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"expected a JSON object\"}]}", null);
          return;
        }
        JsonObject rec = body.getAsJsonObject().deepCopy();
        if (key != null) {
          if (!c.containsKey(key)) {
            send(ex, 404, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"Could not find object.\"}]}", null);
            return;
          }
          store(c, key, rec);
          send(ex, 200, "{\"_key\":\"" + key + "\"}", null);
          return;
        }
        String newKey = rec.has("_key") ? rec.get("_key").getAsString() : UUID.randomUUID().toString();
        if (c.containsKey(newKey)) {
          send(ex, 409, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"A document with the same key already exists\"}]}", null);
          return;
        }
        store(c, newKey, rec);
        send(ex, 201, "{\"_key\":\"" + newKey + "\"}", null);
      }
      default -> send(ex, 405, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"Method Not Allowed\"}]}", null);
    }
  }

  private static void store(Map<String, JsonObject> c, String key, JsonObject rec) {
    rec.addProperty("_key", key);
    rec.addProperty("_user", "nobody");
    c.put(key, rec);
  }
}
