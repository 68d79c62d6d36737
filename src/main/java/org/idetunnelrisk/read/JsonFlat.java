package org.idetunnelrisk.read;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object read straight into flattened fields, as {@link JsonLinesReader} flattens its gson tree
 * ({@link JsonTree}), without building the tree: nested objects as dotted names, array elements as the
 * values of the array's name (an object or array inside one as its JSON text), numbers as written, booleans
 * as {@code true}/{@code false}, nulls left out. Also notes what the reader needs to tell a Splunk export row:
 * the top-level keys, whether {@code preview} is {@code true} and what {@code result} is.
 *
 * <p>A repeated key (at any depth) makes {@link #read} return null: the tree merges repeated keys (see
 * {@link JsonTree}), and the reader then takes that path, so both give the same fields in the same order.
 * Not thread-safe: one per line.
 */
final class JsonFlat {
  /** What a top-level member named {@code result} held: none, an object, or anything else (null included). */
  enum Result { ABSENT, OBJECT, OTHER }

  final Map<String, List<String>> fields = new LinkedHashMap<>();
  final Set<String> topKeys = new HashSet<>();
  boolean previewTrue;
  Result result = Result.ABSENT;

  private JsonFlat() {}

  /**
   * Reads the object at the reader's position (gson's own errors propagate, as the tree's would); null when
   * a key repeats.
   */
  static JsonFlat read(JsonReader in) throws IOException {
    JsonFlat f = new JsonFlat();
    in.beginObject();
    while (in.hasNext()) {
      String name = in.nextName();
      if (!f.topKeys.add(name)) {
        return null;
      }
      JsonToken t = in.peek();
      if (name.equals("preview") && t == JsonToken.BOOLEAN) {
        boolean b = in.nextBoolean();
        f.previewTrue = b;
        f.add(name, Boolean.toString(b));
        continue;
      }
      if (name.equals("result")) {
        f.result = t == JsonToken.BEGIN_OBJECT ? Result.OBJECT : Result.OTHER;
      }
      if (!f.value(name, in)) {
        return null;
      }
    }
    in.endObject();
    return f;
  }

  /** The fields under {@code result}, named within it (the fields of an export row). */
  Map<String, List<String>> resultFields() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : fields.entrySet()) {
      if (e.getKey().startsWith("result.")) {
        out.put(e.getKey().substring("result.".length()), e.getValue());
      }
    }
    return out;
  }

  /** One member's value under {@code name}; false when a key repeats inside it. */
  private boolean value(String name, JsonReader in) throws IOException {
    switch (in.peek()) {
      case BEGIN_OBJECT: {
        Set<String> keys = new HashSet<>();
        in.beginObject();
        while (in.hasNext()) {
          String k = in.nextName();
          if (!keys.add(k) || !value(name + "." + k, in)) {
            return false;
          }
        }
        in.endObject();
        return true;
      }
      case BEGIN_ARRAY: {
        List<String> vals = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
          JsonToken t = in.peek();
          if (t == JsonToken.BEGIN_OBJECT || t == JsonToken.BEGIN_ARRAY) {
            vals.add(JsonTree.read(in).toString());
          } else if (t == JsonToken.NULL) {
            in.nextNull();
          } else {
            vals.add(scalar(in, t));
          }
        }
        in.endArray();
        if (!vals.isEmpty()) {
          fields.computeIfAbsent(name, k -> new ArrayList<>()).addAll(vals);
        }
        return true;
      }
      case NULL:
        in.nextNull();
        return true;
      default:
        add(name, scalar(in, in.peek()));
        return true;
    }
  }

  private static String scalar(JsonReader in, JsonToken t) throws IOException {
    if (t == JsonToken.BOOLEAN) {
      return Boolean.toString(in.nextBoolean());
    }
    return in.nextString(); // a string's text, or a number as written
  }

  private void add(String name, String value) {
    fields.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
  }
}
