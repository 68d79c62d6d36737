package org.idetunnelrisk.read;

import java.util.List;
import java.util.Map;

/**
 * One record as a format reader found it: field names exactly as the source wrote them, each to one or
 * more values (multivalue fields keep their order), plus where it was.
 *
 * @param origin the input's name (a file path, or what the caller named a stream)
 * @param line the 1-based line where the record starts (XML, JSON lines, CSV)
 * @param number the 1-based record number within the input
 * @param fields source field name to values; values are never null
 * @param raw the record's raw text when the reader keeps it (JSON line, XML event), else null
 * @param searchResult whether the record is a row of Splunk search results as Splunk wrote it (a CSV row, the
 *     {@code result} of a JSON export row), to be read as {@link RowRecords} reads one
 */
public record Record(String origin, long line, long number, Map<String, List<String>> fields, String raw,
    boolean searchResult) {
  /** A record that is not a Splunk search result row (an event as its source wrote it). */
  public Record(String origin, long line, long number, Map<String, List<String>> fields, String raw) {
    this(origin, line, number, fields, raw, false);
  }

  /** {@code origin:line N (record M)}, the place every message about this record names. */
  public String location() {
    return origin + ":" + line + " (record " + number + ")";
  }
}
