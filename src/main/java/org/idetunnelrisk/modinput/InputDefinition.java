package org.idetunnelrisk.modinput;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The run-mode document splunkd writes to stdin before closing it:
 * <pre>{@code
 * <input>
 *   <server_host>..</server_host> <server_uri>..</server_uri> <session_key>..</session_key>
 *   <checkpoint_dir>..</checkpoint_dir>
 *   <configuration>
 *     <stanza name="ide_tunnel_risk://NAME" app="ide_tunnel_risk"> <param name="..">..</param> ... </stanza>
 *   </configuration>
 * </input>
 * }</pre>
 * Parsed by {@link #parse(InputStream)} with {@link SafeXml} (no DOCTYPE, bounded size and depth). Every
 * root child other than {@code configuration} is metadata; {@code configuration} may hold only stanzas.
 * Immutable.
 *
 * @param metadata server host, URI, session key, checkpoint folder, others
 * @param stanzas the stanzas, in document order (one when {@code use_single_instance} is false)
 */
public record InputDefinition(Metadata metadata, List<Stanza> stanzas) {
  static final String WHAT = "input definition";

  public InputDefinition {
    stanzas = List.copyOf(stanzas);
  }

  public static InputDefinition parse(InputStream in) {
    XmlElement root = SafeXml.parse(in, WHAT);
    if (!root.name().equals("input")) {
      throw new ModularInputException(
          WHAT + ": line " + root.line() + ": expected root element <input> but was <" + root.name() + ">");
    }
    Metadata metadata = Metadata.from(root, "configuration", WHAT);
    List<Stanza> stanzas = new ArrayList<>();
    for (XmlElement configuration : root.children()) {
      if (!configuration.name().equals("configuration")) {
        continue;
      }
      for (XmlElement stanza : configuration.children()) {
        if (!stanza.name().equals("stanza")) {
          throw new ModularInputException(WHAT + ": line " + stanza.line()
              + ": expected <stanza> in <configuration> but was <" + stanza.name() + ">");
        }
        String name = stanza.attribute("name");
        if (name == null || name.isBlank()) {
          throw new ModularInputException(WHAT + ": line " + stanza.line() + ": <stanza> has no name attribute");
        }
        String app = stanza.attribute("app");
        stanzas.add(new Stanza(name.strip(), app == null ? "" : app, Parameters.from(stanza, WHAT)));
      }
    }
    return new InputDefinition(metadata, stanzas);
  }
}
