/**
 * The custom alert action {@code ide_tunnel_risk_score}: splunkd runs {@code bin/ide_tunnel_risk_score.sh
 * --execute} with a JSON {@link org.idetunnelrisk.alert.AlertPayload} on stdin;
 * {@link org.idetunnelrisk.alert.AlertActionMain} checks the payload, the
 * {@link org.idetunnelrisk.alert.AlertSettings} from its configuration and the
 * {@link org.idetunnelrisk.alert.ResultsFile} location, then hands over to an
 * {@link org.idetunnelrisk.alert.AlertScorer}.
 *
 * <p>Uses the JDK, gson, and the protocol helpers of {@code modinput} (session key, log lines, Splunk value
 * syntax). Must not use the engine, rules, or REST code directly: those come in through {@code AlertScorer}.
 */
package org.idetunnelrisk.alert;
