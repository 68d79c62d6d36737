package org.idetunnelrisk.source;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The {@code <Exec>} actions of a scheduled task definition (the {@code TaskContent} of Security 4698).
 *
 * <p>Parsed with StAX, DTDs and external entities off; a definition holding {@code <!DOCTYPE}, longer
 * than {@value #MAX_CHARS} characters, nested deeper than {@value #MAX_DEPTH} or malformed gives no
 * actions: the event is kept as it is and nothing is thrown. The declaration's {@code encoding="UTF-16"}
 * is irrelevant here, as the text is already decoded. Stateless and thread-safe.
 */
final class TaskContent {
  static final int MAX_CHARS = 1024 * 1024;
  static final int MAX_DEPTH = 32;
  private static final XMLInputFactory FACTORY = factory();

  /** One action: the program and its arguments (empty when the task gives none). */
  record Exec(String command, String arguments) {}

  private TaskContent() {}

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  /** The task's Exec actions in document order; empty when there are none or the XML is refused. */
  static List<Exec> execActions(String xml) {
    if (xml == null || xml.length() > MAX_CHARS || xml.contains("<!DOCTYPE")) {
      return List.of();
    }
    XMLStreamReader r = null;
    try {
      r = FACTORY.createXMLStreamReader(new StringReader(xml.strip()));
      List<Exec> out = new ArrayList<>();
      int depth = 0;
      String command = null;
      String arguments = null;
      boolean inExec = false;
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.DTD) {
          return List.of();
        }
        if (ev == XMLStreamConstants.START_ELEMENT) {
          if (++depth > MAX_DEPTH) {
            return List.of();
          }
          String name = r.getLocalName();
          if (name.equals("Exec")) {
            inExec = true;
            command = null;
            arguments = null;
          } else if (inExec && name.equals("Command")) {
            command = r.getElementText().strip();
            depth--;
          } else if (inExec && name.equals("Arguments")) {
            arguments = r.getElementText().strip();
            depth--;
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          depth--;
          if (r.getLocalName().equals("Exec")) {
            inExec = false;
            out.add(new Exec(command == null ? "" : command, arguments == null ? "" : arguments));
          }
        }
      }
      return out;
    } catch (XMLStreamException | RuntimeException e) {
      return List.of();
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException e) {
          // nothing held but the parser's own state
        }
      }
    }
  }
}
