package org.idetunnelrisk.read;

/**
 * Bounds that keep a hostile or broken input from exhausting memory or the stack.
 *
 * <p>{@code maxRecordBytes} caps one record: a JSON line or a CSV row in bytes, an XML event in
 * characters of text (default {@value #DEFAULT_MAX_RECORD_BYTES}, 8 MiB). {@code maxDepth} caps nesting: JSON
 * objects and arrays, XML elements within one event (default {@value #DEFAULT_MAX_DEPTH}). A record over
 * either bound is reported as a recoverable {@link InputException} and skipped.
 *
 * @param maxRecordBytes the largest record, at least 1
 * @param maxDepth the deepest nesting, at least 1
 */
public record ReadLimits(int maxRecordBytes, int maxDepth) {
  public static final int DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;
  public static final int DEFAULT_MAX_DEPTH = 64;
  public static final ReadLimits DEFAULT = new ReadLimits(DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_DEPTH);

  public ReadLimits {
    if (maxRecordBytes < 1) {
      throw new IllegalArgumentException("maxRecordBytes must be at least 1 but was " + maxRecordBytes);
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1 but was " + maxDepth);
    }
  }
}
