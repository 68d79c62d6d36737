package org.idetunnelrisk.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A row of Splunk search results as the records of the event it holds, read one way by all three paths: the
 * modular input (export rows from splunkd), the alert action (its results file) and {@code scan} (a CSV
 * results export, or JSON export rows: {@link Record#searchResult()}). So a risk event gets the same id
 * whichever path found its event (what identifies an event is then the normalizer's to say).
 *
 * <ul>
 *   <li>A row whose {@code _raw} is event XML, JSON or Splunk's classic WinEventLog text (as the Windows add-on
 *       writes it with {@code renderXml = false}) is parsed by the same readers {@code scan} uses (no add-on's
 *       field extractions are needed), with the row's {@code _time} kept; its other fields are Splunk's
 *       ({@code host}, {@code source}, {@code splunk_server}...) and are not the event's.
 *   <li>Any other row is its own fields, without Splunk's internal fields ({@code _*} but {@code _time}) and
 *       without the word {@code null} that {@code tstats} writes for a missing value. Aggregates such as
 *       {@code count}, {@code firstTime}, {@code lastTime} or {@code values(...)} stay fields, for rules and
 *       messages; they are not part of the event's identity. Any other {@code _raw} (syslog, say) is the
 *       record's raw text, for keyword rules; but a syslog line that
 *       carries an event's XML after its header (Sysmon for Linux) is read as that event.
 * </ul>
 *
 * <p>A {@code _raw} that does not parse (Splunk truncates long events, which breaks their XML) is reported,
 * and the row's own fields are read instead: an attacker padding a command line must not hide the event.
 * Stateless.
 */
public final class RowRecords {
  /** A syslog header (optional priority, then no {@code <}) before an event's XML on the first line. */
  private static final Pattern SYSLOG_EVENT = Pattern.compile("\\s*(?:<\\d{1,3}>)?[^<\\n]+?(?=<Event[ >])");
  /** A syslog priority such as {@code <13>}: no XML starts so, since a name cannot start with a digit. */
  private static final Pattern SYSLOG_PRIORITY = Pattern.compile("\\s*<\\d");

  private RowRecords() {}

  /**
   * The records of a row the modular input got from splunkd.
   *
   * @param origin names the source in messages ({@code splunk:sysmon})
   * @param n the row's number, 1-based
   * @param parseRaw whether a structured {@code _raw} is parsed (raw feeds)
   * @param unreadable told a one-line message when the row's {@code _raw} cannot be read (the row's own fields
   *     are read then)
   */
  public static List<Record> of(Map<String, List<String>> row, String origin, long n, boolean parseRaw,
      Consumer<String> unreadable) {
    return of(row, origin, n, n, origin + " row " + n, parseRaw, unreadable);
  }

  /**
   * The records of a search result row read from a file ({@link Record#searchResult()}: a results CSV, a
   * JSON export), keeping its origin and line; messages name it as {@code file:line}. Any other record is
   * returned as it is.
   */
  public static List<Record> of(Record row, Consumer<String> unreadable) {
    if (!row.searchResult()) {
      return List.of(row);
    }
    return of(row.fields(), row.origin(), row.line(), row.number(), row.origin() + ":" + row.line(), true,
        unreadable);
  }

  private static List<Record> of(Map<String, List<String>> row, String origin, long line, long number,
      String place, boolean parseRaw, Consumer<String> unreadable) {
    List<String> raw = row.get("_raw");
    int start = raw == null || raw.isEmpty() ? -1 : eventStart(raw.get(0));
    if (parseRaw && start >= 0) {
      List<Record> out = new ArrayList<>(1);
      byte[] event = raw.get(0).substring(start).getBytes(StandardCharsets.UTF_8);
      try (RecordReader r = Readers.open(new ByteArrayInputStream(event), "_raw")) {
        Record rec;
        while ((rec = r.next()) != null) {
          Map<String, List<String>> fields = new LinkedHashMap<>(rec.fields());
          List<String> time = row.get("_time");
          if (time != null && !fields.containsKey("_time")) {
            fields.put("_time", time);
          }
          out.add(new Record(origin, line, number, fields, rec.raw()));
        }
      } catch (InputException | IOException e) {
        unreadable.accept(place + ": the row could not be read from _raw (" + e.getMessage()
            + "); scoring the row's fields instead");
        return List.of(fieldsRecord(row, origin, line, number));
      }
      return out;
    }
    return List.of(fieldsRecord(row, origin, line, number));
  }

  private static Record fieldsRecord(Map<String, List<String>> row, String origin, long line, long number) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> f : row.entrySet()) {
      String name = f.getKey();
      if (name.startsWith("_") && !name.equals("_time")) {
        continue;
      }
      List<String> values = new ArrayList<>(f.getValue());
      // tstats fills missing split-by values with the word null (fillnull_value=null): no value.
      values.removeIf(v -> v.equals("null"));
      if (!values.isEmpty()) {
        fields.put(name, values);
      }
    }
    // Raw text not in a format the readers parse is Splunk's own event text: keyword rules search it. A
    // structured _raw that did not parse is cut short, so its fields are searched instead.
    List<String> raw = row.get("_raw");
    String text = raw == null || raw.isEmpty() || eventStart(raw.get(0)) >= 0 ? null : raw.get(0);
    return new Record(origin, line, number, fields, text);
  }

  /**
   * Whether raw text is event XML or JSON. Classic WinEventLog text is told apart by {@link #eventStart}; other
   * raw text (syslog) is left to Splunk's own field extractions: the row's fields are read instead.
   */
  public static boolean structured(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        return c == '<' || c == '{';
      }
    }
    return false;
  }

  /**
   * Where the event the readers parse starts in raw text: for Sysmon for Linux as syslog stores it
   * ({@code Nov 23 12:00:00 devbox sysmon: <Event><System>...}, with or without a {@code <13>} priority), at the
   * {@code <Event>} after the header on the first line; else at 0 when the text is {@link #structured} or
   * classic WinEventLog text ({@link Sniff#winEventLog}); else -1. Event XML or JSON is never searched for an
   * {@code <Event>} inside it (a value could hold one).
   */
  static int eventStart(String raw) {
    boolean structured = structured(raw);
    if (structured && !SYSLOG_PRIORITY.matcher(raw).lookingAt()) {
      return 0;
    }
    Matcher m = SYSLOG_EVENT.matcher(raw);
    if (m.lookingAt()) {
      return m.end();
    }
    return structured || Sniff.winEventLog(raw.substring(0, Math.min(raw.length(), 1024)).getBytes(StandardCharsets.UTF_8))
        ? 0 : -1;
  }
}
