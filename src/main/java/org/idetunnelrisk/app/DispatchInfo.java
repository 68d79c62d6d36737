package org.idetunnelrisk.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.idetunnelrisk.read.InputException;
import org.idetunnelrisk.read.ReadLimits;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.splunk.Log;
import org.idetunnelrisk.splunk.RiskOrigin;

/**
 * The time range and run time of the search that triggered the alert action, from the {@code info.csv} splunkd
 * writes into the job's dispatch folder, as Splunk's common action model reads it for ES's risk action: the
 * first row's {@code _search_et} is {@code info_min_time}, {@code _search_lt} {@code info_max_time}
 * ({@code +Infinity} when the search has no latest time) and {@code _timestamp} {@code info_search_time}.
 *
 * <p>The file is the one beside {@code results_file}, or one folder up for a per-result alert (whose results
 * file sits in {@code per_result_alert/}); it must resolve into that folder. A value that is not epoch seconds
 * is left out, and so is everything when the file is missing; an unreadable file is logged as a warning.
 *
 * @param minTime epoch seconds as written, or null
 * @param maxTime epoch seconds as written, {@code +Infinity}, or null
 * @param searchTime epoch seconds as written, or null
 */
record DispatchInfo(String minTime, String maxTime, String searchTime) {
  static final DispatchInfo NONE = new DispatchInfo(null, null, null);

  /** The info of the job whose (checked, real) results file this is. */
  static DispatchInfo of(Path resultsFile, Log log) {
    Path dir = resultsFile.getParent();
    if (dir != null && dir.getFileName() != null && dir.getFileName().toString().equals("per_result_alert")) {
      dir = dir.getParent();
    }
    if (dir == null) {
      return NONE;
    }
    Path info = dir.resolve("info.csv");
    if (!Files.isRegularFile(info)) {
      return NONE;
    }
    try {
      if (!info.toRealPath().getParent().equals(dir.toRealPath())) {
        log.warn("info.csv: '" + info + "' leads outside the job's dispatch folder; the risk events get no info_* fields");
        return NONE;
      }
      try (RecordReader r = Readers.open(info, ReadLimits.DEFAULT)) {
        Record first = r.next();
        if (first == null) {
          return NONE;
        }
        String min = RiskOrigin.epochOrNull(value(first, "_search_et"));
        String lt = value(first, "_search_lt");
        String max = RiskOrigin.epochOrNull(lt);
        if (lt == null || lt.isBlank() || (max != null && Double.parseDouble(max) == 0)) {
          max = "+Infinity";
        }
        return new DispatchInfo(min, max, RiskOrigin.epochOrNull(value(first, "_timestamp")));
      }
    } catch (IOException | InputException e) {
      log.warn("info.csv: cannot read '" + info + "' (" + e.getMessage() + "); the risk events get no info_* fields");
      return NONE;
    }
  }

  private static String value(Record r, String name) {
    List<String> v = r.fields().get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
