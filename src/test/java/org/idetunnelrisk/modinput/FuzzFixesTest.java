package org.idetunnelrisk.modinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.idetunnelrisk.FuzzFinds;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays, for ever, every input fuzzing found to break the modular-input parsers (kept under
 * {@code src/test/resources/hostile/SafeXml/}) through both fuzz properties; the folder must not be empty.
 */
class FuzzFixesTest {
  private static final Path FOLDER = Resources.ROOT.resolve("hostile/SafeXml");

  @TestFactory
  Stream<DynamicTest> safeXml() throws IOException {
    return FuzzFinds.replay(FOLDER, data -> {
      InputDefinitionFuzzTest.check(data);
      ValidationDefinitionFuzzTest.check(data);
    });
  }

  @Test
  void brokenDtdThatCrashedTheJdkParserIsRefusedAsDoctype() throws IOException {
    byte[] data = Files.readAllBytes(FOLDER.resolve("crash-8096c12a7e1e7f7e6001867cf88e58d4f8cb26d0"));
    ModularInputException e = assertThrows(ModularInputException.class,
        () -> InputDefinition.parse(new ByteArrayInputStream(data)));
    assertEquals("input definition: line 1: DOCTYPE is not allowed", e.getMessage());
  }
}
