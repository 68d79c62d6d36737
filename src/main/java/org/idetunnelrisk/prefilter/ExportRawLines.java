package org.idetunnelrisk.prefilter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.idetunnelrisk.literal.SkipSearch;
import org.idetunnelrisk.read.LineFilter;

/**
 * The JSON-line filter {@code scan} uses: a Splunk export row that holds a {@code "_raw"} member is always a
 * candidate; every other line is as {@code json} decides.
 *
 * <p>Why: such a row's {@code _raw} may be event XML or JSON, which {@link org.idetunnelrisk.read.RowRecords}
 * parses, so its values reach fields no member name in the line gives away, and its text is encoded twice
 * (a quote the event's XML writes as {@code &quot;} is no {@code \"}; a JSON escape inside it is written
 * {@code \\u}, which no longer looks like one), so neither the field check nor the escape check would be
 * sound there. An export row is told by its first member's name ({@code preview}, {@code result},
 * {@code offset}...), as Splunk writes it; a line whose first name is written with an escape is a candidate
 * of {@code json} anyway. Immutable and thread-safe.
 */
final class ExportRawLines implements LineFilter {
  private static final SkipSearch RAW_MEMBER = SkipSearch.of(List.of("\"_raw\""));
  private static final List<byte[]> EXPORT_KEYS = List.of(bytes("preview"), bytes("result"), bytes("offset"),
      bytes("lastrow"), bytes("init_offset"), bytes("messages"));

  private final LineFilter json;

  ExportRawLines(LineFilter json) {
    this.json = json;
  }

  @Override
  public boolean candidate(byte[] b, int from, int to) {
    return exportRow(b, from, to) && RAW_MEMBER.anyIn(b, from, to) || json.candidate(b, from, to);
  }

  /** Whether the line's first member is named as a Splunk export row's are. */
  static boolean exportRow(byte[] b, int from, int to) {
    int i = skipSpace(b, from, to);
    if (i >= to || b[i] != '{') {
      return false;
    }
    i = skipSpace(b, i + 1, to);
    if (i >= to || b[i] != '"') {
      return false;
    }
    i++;
    for (byte[] key : EXPORT_KEYS) {
      int end = i + key.length;
      if (end < to && b[end] == '"' && Arrays.equals(b, i, end, key, 0, key.length)) {
        return true;
      }
    }
    return false;
  }

  private static int skipSpace(byte[] b, int i, int to) {
    while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
      i++;
    }
    return i;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
