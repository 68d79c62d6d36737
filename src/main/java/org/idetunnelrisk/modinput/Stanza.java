package org.idetunnelrisk.modinput;

/**
 * One {@code <stanza>} of the run-mode input definition: an enabled {@code [ide_tunnel_risk://NAME]} of
 * inputs.conf with the parameters splunkd resolved for it (ours plus inherited ones such as
 * {@code interval}, {@code index}, {@code host}, {@code disabled}, which we ignore unless stated).
 *
 * @param name the full stanza name, {@code ide_tunnel_risk://NAME}
 * @param app the app attribute, empty when splunkd sent none
 * @param parameters the params and param_lists
 */
public record Stanza(String name, String app, Parameters parameters) {
  /** The input's own name: the stanza name without {@code ide_tunnel_risk://}. */
  public String shortName() {
    return Scheme.shortName(name);
  }
}
