package org.idetunnelrisk.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV with a header row, as Splunk writes search results (RFC 4180): fields separated by commas, quoted
 * fields may hold commas, doubled quotes and line breaks; rows end with CRLF or LF; a UTF-8 BOM is skipped.
 *
 * <p>Splunk multivalue columns: a column {@code __mv_f} holding {@code $v1$;$v2$} (each value wrapped in
 * {@code $}, a {@code $} inside doubled) gives the values of {@code f} when non-empty; otherwise column
 * {@code f} is used. {@code __mv_*} columns are not fields themselves. Empty cells are absent fields.
 *
 * <p>Rows are first cut from the bytes whole ({@link CsvRecordCutter}); with a {@link LineFilter} (see
 * {@link #filter}), a data row the filter rejects is never decoded or split into cells: it is counted by
 * {@link #skipped()} and in record numbers, and is not checked for its number of columns.
 *
 * <p>Errors: a header with an empty or repeated name, or a quote left open at the end of input, is fatal;
 * a row with the wrong number of columns, or longer than the record limit (in bytes), is reported and
 * skipped. {@link Record#line()} is the line where the row starts, {@link Record#number()} the data row's
 * number (blank lines not counted); {@link Record#raw()} is null; every record is a
 * {@link Record#searchResult()}. Not thread-safe.
 */
final class CsvReader implements RecordReader {
  private static final String MV = "__mv_";

  private final CsvRecordCutter rows;
  private final String origin;
  private final ReadLimits limits;
  private LineFilter filter;
  /** Data rows at the start parsed whatever {@link #filter} says. */
  private int sample;
  private long skipped;
  private List<Column> columns;
  private int width;
  private long number;
  private boolean failed;
  // the row being parsed, set by readRow
  private String text;
  private int at;

  /** One output field: the plain column and the multivalue column that overrides it (either may be -1). */
  private record Column(String name, int plain, int mv) {}

  CsvReader(InputStream in, String origin, ReadLimits limits) {
    this.rows = new CsvRecordCutter(in, limits.maxRecordBytes());
    this.origin = origin;
    this.limits = limits;
  }

  /** From now on, data rows {@code filter} rejects (given a whole row's bytes) are skipped unparsed. */
  void filter(LineFilter filter) {
    filter(filter, 0);
  }

  /** As {@link #filter(LineFilter)}, but the first {@code sample} data rows are parsed whatever the filter says. */
  void filter(LineFilter filter, int sample) {
    this.filter = filter;
    this.sample = sample;
  }

  @Override
  public long skipped() {
    return skipped;
  }

  @Override
  public Record next() throws IOException {
    if (failed) {
      return null;
    }
    if (columns == null) {
      if (!nextNonBlank()) {
        return null;
      }
      if (rows.tooLong()) {
        throw fatal(rows.startLine(), "header longer than the limit of " + limits.maxRecordBytes() + " bytes");
      }
      List<String> header = readRow();
      columns = plan(header);
      width = header.size();
    }
    while (nextNonBlank()) {
      long line = rows.startLine();
      if (rows.unclosed()) {
        throw fatal(line, "quoted field not closed before the end of input");
      }
      if (rows.tooLong()) {
        throw new InputException(origin + ":" + line + ": row longer than the limit of "
            + limits.maxRecordBytes() + " bytes", true);
      }
      if (filter != null && number >= sample && !filter.candidate(rows.bytes(), rows.from(), rows.from() + rows.length())) {
        skipped++;
        number++;
        continue;
      }
      List<String> row = readRow();
      number++;
      if (row.size() != width) {
        throw new InputException(origin + ":" + line + ": expected " + width + " columns as in the header but found "
            + row.size(), true);
      }
      Map<String, List<String>> fields = new LinkedHashMap<>();
      for (Column c : columns) {
        List<String> vals = c.mv() >= 0 ? multivalue(row.get(c.mv())) : null;
        if (vals == null && c.plain() >= 0 && !row.get(c.plain()).isEmpty()) {
          vals = List.of(row.get(c.plain()));
        }
        if (vals != null) {
          fields.put(c.name(), vals);
        }
      }
      return new Record(origin, line, number, fields, null, true);
    }
    return null;
  }

  /** Cuts the next row that is not a blank line; false at the end of input. */
  private boolean nextNonBlank() throws IOException {
    while (rows.next()) {
      if (!rows.blank() || rows.unclosed()) {
        return true;
      }
    }
    return false;
  }

  private List<Column> plan(List<String> header) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (name.isEmpty()) {
        throw fatal(rows.startLine(), "header has an empty column name at position " + (i + 1));
      }
      Integer before = seen.putIfAbsent(name, i);
      if (before != null) {
        throw fatal(rows.startLine(), "header repeats column name '" + name + "' at positions " + (before + 1) + " and " + (i + 1));
      }
    }
    List<Column> out = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (name.startsWith(MV) && name.length() > MV.length()) {
        String base = name.substring(MV.length());
        if (!seen.containsKey(base)) {
          out.add(new Column(base, -1, i));
        }
      } else {
        Integer mv = seen.get(MV + name);
        out.add(new Column(name, i, mv == null ? -1 : mv));
      }
    }
    return List.copyOf(out);
  }

  /** The values of a {@code $v1$;$v2$} cell, or null when it is empty or not in that form. */
  static List<String> multivalue(String cell) {
    if (cell.isEmpty() || cell.charAt(0) != '$') {
      return null;
    }
    List<String> out = new ArrayList<>();
    StringBuilder v = new StringBuilder();
    int i = 1;
    int n = cell.length();
    while (true) {
      if (i >= n) {
        return null;
      }
      char c = cell.charAt(i);
      if (c == '$') {
        if (i + 1 < n && cell.charAt(i + 1) == '$') {
          v.append('$');
          i += 2;
          continue;
        }
        out.add(v.toString());
        v.setLength(0);
        i++;
        if (i == n) {
          return out;
        }
        if (cell.charAt(i) != ';' || i + 1 >= n || cell.charAt(i + 1) != '$') {
          return null;
        }
        i += 2;
      } else {
        v.append(c);
        i++;
      }
    }
  }

  /** The cells of the row just cut; a quote still open at its end (the end of input) is fatal. */
  private List<String> readRow() {
    text = new String(rows.bytes(), rows.from(), rows.length(), StandardCharsets.UTF_8);
    at = 0;
    List<String> cells = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean fieldStart = true;
    int c = read();
    while (c != -1) {
      if (quoted) {
        if (c == '"') {
          if (peek() == '"') {
            read();
            cur.append('"');
          } else {
            quoted = false;
          }
        } else {
          cur.append((char) c);
        }
      } else if (c == ',') {
        cells.add(cur.toString());
        cur.setLength(0);
        fieldStart = true;
        c = read();
        continue;
      } else if (c == '\r' && peek() == -1) {
        break;
      } else if (c == '"' && fieldStart) {
        quoted = true;
      } else {
        cur.append((char) c);
      }
      fieldStart = false;
      c = read();
    }
    if (quoted) {
      throw fatal(rows.startLine(), "quoted field not closed before the end of input");
    }
    cells.add(cur.toString());
    return cells;
  }

  private int read() {
    return at < text.length() ? text.charAt(at++) : -1;
  }

  private int peek() {
    return at < text.length() ? text.charAt(at) : -1;
  }

  private InputException fatal(long at, String why) {
    failed = true;
    return new InputException(origin + ":" + at + ": " + why, false);
  }

  @Override
  public String format() {
    return "csv";
  }

  @Override
  public void close() throws IOException {
    rows.close();
  }
}
