package org.idetunnelrisk.read;

/**
 * Decides from a line's raw bytes, before any parsing, whether the record on it may matter. A reader given
 * a filter skips (never parses, never reports) lines the filter rejects; {@link RecordReader#skipped()}
 * counts them. A filter must never reject a line whose record could produce a result: it may only
 * over-approximate. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface LineFilter {
  /** Whether the line {@code bytes[from, to)} (UTF-8, no terminator) is a candidate worth parsing. */
  boolean candidate(byte[] bytes, int from, int to);
}
