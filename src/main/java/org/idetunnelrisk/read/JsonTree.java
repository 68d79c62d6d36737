package org.idetunnelrisk.read;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.util.Map;

/**
 * Reads one JSON value into a gson tree, keeping every value of a repeated key: gson's own adapter keeps
 * only the last one, so <code>{"user":"alice","user":"SYSTEM"}</code> would hide {@code alice} from the
 * rules. Here a repeated key's values are merged: two objects into one object (recursively), anything else
 * into one array, which the reader then gives as a multivalue field. Numbers keep their literal text.
 * Nesting is bounded by the {@link JsonReader}'s nesting limit. Stateless and thread-safe.
 */
final class JsonTree {
  private JsonTree() {}

  static JsonElement read(JsonReader in) throws IOException {
    switch (in.peek()) {
      case BEGIN_OBJECT: {
        JsonObject o = new JsonObject();
        in.beginObject();
        while (in.hasNext()) {
          String name = in.nextName();
          put(o, name, read(in));
        }
        in.endObject();
        return o;
      }
      case BEGIN_ARRAY: {
        JsonArray a = new JsonArray();
        in.beginArray();
        while (in.hasNext()) {
          a.add(read(in));
        }
        in.endArray();
        return a;
      }
      case STRING:
        return new JsonPrimitive(in.nextString());
      case NUMBER:
        return new JsonPrimitive(new Literal(in.nextString()));
      case BOOLEAN:
        return new JsonPrimitive(in.nextBoolean());
      case NULL:
        in.nextNull();
        return JsonNull.INSTANCE;
      default:
        throw new IllegalStateException("expected a JSON value but found " + in.peek());
    }
  }

  private static void put(JsonObject o, String name, JsonElement value) {
    JsonElement old = o.get(name);
    o.add(name, old == null ? value : merge(old, value));
  }

  private static JsonElement merge(JsonElement old, JsonElement value) {
    if (old.isJsonObject() && value.isJsonObject()) {
      JsonObject o = old.getAsJsonObject();
      for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
        put(o, e.getKey(), e.getValue());
      }
      return o;
    }
    JsonArray a = new JsonArray();
    addAll(a, old);
    addAll(a, value);
    return a;
  }

  private static void addAll(JsonArray a, JsonElement e) {
    if (e.isJsonArray()) {
      a.addAll(e.getAsJsonArray());
    } else {
      a.add(e);
    }
  }

  /** A JSON number as written, so {@code 1.50} stays {@code 1.50}. */
  private static final class Literal extends Number {
    private final String text;

    Literal(String text) {
      this.text = text;
    }

    @Override
    public int intValue() {
      return (int) doubleValue();
    }

    @Override
    public long longValue() {
      return (long) doubleValue();
    }

    @Override
    public float floatValue() {
      return (float) doubleValue();
    }

    @Override
    public double doubleValue() {
      return Double.parseDouble(text);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
