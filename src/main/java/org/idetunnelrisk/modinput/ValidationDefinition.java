package org.idetunnelrisk.modinput;

import java.io.InputStream;

/**
 * The {@code --validate-arguments} document: metadata plus exactly one {@code <item name="NAME">} with the
 * proposed parameters. The item name is accepted with or without the {@code ide_tunnel_risk://} prefix
 * (the docs show the short form; whether splunkd ever sends the long one is unconfirmed).
 * Parsed with {@link SafeXml}. Immutable.
 *
 * @param metadata server host, URI, session key, checkpoint folder, others
 * @param name the proposed input's short name
 * @param parameters the proposed params and param_lists
 */
public record ValidationDefinition(Metadata metadata, String name, Parameters parameters) {
  static final String WHAT = "validation items";

  public static ValidationDefinition parse(InputStream in) {
    XmlElement root = SafeXml.parse(in, WHAT);
    if (!root.name().equals("items")) {
      throw new ModularInputException(
          WHAT + ": line " + root.line() + ": expected root element <items> but was <" + root.name() + ">");
    }
    XmlElement item = null;
    for (XmlElement child : root.children()) {
      if (child.name().equals("item")) {
        if (item != null) {
          throw new ModularInputException(WHAT + ": line " + child.line() + ": more than one <item>");
        }
        item = child;
      }
    }
    if (item == null) {
      throw new ModularInputException(WHAT + ": no <item> element");
    }
    String name = item.attribute("name");
    if (name == null || name.isBlank()) {
      throw new ModularInputException(WHAT + ": line " + item.line() + ": <item> has no name attribute");
    }
    return new ValidationDefinition(
        Metadata.from(root, "item", WHAT), Scheme.shortName(name.strip()), Parameters.from(item, WHAT));
  }
}
