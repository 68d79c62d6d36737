package org.idetunnelrisk.modinput;

import java.util.List;
import java.util.Map;

/**
 * One element of a small XML document read by {@link SafeXml}: name, attributes, the concatenated text
 * directly inside it (whitespace kept), child elements, and the line it starts on (for messages).
 */
record XmlElement(String name, Map<String, String> attributes, String text, List<XmlElement> children, int line) {
  XmlElement {
    attributes = Map.copyOf(attributes);
    children = List.copyOf(children);
  }

  String attribute(String attributeName) {
    return attributes.get(attributeName);
  }
}
