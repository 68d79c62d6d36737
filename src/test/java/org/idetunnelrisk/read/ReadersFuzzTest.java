package org.idetunnelrisk.read;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fuzzes any input through {@link Readers#open} (gzip, byte order marks, sniffing) with small limits, so size and depth bounds are reached by short inputs.
 * Property: no exception but {@link InputException} (each naming the input), no hang. Regression mode
 * replays the seeds in {@code ReadersFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (README, Fuzzing).
 */
class ReadersFuzzTest {
  static final String ORIGIN = "fuzz.in";
  static final ReadLimits LIMITS = new ReadLimits(2048, 12);

  @FuzzTest(maxDuration = "2m")
  void sniffedInput(byte[] data) throws IOException {
    check(data);
  }

  static void check(byte[] data) throws IOException {
    RecordReader reader;
    try {
      reader = Readers.open(in(data), ORIGIN, LIMITS);
    } catch (InputException e) {
      // documented: gzip damaged within its first bytes, and binary content, are refused at open
      if (e.recoverable() || !e.getMessage().startsWith(ORIGIN + ": corrupt gzip data: ")
          && !e.getMessage().equals(ORIGIN + ": truncated gzip data")
          && !e.getMessage().startsWith(ORIGIN + ": not a format scan reads (looks like ")) {
        throw new AssertionError("unexpected error at open: " + e.getMessage(), e);
      }
      return;
    }
    Drain.drain(reader, ORIGIN, data.length);
  }

  private static InputStream in(byte[] data) {
    return new ByteArrayInputStream(data);
  }
}
