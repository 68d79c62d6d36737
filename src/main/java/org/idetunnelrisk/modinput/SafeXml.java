package org.idetunnelrisk.modinput;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the small XML documents splunkd writes to the modular input's stdin into {@link XmlElement} trees,
 * with StAX and hard limits against hostile input:
 * <ul>
 *   <li>a DOCTYPE is refused, so no entity can be declared, and external entities are off;</li>
 *   <li>at most {@link #MAX_BYTES} bytes are read ({@value #MAX_BYTES});</li>
 *   <li>elements nest at most {@link #MAX_DEPTH} deep ({@value #MAX_DEPTH}) and number at most
 *       {@link #MAX_ELEMENTS} ({@value #MAX_ELEMENTS}).</li>
 * </ul>
 * Comments and processing instructions are skipped. Errors are {@link ModularInputException}s whose message
 * reads {@code <what>: line N: <reason>}. Stateless and thread-safe.
 */
final class SafeXml {
  static final int MAX_BYTES = 4 * 1024 * 1024;
  static final int MAX_DEPTH = 32;
  static final int MAX_ELEMENTS = 100_000;

  private SafeXml() {}

  /** Parses the whole stream; {@code what} names the document in messages, e.g. "input definition". */
  static XmlElement parse(InputStream in, String what) {
    byte[] bytes = readBounded(in, what);
    if (bytes.length == 0) {
      throw new ModularInputException(what + ": no XML on stdin");
    }
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    XMLStreamReader reader = null;
    try {
      reader = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
      return read(reader, what);
    } catch (XMLStreamException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
      throw new ModularInputException(where(what, line) + "malformed XML (" + firstLine(e.getMessage()) + ")");
    } catch (ModularInputException e) {
      throw e;
    } catch (RuntimeException e) {
      // The JDK's parser fails unchecked on some broken DTDs (while skipping one it reports an error whose
      // message resource is missing: MissingResourceException), before it would give the DTD event.
      int line = reader == null ? -1 : line(reader);
      if (new String(bytes, StandardCharsets.ISO_8859_1).contains("<!DOCTYPE")) {
        throw new ModularInputException(where(what, line) + "DOCTYPE is not allowed");
      }
      throw new ModularInputException(where(what, line) + "malformed XML (the XML parser failed: "
          + e.getClass().getSimpleName() + ")");
    } finally {
      close(reader);
    }
  }

  private static XmlElement read(XMLStreamReader reader, String what) throws XMLStreamException {
    Deque<Builder> open = new ArrayDeque<>();
    XmlElement root = null;
    int elements = 0;
    while (reader.hasNext()) {
      int event = reader.next();
      switch (event) {
        case XMLStreamConstants.DTD ->
            throw new ModularInputException(where(what, line(reader)) + "DOCTYPE is not allowed");
        case XMLStreamConstants.ENTITY_REFERENCE ->
            throw new ModularInputException(
                where(what, line(reader)) + "entity reference '&" + reader.getLocalName() + ";' is not allowed");
        case XMLStreamConstants.START_ELEMENT -> {
          if (++elements > MAX_ELEMENTS) {
            throw new ModularInputException(where(what, line(reader)) + "more than " + MAX_ELEMENTS + " elements");
          }
          if (open.size() >= MAX_DEPTH) {
            throw new ModularInputException(
                where(what, line(reader)) + "elements nested deeper than " + MAX_DEPTH + " levels");
          }
          Map<String, String> attributes = new LinkedHashMap<>();
          for (int i = 0; i < reader.getAttributeCount(); i++) {
            attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
          }
          open.push(new Builder(reader.getLocalName(), attributes, line(reader)));
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (!open.isEmpty()) {
            open.peek().text.append(reader.getText());
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          XmlElement done = open.pop().build();
          if (open.isEmpty()) {
            root = done;
          } else {
            open.peek().children.add(done);
          }
        }
        default -> {
          // comments, processing instructions, document start and end: nothing to keep
        }
      }
    }
    if (root == null) {
      throw new ModularInputException(what + ": no root element");
    }
    return root;
  }

  private static byte[] readBounded(InputStream in, String what) {
    try {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new ModularInputException(what + ": larger than " + MAX_BYTES + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new ModularInputException(what + ": cannot read stdin (" + e.getMessage() + ")", e);
    }
  }

  private static int line(XMLStreamReader reader) {
    return reader.getLocation() == null ? -1 : reader.getLocation().getLineNumber();
  }

  private static String where(String what, int line) {
    return line > 0 ? what + ": line " + line + ": " : what + ": ";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String text = message;
    int marker = text.indexOf("Message: ");
    if (marker >= 0) {
      text = text.substring(marker + "Message: ".length());
    }
    int newline = text.indexOf('\n');
    return (newline >= 0 ? text.substring(0, newline) : text).strip();
  }

  private static void close(XMLStreamReader reader) {
    if (reader != null) {
      try {
        reader.close();
      } catch (XMLStreamException ignored) {
        // nothing useful to report: the document was already read or refused
      }
    }
  }

  private static final class Builder {
    final String name;
    final Map<String, String> attributes;
    final int line;
    final StringBuilder text = new StringBuilder();
    final List<XmlElement> children = new ArrayList<>();

    Builder(String name, Map<String, String> attributes, int line) {
      this.name = name;
      this.attributes = attributes;
      this.line = line;
    }

    XmlElement build() {
      return new XmlElement(name, attributes, text.toString(), children, line);
    }
  }
}
