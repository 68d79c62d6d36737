package org.idetunnelrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The whole output of {@code scan} over the bundled samples, held by a golden file. A change of rules,
 * fields or output shows here as a diff. Goldens change only by an explicit step:
 * {@code mvn -B test -Dtest=ScanGoldenTest -Dgolden.update=true}, then review the diff.
 */
class ScanGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden/scan_samples.jsonl");
  static final Path GOLDEN_SUMMARY = Path.of("src/test/resources/golden/scan_samples.summary.txt");

  @Test
  void scanOfTheSamplesMatchesTheGolden() throws IOException {
    List<String> args = new ArrayList<>(List.of("scan", "--summary"));
    try (Stream<Path> s = Files.list(Path.of("samples"))) {
      s.map(Path::toString).sorted().forEach(args::add);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String got = out.toString(StandardCharsets.UTF_8);
    String summary = err.toString(StandardCharsets.UTF_8);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(GOLDEN, got);
      Files.writeString(GOLDEN_SUMMARY, summary);
    }
    assertEquals(0, code, summary);
    assertEquals(Files.readString(GOLDEN), got);
    assertEquals(Files.readString(GOLDEN_SUMMARY), summary);
  }
}
