package org.idetunnelrisk.read;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fuzzes Windows event XML ({@link XmlEventReader}) with small limits, so size and depth bounds are reached by short inputs.
 * Property: no exception but {@link InputException} (each naming the input), no hang. Regression mode
 * replays the seeds in {@code XmlReaderFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (README, Fuzzing).
 */
class XmlReaderFuzzTest {
  static final String ORIGIN = "fuzz.xml";
  static final ReadLimits LIMITS = new ReadLimits(2048, 12);

  @FuzzTest(maxDuration = "2m")
  void xmlEvents(byte[] data) throws IOException {
    check(data);
  }

  static void check(byte[] data) throws IOException {
    Drain.drain(new XmlEventReader(in(data), ORIGIN, LIMITS), ORIGIN, data.length);
  }

  private static InputStream in(byte[] data) {
    return new ByteArrayInputStream(data);
  }
}
