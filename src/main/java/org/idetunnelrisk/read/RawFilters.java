package org.idetunnelrisk.read;

/**
 * The raw-byte filters a reader may apply before parsing, one per format that supports one: a JSON line
 * ({@link JsonLinesReader}) or a whole CSV data row ({@link CsvReader}). Either may be null (read every
 * record of that format); Windows event XML is always parsed whole. See {@link LineFilter} for the contract.
 *
 * @param jsonLine filter for JSON lines, or null
 * @param csvRow filter for CSV data rows, or null
 */
public record RawFilters(LineFilter jsonLine, LineFilter csvRow) {
  /** No filtering. */
  public static final RawFilters NONE = new RawFilters(null, null);
}
