package org.idetunnelrisk.app;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.idetunnelrisk.read.InputException;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;

/**
 * A Splunk result row as records for the engine, the same way for the modular input (export rows) and the
 * alert action (results file rows): when the row's {@code _raw} is event XML or JSON it is parsed by the same
 * readers {@code scan} uses (so no add-on's field extractions are needed, and a risk event gets the same id
 * whichever way its event arrived), with the row's {@code _time} kept; otherwise the row's own fields are the
 * record, without Splunk's internal fields, without tstats' per-run aggregates, and without the word
 * {@code null} tstats writes for missing values. Stateless.
 */
final class RowRecords {
  /** tstats aggregates that vary between runs over the same events; not part of an event's identity. */
  private static final Set<String> DATAMODEL_STATS = Set.of("count", "firstTime", "lastTime");

  private RowRecords() {}

  /**
   * @param origin names the source in messages ({@code splunk:sysmon}, a results file)
   * @param n the row's number, 1-based
   * @param parseRaw whether a structured {@code _raw} is parsed (raw feeds, results files)
   * @param unreadable told the message when the row's {@code _raw} cannot be read (the row's own fields are
   *     scored then)
   */
  static List<Record> of(Map<String, List<String>> row, String origin, long n, boolean parseRaw,
      Consumer<String> unreadable) {
    List<String> raw = row.get("_raw");
    if (parseRaw && raw != null && !raw.isEmpty() && structured(raw.get(0))) {
      List<Record> out = new ArrayList<>(1);
      try (RecordReader r = Readers.open(new ByteArrayInputStream(raw.get(0).getBytes(StandardCharsets.UTF_8)),
          origin + " row " + n)) {
        Record rec;
        while ((rec = r.next()) != null) {
          Map<String, List<String>> fields = new LinkedHashMap<>(rec.fields());
          List<String> time = row.get("_time");
          if (time != null && !fields.containsKey("_time")) {
            fields.put("_time", time);
          }
          out.add(new Record(origin, n, n, fields, rec.raw()));
        }
      } catch (InputException | IOException e) {
        // Splunk truncates long events (TRUNCATE), which breaks their XML: an attacker padding a command line
        // must not hide the event, so the row's own fields are scored instead.
        unreadable.accept("row " + n + " of " + origin + " could not be read from _raw (" + e.getMessage()
            + "); scoring the row's fields instead");
        return List.of(fieldsRecord(row, origin, n));
      }
      return out;
    }
    return List.of(fieldsRecord(row, origin, n));
  }

  private static Record fieldsRecord(Map<String, List<String>> row, String origin, long n) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> f : row.entrySet()) {
      String name = f.getKey();
      if ((name.startsWith("_") && !name.equals("_time")) || DATAMODEL_STATS.contains(name)) {
        continue;
      }
      List<String> values = new ArrayList<>(f.getValue());
      // tstats fills missing split-by values with the word null (fillnull_value=null): no value.
      values.removeIf(v -> v.equals("null"));
      if (!values.isEmpty()) {
        fields.put(name, values);
      }
    }
    return new Record(origin, n, n, fields, null);
  }

  /**
   * Whether raw text is a format the readers parse (event XML or JSON). Other raw text (classic WinEventLog,
   * syslog) is left to Splunk's own field extractions: the row's fields are scored instead.
   */
  static boolean structured(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        return c == '<' || c == '{';
      }
    }
    return false;
  }
}
