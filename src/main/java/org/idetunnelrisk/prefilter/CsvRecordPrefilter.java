package org.idetunnelrisk.prefilter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.read.LineFilter;

/**
 * Rejects, from its raw bytes alone, a CSV data record (one whole record: every line of a quoted multi-line
 * field included, the header never) whose row no rule can match, with {@link RawPrefilter}'s literals and
 * conditions. {@code CsvReader} cuts each data row whole from the bytes and asks this filter before decoding it.
 *
 * <p>Why it is sound: a field's value is written in a CSV record either as itself or between quotes with
 * each quote doubled, so every run of {@link RawPrefilter#RAW_SAFE} characters of a value (no quote, no
 * comma, no control character) appears in the record's bytes as itself; Splunk's multivalue encoding
 * ({@code $a$;$b$}) only adds {@code $} and {@code ;}, which pieces never hold. A value holding JSON or XML
 * (a {@code _raw} parsed later) may hide a piece behind an escape, which makes a candidate as in
 * RawPrefilter. A record with an odd number of quotes (malformed, or cut) is passed on so the reader
 * reports it. Immutable and thread-safe.
 */
public final class CsvRecordPrefilter implements LineFilter {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long QUOTES = 0x0101010101010101L * '"';
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long HIGHS = 0x8080808080808080L;

  private final RawPrefilter literals;

  CsvRecordPrefilter(RawPrefilter literals) {
    this.literals = literals;
  }

  /** The prefilter for these rules, or null when some rule has no necessary literal (every record matters). */
  public static CsvRecordPrefilter of(List<Rule> rules) {
    RawPrefilter p = RawPrefilter.of(rules);
    return p == null ? null : new CsvRecordPrefilter(p);
  }

  /** Whether the data record {@code bytes[from, to)} (UTF-8, terminator optional) is worth parsing. */
  @Override
  public boolean candidate(byte[] bytes, int from, int to) {
    return (quotes(bytes, from, to) & 1) == 1 || literals.holdsLiterals(bytes, from, to);
  }

  /** How many quotes {@code b[from, to)} holds, counted eight bytes at a time. */
  static int quotes(byte[] b, int from, int to) {
    int n = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ QUOTES;
      // exact: the high bit of a byte of t is clear only where that byte of x is zero (no borrow between bytes)
      long t = ((x & LOW7) + LOW7) | x;
      n += Long.bitCount(~t & HIGHS);
    }
    for (; i < to; i++) {
      if (b[i] == '"') {
        n++;
      }
    }
    return n;
  }
}
