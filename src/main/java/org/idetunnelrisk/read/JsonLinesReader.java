package org.idetunnelrisk.read;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON lines: one JSON object per line, read one line at a time.
 *
 * <p>Values: strings as they are; numbers and booleans as their JSON text; null as no field; arrays as a
 * multivalue field (each element's string form, nested objects or arrays as their JSON text); nested
 * objects flattened with dotted names ({@code a.b}). Splunk export rows
 * <code>{"preview":false,"offset":0,"result":{...}}</code> give their {@code result} object; preview rows
 * are skipped; rows holding only {@code messages} are skipped, except that a message of type
 * {@code ERROR} or {@code FATAL} is reported as a recoverable {@link InputException}. Blank lines are
 * skipped. A bad line is reported ({@code origin:line: why}) and skipped: every error is recoverable.
 * {@link Record#raw()} is the line text; the record of an export row is a {@link Record#searchResult()}.
 * Not thread-safe.
 */
final class JsonLinesReader implements RecordReader {
  private static final int QUOTE = 80;
  private static final Set<String> EXPORT_KEYS = Set.of("preview", "offset", "lastrow", "init_offset", "messages", "result");

  private final ByteLineReader lines;
  private final String origin;
  private final ReadLimits limits;
  private long number;
  /** Whether the line being read is a Splunk export row (its record is a search result). */
  private boolean exportRow;

  JsonLinesReader(InputStream in, String origin, ReadLimits limits) {
    this.lines = new ByteLineReader(in, limits.maxRecordBytes());
    this.origin = origin;
    this.limits = limits;
  }

  @Override
  public Record next() throws IOException {
    while (true) {
      String text = lines.readKeptLine();
      if (text == null) {
        return null;
      }
      long lineNo = lines.lineNumber();
      if (lines.tooLong()) {
        throw error(lineNo, "line longer than the limit of " + limits.maxRecordBytes() + " bytes");
      }
      if (lineNo == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      String trimmed = text.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.charAt(0) != '{') {
        throw error(lineNo, "not a JSON object: " + quote(trimmed));
      }
      JsonFlat flat = parse(trimmed, lineNo, JsonFlat::read);
      exportRow = flat != null && isExportRow(flat.topKeys);
      Map<String, List<String>> out;
      if (flat == null || isExportRow(flat.topKeys) && flat.result == JsonFlat.Result.ABSENT) {
        out = fromTree(trimmed, lineNo); // a repeated key, or a row of messages only
      } else if (!isExportRow(flat.topKeys)) {
        out = flat.fields;
      } else if (flat.previewTrue) {
        out = null;
      } else if (flat.result != JsonFlat.Result.OBJECT) {
        throw error(lineNo, "Splunk export row whose result is not an object: " + quote(trimmed));
      } else {
        out = flat.resultFields();
      }
      if (out == null) {
        continue;
      }
      return new Record(origin, lineNo, ++number, out, text, exportRow);
    }
  }

  /**
   * The fields of a line through gson's tree, which merges repeated keys ({@link JsonTree}), and reports the
   * ERROR and FATAL messages of a Splunk export row that holds only messages; null for a row to pass over.
   */
  private Map<String, List<String>> fromTree(String trimmed, long lineNo) {
    JsonObject obj = parse(trimmed, lineNo, r -> JsonTree.read(r).getAsJsonObject());
    JsonObject fields = obj;
    exportRow = isExportRow(obj.keySet());
    if (exportRow) {
      if (isTrue(obj.get("preview"))) {
        return null;
      }
      JsonElement result = obj.get("result");
      if (result == null) {
        reportMessages(obj.get("messages"), lineNo);
        return null;
      }
      if (!result.isJsonObject()) {
        throw error(lineNo, "Splunk export row whose result is not an object: " + quote(trimmed));
      }
      fields = result.getAsJsonObject();
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    flatten("", fields, out);
    return out;
  }

  /** Reads one JSON value of a line. */
  private interface Read<T> {
    T from(JsonReader reader) throws IOException;
  }

  private <T> T parse(String text, long lineNo, Read<T> how) {
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setNestingLimit(limits.maxDepth());
    try {
      T value = how.from(reader);
      if (value != null && !atEnd(reader)) {
        throw error(lineNo, "more than one JSON value on the line: " + quote(text));
      }
      return value;
    } catch (JsonParseException | IOException | IllegalStateException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (why.startsWith("Nesting limit")) {
        throw error(lineNo, "nested deeper than the limit of " + limits.maxDepth() + " levels");
      }
      throw error(lineNo, "malformed JSON: " + gsonReason(why));
    } catch (StackOverflowError e) {
      throw error(lineNo, "nested deeper than the limit of " + limits.maxDepth() + " levels");
    }
  }

  private static boolean atEnd(JsonReader reader) {
    try {
      return reader.peek() == JsonToken.END_DOCUMENT;
    } catch (IOException | JsonParseException e) {
      return false;
    }
  }

  /** gson's message without its exception prefix and troubleshooting link. */
  private static String gsonReason(String why) {
    String s = why;
    int colon = s.indexOf("Exception: ");
    if (colon >= 0) {
      s = s.substring(colon + "Exception: ".length());
    }
    int see = s.indexOf("\nSee https://");
    if (see < 0) {
      see = s.indexOf(" See https://");
    }
    return see >= 0 ? s.substring(0, see) : s;
  }

  /** Whether an object with these top-level keys is a Splunk export row. */
  private static boolean isExportRow(Set<String> keys) {
    return (keys.contains("result") || keys.contains("messages")) && EXPORT_KEYS.containsAll(keys);
  }

  private static boolean isTrue(JsonElement e) {
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() && e.getAsBoolean();
  }

  private void reportMessages(JsonElement messages, long lineNo) {
    if (messages == null || !messages.isJsonArray()) {
      return;
    }
    for (JsonElement m : messages.getAsJsonArray()) {
      if (!m.isJsonObject()) {
        continue;
      }
      JsonObject o = m.getAsJsonObject();
      String type = string(o.get("type"));
      if ("ERROR".equalsIgnoreCase(type) || "FATAL".equalsIgnoreCase(type)) {
        throw error(lineNo, "Splunk reported " + type + ": " + string(o.get("text")));
      }
    }
  }

  private static String string(JsonElement e) {
    return e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
  }

  static void flatten(String prefix, JsonObject obj, Map<String, List<String>> out) {
    for (Map.Entry<String, JsonElement> e : obj.entrySet()) {
      String name = prefix + e.getKey();
      JsonElement v = e.getValue();
      if (v.isJsonNull()) {
        continue;
      }
      if (v.isJsonObject()) {
        flatten(name + ".", v.getAsJsonObject(), out);
      } else if (v.isJsonArray()) {
        JsonArray a = v.getAsJsonArray();
        List<String> vals = new ArrayList<>(a.size());
        for (JsonElement x : a) {
          if (!x.isJsonNull()) {
            vals.add(x.isJsonPrimitive() ? primitive(x.getAsJsonPrimitive()) : x.toString());
          }
        }
        if (!vals.isEmpty()) {
          out.computeIfAbsent(name, k -> new ArrayList<>()).addAll(vals);
        }
      } else {
        out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(primitive(v.getAsJsonPrimitive()));
      }
    }
  }

  private static String primitive(JsonPrimitive p) {
    // Numbers keep their literal text (gson's LazilyParsedNumber), booleans "true"/"false".
    return p.getAsString();
  }

  private InputException error(long lineNo, String why) {
    return new InputException(origin + ":" + lineNo + ": " + why, true);
  }

  private static String quote(String text) {
    return text.length() <= QUOTE ? text : text.substring(0, QUOTE) + "...";
  }

  /** Skips, unparsed, every line {@code filter} rejects (see {@link LineFilter}). */
  void filter(LineFilter filter) {
    filter(filter, 0);
  }

  /** As {@link #filter(LineFilter)}, but the first {@code sample} lines are parsed whatever the filter says. */
  void filter(LineFilter filter, int sample) {
    lines.filter(filter, sample);
  }

  @Override
  public long skipped() {
    return lines.skipped();
  }

  @Override
  public String format() {
    return "jsonl";
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
