package org.idetunnelrisk.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.FuzzFinds;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays, for ever, every input fuzzing found to break normalizing (kept under
 * {@code src/test/resources/hostile/Normalizer/}) through the pipeline fuzz property; the folder must not be
 * empty.
 */
class FuzzFixesTest {
  private static final Path FOLDER = Path.of("src/test/resources/hostile/Normalizer");

  @TestFactory
  Stream<DynamicTest> normalizer() throws IOException {
    return FuzzFinds.replay(FOLDER, PipelineFuzzTest::check);
  }

  @Test
  void sysmonEventWithoutAnEventIdIsGenericSysmon() throws IOException {
    String csv = "sourcetype,Computer,Image\nXmlWinEventLog:Microsoft-Windows-Sysmon/Operational,ws1,C:\\x\\devtunnel.exe\n";
    List<Row> rows = Rows.of(Readers.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "no-id.csv"));
    assertEquals(1, rows.size());
    assertEquals("sysmon", rows.get(0).logSource().service());
    assertEquals(null, rows.get(0).logSource().category());
  }
}
