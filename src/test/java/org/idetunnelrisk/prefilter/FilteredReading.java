package org.idetunnelrisk.prefilter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.InputException;
import org.idetunnelrisk.read.RawFilters;
import org.idetunnelrisk.read.ReadLimits;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;

/**
 * Test helper: an input read whole through {@link Readers}, with or without a prefilter: the reports met on
 * the way (messages, in order), the lines of the records read, and how many lines the filter skipped.
 */
record FilteredReading(List<String> errors, List<Long> recordLines, long skipped) {
  /** The filters {@code scan} runs with the shipped rules and field table. */
  static final RawFilters SCAN = RawPrefilter.filters(PrefilterFuzzTest.RULES, FieldTable.shipped());

  static FilteredReading of(String text, String origin, RawFilters filters) throws IOException {
    return of(text.getBytes(StandardCharsets.UTF_8), origin, filters);
  }

  static FilteredReading of(byte[] bytes, String origin, RawFilters filters) throws IOException {
    List<String> errors = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    try (RecordReader r = Readers.open(new ByteArrayInputStream(bytes), origin, ReadLimits.DEFAULT, filters)) {
      while (true) {
        try {
          Record rec = r.next();
          if (rec == null) {
            break;
          }
          lines.add(rec.line());
        } catch (InputException e) {
          errors.add(e.getMessage());
          if (!e.recoverable()) {
            break;
          }
        }
      }
      return new FilteredReading(errors, lines, r.skipped());
    }
  }
}
