package org.idetunnelrisk.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
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
 * <p>Errors: a header with an empty or repeated name, or a quote left open at the end of input, is fatal;
 * a row with the wrong number of columns, or longer than the record limit, is reported and skipped.
 * {@link Record#line()} is the line where the row starts; {@link Record#raw()} is null. Not thread-safe.
 */
final class CsvReader implements RecordReader {
  private static final String MV = "__mv_";

  private final Reader in;
  private final String origin;
  private final ReadLimits limits;
  private final char[] buf = new char[16 * 1024];
  private int pos;
  private int limit;
  private long line = 1;
  private boolean started;
  private List<Column> columns;
  private int width;
  private long number;
  private boolean failed;
  // per-row state, set by readRow
  private long rowLine;
  private boolean rowTooLong;
  private boolean rowBlank;

  /** One output field: the plain column and the multivalue column that overrides it (either may be -1). */
  private record Column(String name, int plain, int mv) {}

  CsvReader(InputStream in, String origin, ReadLimits limits) {
    this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
    this.origin = origin;
    this.limits = limits;
  }

  @Override
  public Record next() throws IOException {
    if (failed) {
      return null;
    }
    if (columns == null) {
      List<String> header = readNonBlankRow();
      if (header == null) {
        return null;
      }
      if (rowTooLong) {
        throw fatal(rowLine, "header longer than the limit of " + limits.maxRecordBytes() + " characters");
      }
      columns = plan(header);
      width = header.size();
    }
    while (true) {
      List<String> row = readNonBlankRow();
      if (row == null) {
        return null;
      }
      if (rowTooLong) {
        throw new InputException(origin + ":" + rowLine + ": row longer than the limit of "
            + limits.maxRecordBytes() + " characters", true);
      }
      if (row.size() != width) {
        throw new InputException(origin + ":" + rowLine + ": expected " + width + " columns as in the header but found "
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
      return new Record(origin, rowLine, ++number, fields, null);
    }
  }

  private List<Column> plan(List<String> header) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (name.isEmpty()) {
        throw fatal(rowLine, "header has an empty column name at position " + (i + 1));
      }
      Integer before = seen.putIfAbsent(name, i);
      if (before != null) {
        throw fatal(rowLine, "header repeats column name '" + name + "' at positions " + (before + 1) + " and " + (i + 1));
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

  private List<String> readNonBlankRow() throws IOException {
    while (true) {
      List<String> row = readRow();
      if (row == null || !rowBlank) {
        return row;
      }
    }
  }

  /** One row's cells, or null at the end of input; sets rowLine, rowTooLong and rowBlank. */
  private List<String> readRow() throws IOException {
    int c = read();
    if (!started) {
      started = true;
      if (c == '\uFEFF') {
        c = read();
      }
    }
    if (c == -1) {
      return null;
    }
    rowLine = line - (c == '\n' ? 1 : 0);
    rowTooLong = false;
    List<String> cells = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    long size = 0;
    boolean quoted = false;
    boolean anyQuote = false;
    boolean fieldStart = true;
    while (true) {
      if (c == -1) {
        if (quoted) {
          throw fatal(rowLine, "quoted field not closed before the end of input");
        }
        break;
      }
      if (quoted) {
        if (c == '"') {
          int d = peek();
          if (d == '"') {
            read();
            size = append(cur, '"', size);
          } else {
            quoted = false;
          }
        } else {
          size = append(cur, (char) c, size);
        }
      } else if (c == ',') {
        if (size >= limits.maxRecordBytes()) {
          rowTooLong = true;
        } else {
          cells.add(cur.toString());
          size++;
        }
        cur.setLength(0);
        fieldStart = true;
        c = read();
        continue;
      } else if (c == '\n') {
        break;
      } else if (c == '\r' && (peek() == '\n' || peek() == -1)) {
        if (peek() == '\n') {
          read();
        }
        break;
      } else if (c == '"' && fieldStart) {
        quoted = true;
        anyQuote = true;
      } else {
        size = append(cur, (char) c, size);
      }
      fieldStart = false;
      c = read();
    }
    cells.add(cur.toString());
    rowBlank = cells.size() == 1 && cells.get(0).isEmpty() && !anyQuote;
    return cells;
  }

  private long append(StringBuilder cur, char c, long size) {
    if (size >= limits.maxRecordBytes()) {
      rowTooLong = true;
      return size;
    }
    cur.append(c);
    return size + 1;
  }

  private boolean fill() throws IOException {
    if (pos < limit) {
      return true;
    }
    int n = in.read(buf, 0, buf.length);
    pos = 0;
    limit = Math.max(n, 0);
    return n > 0;
  }

  private int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    char c = buf[pos++];
    if (c == '\n') {
      line++;
    }
    return c;
  }

  private int peek() throws IOException {
    return fill() ? buf[pos] : -1;
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
    in.close();
  }
}
