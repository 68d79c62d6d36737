package org.idetunnelrisk.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Windows event XML as Splunk stores {@code XmlWinEventLog} and as {@code wevtutil qe /f:xml} prints it:
 * {@code <Event>} elements concatenated without a root or inside an {@code <Events>} root, one per line
 * or pretty-printed, each possibly after its own {@code <?xml ...?>} declaration. A bare
 * {@code <EventData>} element (an event published without its {@code <System>} part) is one event too.
 *
 * <p>Fields: from {@code System}, each child's text under its own name ({@code EventID}, {@code Channel},
 * {@code Computer}, {@code EventRecordID}, {@code Keywords}, {@code Level}, {@code Task}...), plus
 * {@code Provider} (its {@code Name}), {@code TimeCreated} (its {@code SystemTime}),
 * {@code ExecutionProcessID} and {@code ExecutionThreadID}, {@code SecurityUserID}; from {@code EventData},
 * each {@code <Data Name="X">} as field X and unnamed {@code Data} as the multivalue field {@code Data};
 * from {@code UserData}, each leaf element's text under the leaf's name. Empty values are absent.
 * {@link Record#raw()} is the event re-serialised from the parse (same elements, attributes and text).
 *
 * <p>Safety: StAX with DTDs and external entities off, and {@link XmlStreamFilter} stops the input at any
 * {@code <!DOCTYPE}, reported as a fatal error naming its line. An event nested deeper than
 * {@link ReadLimits#maxDepth()} or larger than {@link ReadLimits#maxRecordBytes()} characters is skipped
 * with a recoverable error. Malformed XML is fatal (the parser cannot resynchronise), after every event
 * before it has been returned. Not thread-safe.
 */
final class XmlEventReader implements RecordReader {
  private static final XMLInputFactory FACTORY = factory();

  private final XmlStreamFilter filter;
  private final XMLStreamReader xml;
  private final String origin;
  private final List<String> notes = new ArrayList<>(1);
  private final ReadLimits limits;
  private long number;
  private boolean done;
  private int level;

  XmlEventReader(InputStream in, String origin, ReadLimits limits) throws IOException {
    this.filter = new XmlStreamFilter(new InputStreamReader(in, StandardCharsets.UTF_8));
    this.origin = origin;
    this.limits = limits;
    try {
      this.xml = FACTORY.createXMLStreamReader(filter);
    } catch (XMLStreamException e) {
      throw malformed(e);
    }
  }

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    return f;
  }

  @Override
  public Record next() throws IOException {
    if (done) {
      return null;
    }
    try {
      while (xml.hasNext()) {
        int ev = xml.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          level++;
          String name = xml.getLocalName();
          if (level == 1 && name.equals(XmlStreamFilter.ROOT)) {
            continue;
          }
          if (level == 2 && name.equals("Events")) {
            continue;
          }
          if (name.equals("Event") || name.equals("EventData")) {
            return event(name);
          }
          long at = xml.getLocation().getLineNumber();
          skipElement();
          throw new InputException(origin + ":" + at + ": expected an <Event> element but found <" + name + ">", true);
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          level--;
        } else if (ev == XMLStreamConstants.DTD) {
          throw doctype(xml.getLocation().getLineNumber());
        }
      }
      done = true;
      return null;
    } catch (XMLStreamException e) {
      throw malformed(e);
    }
  }

  private Record event(String rootName) throws XMLStreamException {
    long line = xml.getLocation().getLineNumber();
    StringBuilder raw = new StringBuilder(512);
    EventNode root = new EventNode(rootName);
    List<EventNode> stack = new ArrayList<>();
    stack.add(root);
    startTag(raw, root);
    boolean tooDeep = false;
    boolean tooBig = false;
    int depth = 1;
    while (depth > 0) {
      boolean keep = !tooDeep && !tooBig;
      int ev = xml.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        level++;
        depth++;
        if (keep && depth > limits.maxDepth()) {
          tooDeep = true;
        } else if (keep) {
          EventNode n = new EventNode(xml.getLocalName());
          stack.get(stack.size() - 1).children.add(n);
          stack.add(n);
          startTag(raw, n);
        }
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        level--;
        depth--;
        if (keep) {
          stack.remove(stack.size() - 1);
          raw.append("</").append(qualified()).append('>');
        }
      } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA
          || ev == XMLStreamConstants.SPACE || ev == XMLStreamConstants.ENTITY_REFERENCE) {
        if (keep) {
          String t = xml.getText();
          stack.get(stack.size() - 1).text.append(t);
          EventNode.escape(raw, t, false);
        }
      } else if (ev == XMLStreamConstants.DTD) {
        throw doctype(xml.getLocation().getLineNumber());
      }
      if (!tooBig && raw.length() > limits.maxRecordBytes()) {
        tooBig = true;
        raw = new StringBuilder(0);
        root.children.clear();
      }
    }
    if (tooDeep) {
      throw new InputException(origin + ":" + line + ": event nested deeper than the limit of "
          + limits.maxDepth() + " levels", true);
    }
    if (tooBig) {
      throw new InputException(origin + ":" + line + ": event larger than the limit of "
          + limits.maxRecordBytes() + " characters", true);
    }
    Map<String, List<String>> fields = EventFields.of(root);
    return new Record(origin, line, ++number, fields, raw.toString());
  }

  private String qualified() {
    String p = xml.getPrefix();
    return p == null || p.isEmpty() ? xml.getLocalName() : p + ":" + xml.getLocalName();
  }

  /** Appends the current start tag (namespaces and attributes included) and records the attributes. */
  private void startTag(StringBuilder raw, EventNode n) {
    raw.append('<').append(qualified());
    for (int i = 0; i < xml.getNamespaceCount(); i++) {
      String p = xml.getNamespacePrefix(i);
      raw.append(p == null || p.isEmpty() ? " xmlns" : " xmlns:" + p).append("=\"");
      String uri = xml.getNamespaceURI(i);
      EventNode.escape(raw, uri == null ? "" : uri, true); // xmlns="" undeclares the default namespace: no URI
      raw.append('"');
    }
    for (int i = 0; i < xml.getAttributeCount(); i++) {
      String local = xml.getAttributeLocalName(i);
      String p = xml.getAttributePrefix(i);
      String v = xml.getAttributeValue(i);
      n.attributes.put(local, v);
      raw.append(' ').append(p == null || p.isEmpty() ? local : p + ":" + local).append("=\"");
      EventNode.escape(raw, v, true);
      raw.append('"');
    }
    raw.append('>');
  }



  private void skipElement() throws XMLStreamException {
    int depth = 1;
    while (depth > 0 && xml.hasNext()) {
      int ev = xml.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
    level--;
  }

  private InputException doctype(long line) {
    done = true;
    return new InputException(origin + ":" + line
        + ": DOCTYPE is not allowed (DTDs and external entities are refused); reading stopped", false);
  }

  private InputException malformed(XMLStreamException e) {
    done = true;
    if (filter.doctypeLine() > 0) {
      return doctype(filter.doctypeLine());
    }
    long line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
    String why = e.getMessage() == null ? "" : e.getMessage();
    int m = why.indexOf("Message: ");
    if (m >= 0) {
      why = why.substring(m + "Message: ".length());
    }
    return new InputException(origin + ":" + line + ": malformed XML: " + why.strip(), false, e);
  }

  /** Adds a note for {@link #notes()} (the text {@link Readers} skipped before the document). */
  XmlEventReader note(String note) {
    notes.add(note);
    return this;
  }

  @Override
  public List<String> notes() {
    return notes;
  }

  @Override
  public String format() {
    return "xml";
  }

  @Override
  public void close() throws IOException {
    done = true;
    try {
      xml.close();
    } catch (XMLStreamException e) {
      // closing the parser frees its state only; the stream is closed below
    }
    filter.close();
  }
}
