package org.idetunnelrisk;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** Replays the inputs fuzzing once found, kept in a folder, through a fuzz property: one test per file. */
public final class FuzzFinds {
  /** A fuzz property over raw input; throws (an assertion error) when the input breaks it. */
  @FunctionalInterface
  public interface Property {
    void check(byte[] input) throws Exception;
  }

  private FuzzFinds() {}

  /** One dynamic test per regular file in {@code folder}, sorted by name; the folder must not be empty. */
  public static Stream<DynamicTest> replay(Path folder, Property property) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no regression inputs in " + folder);
    return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
        () -> property.check(Files.readAllBytes(p))));
  }
}
