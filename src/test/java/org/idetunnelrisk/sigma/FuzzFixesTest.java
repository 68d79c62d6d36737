package org.idetunnelrisk.sigma;

import static org.idetunnelrisk.sigma.Fixtures.load;
import static org.idetunnelrisk.sigma.Fixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.idetunnelrisk.FuzzFinds;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays, for ever, every input fuzzing found to break rule loading (kept under
 * {@code src/test/resources/hostile/Yaml/}) through the rule loader's fuzz property; the folder must not be
 * empty.
 */
class FuzzFixesTest {
  private static final Path FOLDER = Path.of("src/test/resources/hostile/Yaml");

  @TestFactory
  Stream<DynamicTest> yaml() throws IOException {
    return FuzzFinds.replay(FOLDER, RuleLoaderFuzzTest::check);
  }

  @Test
  void characterOutsideTheBmpAtEveryBufferPositionStillLoads() {
    String rule = Fixtures.HEAD + "  sel:\n    CommandLine|contains: tunnel\n  condition: sel\n";
    for (int pad = 0; pad < 64; pad++) {
      String yaml = rule + "description: '" + "d".repeat(1024 - rule.length() - 14 + pad) + "\uD83D\uDE80 rocket'\n";
      assertEquals(List.of(), problems(load(yaml)), "padding " + pad);
    }
  }

  @Test
  void tagThatDecodesWithATrailingSpaceIsAProblem() {
    assertEquals(List.of("t.yml: invalid YAML: Tag must not contain leading or trailing spaces."),
        problems(load("!+6-%6")));
  }
}
