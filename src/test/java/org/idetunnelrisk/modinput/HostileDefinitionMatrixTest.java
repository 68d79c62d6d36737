package org.idetunnelrisk.modinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input matrix for the two documents splunkd writes to the modular input's stdin: every case
 * is refused by both parsers with the message given here (the document's name, the line, the reason),
 * never with another exception, never obeyed.
 */
class HostileDefinitionMatrixTest {
  private static final String SCHEME = "<server_host>sh1</server_host><session_key>k</session_key>";

  /** Parses {@code body} (placed on line 2) as each document and checks both messages. */
  private static void refused(String body, String inputMessage, String validationMessage) {
    check("<?xml version=\"1.0\"?>\n" + body.replace("ROOT", "input"), InputDefinition::parse, inputMessage);
    check("<?xml version=\"1.0\"?>\n" + body.replace("ROOT", "items"), ValidationDefinition::parse, validationMessage);
  }

  private static void check(String xml, Function<InputStream, ?> parser, String expected) {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    ModularInputException e = assertThrows(ModularInputException.class,
        () -> parser.apply(new ByteArrayInputStream(bytes)));
    assertEquals(expected, e.getMessage());
  }

  @Test
  void externalEntityFromAFile() {
    refused("<!DOCTYPE ROOT [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<ROOT><session_key>&x;</session_key></ROOT>",
        "input definition: line 2: DOCTYPE is not allowed", "validation items: line 2: DOCTYPE is not allowed");
  }

  @Test
  void externalEntityOverTheNetwork() {
    refused("<!DOCTYPE ROOT [<!ENTITY x SYSTEM \"http://127.0.0.1:9/steal\">]>\n<ROOT><session_key>&x;</session_key></ROOT>",
        "input definition: line 2: DOCTYPE is not allowed", "validation items: line 2: DOCTYPE is not allowed");
  }

  @Test
  void externalDtd() {
    refused("<!DOCTYPE ROOT SYSTEM \"http://127.0.0.1:9/x.dtd\">\n<ROOT/>",
        "input definition: line 2: DOCTYPE is not allowed", "validation items: line 2: DOCTYPE is not allowed");
  }

  @Test
  void entityExpansionBomb() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE ROOT [<!ENTITY a \"aaaaaaaaaa\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
    }
    refused(dtd + "]>\n<ROOT><session_key>&a9;</session_key></ROOT>",
        "input definition: line 2: DOCTYPE is not allowed", "validation items: line 2: DOCTYPE is not allowed");
  }

  @Test
  void undeclaredEntityReference() {
    refused("<ROOT>" + SCHEME + "<x>&ext;</x></ROOT>",
        "input definition: line 2: malformed XML (The entity \"ext\" was referenced, but not declared.)",
        "validation items: line 2: malformed XML (The entity \"ext\" was referenced, but not declared.)");
  }

  @Test
  void hundredThousandDeepNesting() {
    refused("<ROOT>" + "<a>".repeat(100_000) + "</a>".repeat(100_000) + "</ROOT>",
        "input definition: line 2: elements nested deeper than 32 levels",
        "validation items: line 2: elements nested deeper than 32 levels");
  }

  @Test
  void invalidCharacter() {
    refused("<ROOT><session_key>k\u0001</session_key></ROOT>",
        "input definition: line 2: malformed XML (An invalid XML character (Unicode: 0x1) was found in the element"
            + " content of the document.)",
        "validation items: line 2: malformed XML (An invalid XML character (Unicode: 0x1) was found in the element"
            + " content of the document.)");
  }

  @Test
  void nulByte() {
    refused("<ROOT>\u0000</ROOT>",
        "input definition: line 2: malformed XML (An invalid XML character (Unicode: 0x0) was found in the element"
            + " content of the document.)",
        "validation items: line 2: malformed XML (An invalid XML character (Unicode: 0x0) was found in the element"
            + " content of the document.)");
  }

  @Test
  void invalidUtf8() {
    byte[] bytes = {'<', 'i', 'n', 'p', 'u', 't', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'i', 'n', 'p', 'u', 't', '>'};
    ModularInputException e = assertThrows(ModularInputException.class,
        () -> InputDefinition.parse(new ByteArrayInputStream(bytes)));
    assertEquals("input definition: line 1: malformed XML (Invalid byte 2 of 2-byte UTF-8 sequence.)", e.getMessage());
  }

  @Test
  void truncatedDocument() {
    refused("<ROOT>" + SCHEME + "<configuration><stanza name=\"a\"><param name=\"p\">",
        "input definition: line 2: malformed XML (XML document structures must start and end within the same entity.)",
        "validation items: line 2: malformed XML (XML document structures must start and end within the same entity.)");
  }

  @Test
  void emptyDocument() {
    check("", InputDefinition::parse, "input definition: no XML on stdin");
    check("", ValidationDefinition::parse, "validation items: no XML on stdin");
  }

  /** Parser messages quote names (elements, attributes, entities), never text: the key is element text. */
  @Test
  void errorsNeverQuoteTheSessionKey() {
    String secret = "s3cr3t-SESSION-KEY-value";
    for (String body : List.of("<ROOT><session_key>" + secret + "</session_key><x>&e;</x></ROOT>",
        "<ROOT><session_key>" + secret + "</session_key></ROTO>",
        "<ROOT><session_key>" + secret + "\u0001</session_key></ROOT>",
        "<ROOT><session_key>" + secret + "<</session_key></ROOT>",
        "<ROOT><session_key>" + secret + "]]></session_key></ROOT>",
        "<ROOT><session_key>" + secret)) {
      for (Function<InputStream, ?> parser : List.<Function<InputStream, ?>>of(InputDefinition::parse,
          ValidationDefinition::parse)) {
        byte[] bytes = body.replace("ROOT", "input").getBytes(StandardCharsets.UTF_8);
        ModularInputException e = assertThrows(ModularInputException.class,
            () -> parser.apply(new ByteArrayInputStream(bytes)));
        assertFalse(e.getMessage().contains(secret), e.getMessage());
        assertFalse(e.getMessage().contains("SESSION-KEY"), e.getMessage());
      }
    }
  }
}
