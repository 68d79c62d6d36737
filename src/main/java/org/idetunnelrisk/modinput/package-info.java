/**
 * The modular-input protocol of scheme {@code ide_tunnel_risk}: the {@link org.idetunnelrisk.modinput.Scheme}
 * printed for {@code --scheme}, the {@link org.idetunnelrisk.modinput.ValidationDefinition} read for
 * {@code --validate-arguments}, the {@link org.idetunnelrisk.modinput.InputDefinition} read in run mode, one
 * checked {@link org.idetunnelrisk.modinput.Settings} per stanza, and the
 * {@link org.idetunnelrisk.modinput.EventWriter} that streams XML events to splunkd and log lines to stderr.
 * {@link org.idetunnelrisk.modinput.ModularInputMain} dispatches on argv; the polling itself is behind
 * {@link org.idetunnelrisk.modinput.StanzaRunner}.
 *
 * <p>Uses the JDK only (StAX for XML). Must not use the engine, rules, or REST code directly: those reach
 * it through {@code StanzaRunner}. Every XML parse here refuses DOCTYPE and external entities.
 */
package org.idetunnelrisk.modinput;
