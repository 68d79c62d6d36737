package org.idetunnelrisk.prefilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.idetunnelrisk.read.RawFilters;
import org.idetunnelrisk.FuzzFinds;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays, for ever, every input fuzzing found to break the prefilter's property (kept under
 * {@code src/test/resources/hostile/RawPrefilter/}) through {@link PrefilterFuzzTest#check}; the folder must
 * not be empty.
 */
class FuzzFixesTest {
  private static final Path FOLDER = Path.of("src/test/resources/hostile/RawPrefilter");

  @TestFactory
  Stream<DynamicTest> rawPrefilter() throws IOException {
    return FuzzFinds.replay(FOLDER, PrefilterFuzzTest::check);
  }

  /** crash-6a7b9b19...: a valid JSON number gson refuses, so the check must leave it to the parser. */
  @Test
  void aNumberGsonRefusesIsReportedWithAndWithoutThePrefilter() throws IOException {
    String line = "{\"EventRecordID\":184467440737095516160}\n";
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    assertFalse(JsonObjectCheck.wellFormed(b, 0, b.length - 1));
    List<String> reports = FilteredReading.of(b, "n.jsonl", RawFilters.NONE).errors();
    assertEquals(List.of("n.jsonl:1: malformed JSON: Use JsonReader.setStrictness(Strictness.LENIENT) to accept"
        + " malformed JSON at line 1 column 18 path $.EventRecordID"), reports);
    assertEquals(reports, FilteredReading.of(b, "n.jsonl", FilteredReading.SCAN).errors());
  }
}
