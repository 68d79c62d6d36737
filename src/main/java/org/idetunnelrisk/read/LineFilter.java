package org.idetunnelrisk.read;

/**
 * Decides from a record's raw bytes (a JSON line; a whole CSV data row, line breaks of quoted fields
 * included), before any parsing, whether the record may matter. A reader given a filter skips (never
 * parses, never reports) records the filter rejects; {@link RecordReader#skipped()} counts them. A filter
 * must never reject a record that could produce a result: it may only over-approximate. Implementations
 * are immutable and thread-safe.
 */
@FunctionalInterface
public interface LineFilter {
  /** Whether the record {@code bytes[from, to)} (UTF-8, no final terminator) is a candidate worth parsing. */
  boolean candidate(byte[] bytes, int from, int to);
}
