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
 */
public record Record(String origin, long line, long number, Map<String, List<String>> fields, String raw) {
  /** {@code origin:line N (record M)}, the place every message about this record names. */
  public String location() {
    return origin + ":" + line + " (record " + number + ")";
  }
}
