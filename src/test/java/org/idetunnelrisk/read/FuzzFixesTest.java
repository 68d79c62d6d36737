package org.idetunnelrisk.read;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays, for ever, every input fuzzing found to break a reader (kept under
 * {@code src/test/resources/hostile/<class>/}), through the same property the fuzz test checks. Each folder
 * must hold at least one file, so a lost folder fails the build instead of silently testing nothing.
 */
class FuzzFixesTest {
  static final Path ROOT = Path.of("src/test/resources/hostile");

  /** One input file. */
  interface Check {
    void check(byte[] data) throws IOException;
  }

  static Stream<DynamicTest> replay(String folder, Check check) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(ROOT.resolve(folder))) {
      files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("README")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no regression inputs in " + ROOT.resolve(folder));
    return files.stream().map(p -> DynamicTest.dynamicTest(folder + "/" + p.getFileName(),
        () -> check.check(Files.readAllBytes(p))));
  }

  @TestFactory
  Stream<DynamicTest> xmlEventReader() throws IOException {
    return replay("XmlEventReader", XmlReaderFuzzTest::check);
  }

  @TestFactory
  Stream<DynamicTest> readers() throws IOException {
    return replay("Readers", ReadersFuzzTest::check);
  }
}
