package org.idetunnelrisk.modinput;

/**
 * Polls one stanza: searches the feeds over the window, scores the rows, writes risk events. Implemented
 * by the application (engine plus REST client); {@link ModularInputMain} calls it once per stanza of the
 * input definition, after the stanza's {@link Settings} have been checked.
 *
 * <p>It may write its own events through {@code out} and log through {@code out.log()}; it must not
 * write to stdout or stderr directly. Any exception it throws becomes one {@code ERROR} line naming the
 * stanza (its message, never a stack trace) and a non-zero exit; messages must not contain secrets (the
 * session key is masked anyway).
 */
@FunctionalInterface
public interface StanzaRunner {
  RunSummary run(InputDefinition definition, Settings stanza, EventWriter out) throws Exception;
}
