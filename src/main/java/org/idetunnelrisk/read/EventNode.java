package org.idetunnelrisk.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of a Windows event as a reader built it: name, attributes in order, its own text (the text
 * directly inside it, children's text apart) and child elements. Both {@link XmlEventReader} and
 * {@link EvtxReader} build these, so {@link EventFields} turns an event into the same fields whichever
 * format it came from. Not thread-safe.
 */
final class EventNode {
  final String name;
  final Map<String, String> attributes = new LinkedHashMap<>(4);
  final StringBuilder text = new StringBuilder();
  final List<EventNode> children = new ArrayList<>(4);

  EventNode(String name) {
    this.name = name;
  }

  String attribute(String n) {
    return attributes.get(n);
  }

  /** Appends this element as XML text: attributes in order, text escaped, an empty element as {@code <x/>}. */
  void writeXml(StringBuilder out) {
    out.append('<').append(name);
    for (Map.Entry<String, String> a : attributes.entrySet()) {
      out.append(' ').append(a.getKey()).append("=\"");
      escape(out, a.getValue(), true);
      out.append('"');
    }
    if (text.length() == 0 && children.isEmpty()) {
      out.append("/>");
      return;
    }
    out.append('>');
    escape(out, text, false);
    for (EventNode c : children) {
      c.writeXml(out);
    }
    out.append("</").append(name).append('>');
  }

  /** XML escaping of {@code &}, {@code <}, {@code >}, and of {@code "} in attribute values. */
  static void escape(StringBuilder out, CharSequence s, boolean attribute) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&': out.append("&amp;"); break;
        case '<': out.append("&lt;"); break;
        case '>': out.append("&gt;"); break;
        case '"':
          out.append(attribute ? "&quot;" : "\"");
          break;
        default: out.append(c);
      }
    }
  }
}
