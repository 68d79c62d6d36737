package org.idetunnelrisk.alert;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.idetunnelrisk.splunk.SessionKey;

/**
 * The JSON payload splunkd writes to the alert action's stdin ({@code payload_format = json}):
 * <pre>{@code
 * {"app": "...", "owner": "...", "server_host": "...", "server_uri": "https://127.0.0.1:8089",
 *  "session_key": "...", "sid": "...", "search_name": "...", "results_file": ".../results.csv.gz",
 *  "results_link": "...", "configuration": {"index": "risk", ...}, "result": {"dest": "ws1", ...}}
 * }</pre>
 * Extra keys are ignored, missing optional ones read as empty; {@code server_uri}, {@code session_key} and
 * {@code results_file} are required. A JSON null counts as missing. Scalar fields must be strings;
 * {@code configuration} values may be any scalar (read as text); {@code result} values may also be lists of
 * strings (joined with newlines, as Splunk joins multivalue fields). Every problem is an
 * {@link AlertException} naming the key and the type found. {@link #toString()} hides the session key.
 * Immutable.
 *
 * @param app the app the alert runs in
 * @param owner the alert's owner
 * @param serverHost the search head's host name
 * @param serverUri the management URI
 * @param sessionKey the session key for the REST API
 * @param sid the search job id
 * @param searchName the saved search name (empty for ad-hoc {@code sendalert})
 * @param resultsFile the path of the gzipped CSV of all results, unchecked ({@link ResultsFile} checks it)
 * @param resultsLink link to the results in Splunk Web
 * @param searchUri REST path of the saved search (newer Splunk versions)
 * @param configuration the merged {@code param.*} values, key without the {@code param.} prefix
 * @param result the first result row
 */
public record AlertPayload(
    String app,
    String owner,
    String serverHost,
    String serverUri,
    Optional<SessionKey> sessionKey,
    String sid,
    String searchName,
    String resultsFile,
    String resultsLink,
    String searchUri,
    Map<String, String> configuration,
    Map<String, String> result) {

  /** Most nesting a payload may have; Splunk's has three levels. */
  static final int NESTING_LIMIT = 32;

  public AlertPayload {
    configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
    result = Collections.unmodifiableMap(new LinkedHashMap<>(result));
  }

  /** Parses one payload document (the whole of stdin, already read). */
  public static AlertPayload parse(String json) {
    JsonElement root = read(json);
    if (!root.isJsonObject()) {
      throw new AlertException("payload: expected a JSON object but was " + typeOf(root));
    }
    JsonObject o = root.getAsJsonObject();
    String serverUri = required(o, "server_uri");
    String sessionKey = required(o, "session_key");
    String resultsFile = required(o, "results_file");
    return new AlertPayload(
        optional(o, "app"),
        optional(o, "owner"),
        optional(o, "server_host"),
        serverUri,
        sessionKey == null || sessionKey.isBlank() ? Optional.<SessionKey>empty()
            : Optional.of(new SessionKey(sessionKey.strip())),
        optional(o, "sid"),
        optional(o, "search_name"),
        resultsFile,
        optional(o, "results_link"),
        optional(o, "search_uri"),
        map(o, "configuration", false),
        map(o, "result", true));
  }

  private static JsonElement read(String json) {
    if (json.isBlank()) {
      throw new AlertException("payload: no JSON on stdin");
    }
    JsonReader reader = new JsonReader(new StringReader(json));
    reader.setStrictness(Strictness.STRICT);
    reader.setNestingLimit(NESTING_LIMIT);
    try {
      JsonElement root = JsonParser.parseReader(reader);
      if (!atEnd(reader)) {
        throw new AlertException("payload: more than one JSON value on stdin");
      }
      return root;
    } catch (JsonParseException | IllegalStateException e) {
      throw new AlertException("payload: malformed JSON (" + gsonMessage(e) + ")");
    }
  }

  private static boolean atEnd(JsonReader reader) {
    try {
      return reader.peek() == JsonToken.END_DOCUMENT;
    } catch (IOException | IllegalStateException e) {
      return false;
    }
  }

  private static String required(JsonObject o, String key) {
    JsonElement value = o.get(key);
    if (value == null || value.isJsonNull()) {
      throw new AlertException("payload: missing '" + key + "'");
    }
    String text = string(value, key);
    if (text.isBlank()) {
      throw new AlertException("payload: '" + key + "' is empty");
    }
    return text;
  }

  private static String optional(JsonObject o, String key) {
    JsonElement value = o.get(key);
    return value == null || value.isJsonNull() ? "" : string(value, key);
  }

  private static String string(JsonElement value, String key) {
    if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
      return value.getAsString();
    }
    throw new AlertException("payload: '" + key + "' must be a string but was " + typeOf(value));
  }

  private static Map<String, String> map(JsonObject o, String key, boolean listsAllowed) {
    JsonElement value = o.get(key);
    Map<String, String> map = new LinkedHashMap<>();
    if (value == null || value.isJsonNull()) {
      return map;
    }
    if (!value.isJsonObject()) {
      throw new AlertException("payload: '" + key + "' must be an object but was " + typeOf(value));
    }
    for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
      String name = key + "." + entry.getKey();
      map.put(entry.getKey(), scalarOrList(entry.getValue(), name, listsAllowed));
    }
    return map;
  }

  private static String scalarOrList(JsonElement value, String name, boolean listsAllowed) {
    if (value.isJsonNull()) {
      return "";
    }
    if (value.isJsonPrimitive()) {
      return value.getAsString();
    }
    if (listsAllowed && value.isJsonArray()) {
      JsonArray array = value.getAsJsonArray();
      StringBuilder joined = new StringBuilder();
      for (JsonElement item : array) {
        if (!(item.isJsonPrimitive() && item.getAsJsonPrimitive().isString())) {
          throw new AlertException("payload: '" + name + "' must be a list of strings but held " + typeOf(item));
        }
        if (joined.length() > 0) {
          joined.append('\n');
        }
        joined.append(item.getAsString());
      }
      return joined.toString();
    }
    String expected = listsAllowed ? "a string or a list of strings" : "a string";
    throw new AlertException("payload: '" + name + "' must be " + expected + " but was " + typeOf(value));
  }

  static String typeOf(JsonElement value) {
    if (value.isJsonNull()) {
      return "null";
    }
    if (value.isJsonObject()) {
      return "an object";
    }
    if (value.isJsonArray()) {
      return "an array";
    }
    JsonPrimitive p = value.getAsJsonPrimitive();
    return p.isBoolean() ? "a boolean" : p.isNumber() ? "a number" : "a string";
  }

  private static String gsonMessage(Exception e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() != null
        && (t.getMessage().startsWith("java.") || t.getMessage().startsWith("com.google."))) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int see = message.indexOf("\nSee ");
    message = see >= 0 ? message.substring(0, see) : message;
    // gson advises its own API to the caller ("Use JsonReader.setStrictness(...) to accept malformed JSON"):
    // not for an admin reading splunkd.log.
    String advice = "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON ";
    int at = message.indexOf(advice);
    return at >= 0 ? message.substring(0, at) + message.substring(at + advice.length()) : message;
  }

  @Override
  public String toString() {
    return "AlertPayload[app=" + app + ", owner=" + owner + ", serverHost=" + serverHost + ", serverUri=" + serverUri
        + ", sessionKey=" + sessionKey + ", sid=" + sid + ", searchName=" + searchName + ", resultsFile="
        + resultsFile + ", resultsLink=" + resultsLink + ", searchUri=" + searchUri + ", configuration="
        + configuration + ", result=" + result + "]";
  }
}
