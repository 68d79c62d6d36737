package org.idetunnelrisk.read;

/**
 * The raw-byte filters a reader may apply before parsing, one per format that supports one: a JSON line
 * ({@link JsonLinesReader}) or a whole CSV data row ({@link CsvReader}). Either may be null (read every
 * record of that format); Windows event XML is always parsed whole. See {@link LineFilter} for the contract.
 *
 * @param jsonLine filter for JSON lines, or null
 * @param csvRow filter for CSV data rows, or null
 * @param sample how many records at the start of each input (each archive member) are parsed whatever the filters
 *     say, so a caller sees what every input holds (its layout) even when the filters would skip all of it; 0 by
 *     default
 */
public record RawFilters(LineFilter jsonLine, LineFilter csvRow, int sample) {
  /** No filtering. */
  public static final RawFilters NONE = new RawFilters(null, null);

  public RawFilters {
    if (sample < 0) {
      throw new IllegalArgumentException("sample must be 0 or more but was " + sample);
    }
  }

  /** The filters, with no record parsed but those they pass. */
  public RawFilters(LineFilter jsonLine, LineFilter csvRow) {
    this(jsonLine, csvRow, 0);
  }

  /** These filters, with the first {@code n} records of each input parsed whatever they say. */
  public RawFilters sampled(int n) {
    return new RawFilters(jsonLine, csvRow, n);
  }
}
