package org.idetunnelrisk.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonFlat} against its definition: gson's tree ({@link JsonTree}) flattened as the reader flattens
 * it. Random objects with nesting, arrays of scalars, objects and arrays, nulls, numbers as written,
 * booleans, escapes, export-row keys, and now and then a repeated key (which must send the line to the tree).
 */
class JsonFlatTest {
  private static final String[] KEYS = {"a", "b", "Image", "result", "preview", "offset", "messages", "x.y", "", "\\u00e9"};

  private static String value(SplittableRandom r, int depth) {
    switch (depth > 3 ? r.nextInt(5) : r.nextInt(8)) {
      case 0: return "\"s" + r.nextInt(100) + "\\\\\\\"\\u0041\"";
      case 1: return r.nextBoolean() ? "1.50" : "-3e2";
      case 2: return r.nextBoolean() ? "true" : "false";
      case 3: return "null";
      case 4: return "\"C:\\\\x\\\\devtunnel.exe\"";
      case 5: return object(r, depth + 1);
      default: {
        StringBuilder sb = new StringBuilder("[");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          sb.append(i > 0 ? "," : "").append(value(r, depth + 1));
        }
        return sb.append(']').toString();
      }
    }
  }

  private static String object(SplittableRandom r, int depth) {
    StringBuilder sb = new StringBuilder("{");
    int n = r.nextInt(5);
    List<String> used = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String k = KEYS[r.nextInt(KEYS.length)];
      if (used.contains(k) && r.nextInt(4) != 0) {
        continue; // mostly distinct keys; a repeat now and then
      }
      used.add(k);
      sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":").append(value(r, depth));
    }
    return sb.append('}').toString();
  }

  private static JsonReader reader(String text) {
    JsonReader in = new JsonReader(new StringReader(text));
    in.setNestingLimit(64);
    return in;
  }

  @Test
  void flatFieldsAreTheTreesFlattened() throws IOException {
    SplittableRandom r = new SplittableRandom(31);
    int flat = 0;
    int repeated = 0;
    for (int round = 0; round < 30_000; round++) {
      String line = object(r, 0);
      JsonObject tree = JsonTree.read(reader(line)).getAsJsonObject();
      JsonFlat f = JsonFlat.read(reader(line));
      if (f == null) {
        repeated++;
        continue;
      }
      flat++;
      Map<String, List<String>> want = new LinkedHashMap<>();
      JsonLinesReader.flatten("", tree, want);
      assertEquals(new ArrayList<>(want.entrySet()), new ArrayList<>(f.fields.entrySet()), line);
      assertEquals(tree.keySet(), f.topKeys, line);
      JsonElement preview = tree.get("preview");
      assertEquals(preview != null && preview.isJsonPrimitive() && preview.getAsJsonPrimitive().isBoolean()
          && preview.getAsBoolean(), f.previewTrue, line);
      JsonElement result = tree.get("result");
      assertEquals(result == null ? JsonFlat.Result.ABSENT : result.isJsonObject() ? JsonFlat.Result.OBJECT : JsonFlat.Result.OTHER,
          f.result, line);
      if (result != null && result.isJsonObject()) {
        Map<String, List<String>> inner = new LinkedHashMap<>();
        JsonLinesReader.flatten("", result.getAsJsonObject(), inner);
        assertEquals(new ArrayList<>(inner.entrySet()), new ArrayList<>(f.resultFields().entrySet()), line);
      }
    }
    assertTrue(flat > 20_000 && repeated > 500, flat + " read flat, " + repeated + " with a repeated key");
  }

  @Test
  void aRepeatedKeyAtAnyDepthSendsTheLineToTheTree() throws IOException {
    assertNull(JsonFlat.read(reader("{\"a\":1,\"a\":2}")));
    assertNull(JsonFlat.read(reader("{\"o\":{\"a\":1,\"b\":[{\"c\":1}],\"a\":{}}}")));
    assertEquals(List.of("{\"c\":[1,2]}"),
        JsonFlat.read(reader("{\"b\":[{\"c\":1,\"c\":2}]}")).fields.get("b"), "inside an array the tree merges, as before");
  }
}
