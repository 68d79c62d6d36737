package org.idetunnelrisk.modinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Replays every document in src/test/resources/hostile/modinput/ and checks it is refused, not obeyed. */
class HostileInputTest {
  private static final Path FOLDER = Resources.ROOT.resolve("hostile/modinput");
  private static final Map<String, String> EXPECTED = Map.of(
      "doctype_xxe.xml", "input definition: line 2: DOCTYPE is not allowed",
      "billion_laughs.xml", "input definition: line 6: DOCTYPE is not allowed",
      "truncated.xml", "input definition: line 5: malformed XML (XML document structures must start and end"
          + " within the same entity.)");

  @Test
  void everyHostileDocumentIsRefusedWithItsMessage() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(FOLDER)) {
      files = list.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no hostile documents in " + FOLDER);
    for (Path file : files) {
      String name = file.getFileName().toString();
      ModularInputException e = assertThrows(ModularInputException.class,
          () -> InputDefinition.parse(Resources.file("hostile/modinput/" + name)), name);
      assertEquals(EXPECTED.get(name), e.getMessage(), name);
    }
  }

  @Test
  void entityReferenceWithoutDoctypeIsRefused() {
    ModularInputException e = assertThrows(ModularInputException.class,
        () -> InputDefinition.parse(Resources.text("<input><server_host>&ext;</server_host></input>")));
    assertEquals("input definition: line 1: malformed XML (The entity \"ext\" was referenced, but not declared.)",
        e.getMessage());
  }

  @Test
  void deepNestingIsRefused() {
    String xml = "<input>" + "<a>".repeat(40) + "</a>".repeat(40) + "</input>";
    ModularInputException e = assertThrows(ModularInputException.class,
        () -> InputDefinition.parse(Resources.text(xml)));
    assertEquals("input definition: line 1: elements nested deeper than 32 levels", e.getMessage());
  }

  @Test
  void oversizedDocumentIsRefused() {
    String xml = "<input><server_host>" + "x".repeat(SafeXml.MAX_BYTES) + "</server_host></input>";
    ModularInputException e = assertThrows(ModularInputException.class,
        () -> InputDefinition.parse(Resources.text(xml)));
    assertEquals("input definition: larger than 4194304 bytes", e.getMessage());
  }

  @Test
  void tooManyElementsAreRefused() {
    String xml = "<input><configuration><stanza name=\"a\">" + "<param name=\"p\">1</param>".repeat(100_000)
        + "</stanza></configuration></input>";
    ModularInputException e = assertThrows(ModularInputException.class,
        () -> InputDefinition.parse(Resources.text(xml)));
    assertEquals("input definition: line 1: more than 100000 elements", e.getMessage());
  }

  @Test
  void validationItemsWithDoctypeAreRefused() {
    ModularInputException e = assertThrows(ModularInputException.class, () -> ValidationDefinition.parse(
        Resources.text("<!DOCTYPE items SYSTEM \"http://127.0.0.1:1/x.dtd\"><items><item name=\"a\"/></items>")));
    assertEquals("validation items: line 1: DOCTYPE is not allowed", e.getMessage());
  }
}
