/**
 * Splunk REST over {@code java.net.http} and gson, in the role the Splunk SDK for Java plays elsewhere:
 * {@link org.idetunnelrisk.splunk.SplunkClient} (search export as a stream, risk-event writes through
 * {@code receivers/simple} or HEC, KV store records), credentials ({@link org.idetunnelrisk.splunk.Credential}),
 * one {@link org.idetunnelrisk.splunk.SplunkException} family, the ES risk-event text
 * ({@link org.idetunnelrisk.splunk.RiskEventText}) and checkpoints
 * ({@link org.idetunnelrisk.splunk.CheckpointStore}).
 *
 * <p>Depends on the JDK, gson and {@code org.idetunnelrisk.engine} (for {@code RiskEvent}); knows nothing of
 * rules, readers, modular inputs or alert actions. Secrets never reach a message: credentials have
 * redacted {@code toString()}s and every log line passes through a {@link org.idetunnelrisk.splunk.Redactor}.
 */
package org.idetunnelrisk.splunk;
