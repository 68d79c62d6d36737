package org.idetunnelrisk.prefilter;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.List;
import org.idetunnelrisk.scoring.Scorer;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.RawFilters;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.sigma.RuleLoader;

/**
 * Fuzzes the JSON-line prefilter, both as scan runs it (JSON-encoded pieces, field by field) and with pieces
 * anywhere (as CSV rows are filtered), on one line. Property: both answer without throwing; and a line
 * either rejects is one the shipped rules cannot match and the reader does not report: reading it with the
 * JSON lines reader gives no report, and scoring it gives no risk event. Seeds: lines that hit, and lines
 * that are no JSON object (an array holding a rule's literal, two objects on a line, a Splunk export row of
 * messages).
 */
class PrefilterFuzzTest {
  static final FieldTable FIELDS = FieldTable.shipped();
  static final List<Rule> RULES = new RuleLoader(FIELDS).loadShipped().rules();
  static final RawPrefilter ANYWHERE = RawPrefilter.of(RULES);
  static final RawPrefilter BY_FIELD = RawPrefilter.of(RULES, FIELDS);

  @FuzzTest(maxDuration = "2m")
  void prefilter(byte[] data) throws IOException {
    check(data);
  }

  static void check(byte[] data) throws IOException {
    int end = 0;
    while (end < data.length && data[end] != '\n') {
      end++;
    }
    boolean anywhere = ANYWHERE.candidate(data, 0, end);
    boolean byField = BY_FIELD.candidate(data, 0, end);
    if (anywhere && byField) {
      return;
    }
    byte[] line = java.util.Arrays.copyOf(data, end);
    List<String> reports;
    try {
      reports = FilteredReading.of(line, "fuzz.jsonl", RawFilters.NONE).errors();
    } catch (org.idetunnelrisk.read.InputException refused) {
      // The input as a whole is not a format scan reads (binary, an archive it refuses...): scan refuses the file
      // before any prefilter runs, so no line of it can be lost to one (ReadersFuzzTest covers the refusal).
      return;
    }
    if (!reports.isEmpty()) {
      throw new AssertionError("the prefilter rejected a line the reader reports: " + reports.get(0));
    }
    Scorer scorer = new Scorer(RULES, FIELDS);
    for (Record rec : PrefilterSoundnessTest.read(line, "fuzz.jsonl")) {
      if (scorer.score(rec, (e, from) -> { }) > 0) {
        throw new AssertionError("the prefilter rejected a line a rule matches: "
            + new String(data, 0, end, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }
}
