package org.idetunnelrisk.splunk;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of {@code search/jobs/export?output_mode=json}: concatenated JSON objects (gson
 * {@link JsonReader}, lenient), each maybe carrying {@code preview}, {@code offset}, {@code lastrow},
 * {@code result} and {@code messages}. Rows of {@code preview:true} objects are skipped; FATAL/ERROR
 * messages end the stream with {@code SEARCH_ERROR}; WARN messages are logged, INFO and DEBUG dropped. Values are strings
 * or arrays of strings; numbers and booleans are kept as their text, nulls and nested objects dropped.
 *
 * <p>Completeness: Splunk marks the last row of a result set with {@code "lastrow":true} (Splunk SDK docs,
 * "To work with results from an export search"; the SDK for Java's {@code ResultsReaderJson} ends a set
 * there), and a search with no results answers {@code {"preview":false,"lastrow":true}} without a
 * {@code result}. So once the stream has carried any row or end marker, the last of them must be a
 * {@code preview:false} object with {@code lastrow:true}; a stream that ends cleanly anywhere else was cut
 * short and the end is a {@code PROTOCOL} failure naming the rows read, never a quiet end. A body with no
 * row and no marker at all (empty, or messages only) reads as no results. Not thread-safe.
 */
final class ExportResults implements ResultStream {
  private final String endpoint;
  private final InputStream body;
  private final JsonReader reader;
  private final Log log;
  private final Redactor redactor;
  private long rows;
  private long objects;
  /** Whether any row or end marker (final or preview) was read. */
  private boolean rowsOrMarkers;
  /** Whether the last row or end marker read was the final set's {@code lastrow}. */
  private boolean ended;
  private boolean done;

  ExportResults(String endpoint, InputStream body, Log log, Redactor redactor) {
    this.endpoint = endpoint;
    this.body = body;
    this.reader = new JsonReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    this.reader.setStrictness(Strictness.LENIENT);
    this.log = log;
    this.redactor = redactor;
  }

  @Override
  public Map<String, List<String>> next() throws SplunkException {
    if (done) {
      return null;
    }
    try {
      while (true) {
        JsonToken token;
        try {
          token = reader.peek();
        } catch (EOFException e) {
          if (objects > 0) {
            throw e;
          }
          token = JsonToken.END_DOCUMENT; // gson reports an empty document as EOF: no results
        }
        if (token == JsonToken.END_DOCUMENT) {
          close();
          if (rowsOrMarkers && !ended) {
            throw new SplunkException(SplunkException.Kind.PROTOCOL, endpoint, 200, "result stream ended after "
                + rows + " rows without Splunk's end-of-results marker (lastrow): it was cut short");
          }
          return null;
        }
        if (token != JsonToken.BEGIN_OBJECT) {
          throw broken("expected an object but found " + token + " at " + reader.getPath());
        }
        reader.beginObject();
        objects++;
        boolean preview = false;
        boolean lastrow = false;
        boolean marker = false;
        Map<String, List<String>> row = null;
        List<String> errors = new ArrayList<>();
        while (reader.hasNext()) {
          switch (reader.nextName()) {
            case "preview" -> preview = readFlag();
            case "result" -> row = readRow();
            case "lastrow" -> {
              lastrow = readFlag();
              marker = true;
            }
            case "messages" -> readMessages(errors);
            default -> reader.skipValue();
          }
        }
        reader.endObject();
        if (row != null || marker) {
          rowsOrMarkers = true;
          ended = lastrow && !preview;
        }
        if (!errors.isEmpty()) {
          close();
          throw new SplunkException(SplunkException.Kind.SEARCH_ERROR, endpoint, 200,
              redactor.redact(String.join("; ", errors)));
        }
        if (row != null && !preview) {
          rows++;
          return row;
        }
      }
    } catch (IdleTimeoutStream.IdleTimeout e) {
      close();
      throw new SplunkException(SplunkException.Kind.TIMEOUT, endpoint, 200,
          "the result stream stalled: " + e.getMessage() + " after " + rows + " rows");
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      close();
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      int nl = m.indexOf('\n');
      throw broken(nl < 0 ? m : m.substring(0, nl));
    }
  }

  private SplunkException broken(String why) {
    close();
    return new SplunkException(SplunkException.Kind.PROTOCOL, endpoint, 200,
        "result stream broken after " + rows + " rows: " + redactor.redact(why));
  }

  private boolean readFlag() throws IOException {
    JsonToken t = reader.peek();
    if (t == JsonToken.BOOLEAN) {
      return reader.nextBoolean();
    }
    if (t == JsonToken.STRING || t == JsonToken.NUMBER) {
      String v = reader.nextString();
      return v.equals("true") || v.equals("1");
    }
    reader.skipValue();
    return false;
  }

  private Map<String, List<String>> readRow() throws IOException {
    Map<String, List<String>> row = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      JsonToken t = reader.peek();
      if (t == JsonToken.BEGIN_ARRAY) {
        List<String> values = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          String v = scalar();
          if (v != null) {
            values.add(v);
          }
        }
        reader.endArray();
        row.put(name, List.copyOf(values));
      } else {
        String v = scalar();
        if (v != null) {
          row.put(name, List.of(v));
        }
      }
    }
    reader.endObject();
    return row;
  }

  /** A string, number or boolean as text; null (after skipping) for null, objects and arrays. */
  private String scalar() throws IOException {
    return switch (reader.peek()) {
      case STRING, NUMBER -> reader.nextString();
      case BOOLEAN -> Boolean.toString(reader.nextBoolean());
      default -> {
        reader.skipValue();
        yield null;
      }
    };
  }

  private void readMessages(List<String> errors) throws IOException {
    if (reader.peek() != JsonToken.BEGIN_ARRAY) {
      reader.skipValue();
      return;
    }
    reader.beginArray();
    while (reader.hasNext()) {
      if (reader.peek() != JsonToken.BEGIN_OBJECT) {
        reader.skipValue();
        continue;
      }
      String type = "";
      String text = "";
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        if (name.equals("type") && reader.peek() == JsonToken.STRING) {
          type = reader.nextString();
        } else if (name.equals("text") && reader.peek() == JsonToken.STRING) {
          text = reader.nextString();
        } else {
          reader.skipValue();
        }
      }
      reader.endObject();
      if (type.equals("FATAL") || type.equals("ERROR")) {
        errors.add(type + ": " + text);
      } else if (type.equals("WARN")) {
        log.warn(endpoint + ": search message " + type + ": " + text);
      }
    }
    reader.endArray();
  }

  @Override
  public long rowsRead() {
    return rows;
  }

  @Override
  public void close() {
    if (done) {
      return;
    }
    done = true;
    try {
      body.close();
    } catch (IOException e) {
      // closing only releases the connection; nothing to report
    }
  }
}
