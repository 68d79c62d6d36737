package org.idetunnelrisk.scoring;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.List;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.sigma.RuleLoader;

/**
 * Fuzzes the JSON-line prefilter, both as scan runs it (JSON-encoded pieces, field by field) and with pieces
 * anywhere (as CSV rows are filtered), on one line. Property: both answer without throwing; and a line
 * either rejects is one the shipped rules cannot match: reading it with the JSON lines reader and scoring it
 * gives no risk event. Seeds: lines that hit.
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
    Scorer scorer = new Scorer(RULES, FIELDS);
    for (Record rec : PrefilterSoundnessTest.read(java.util.Arrays.copyOf(data, end), "fuzz.jsonl")) {
      if (scorer.score(rec, (e, from) -> { }) > 0) {
        throw new AssertionError("the prefilter rejected a line a rule matches: "
            + new String(data, 0, end, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }
}
