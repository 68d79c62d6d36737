/**
 * Splunk REST over {@code java.net.http} and gson, in the role the Splunk SDK for Java plays elsewhere:
 * {@link org.idetunnelrisk.splunk.SplunkClient} (search export as a stream, risk-event writes through
 * {@code receivers/simple}, KV store records, the search head's {@link org.idetunnelrisk.splunk.ClusterRole}),
 * TLS as splunkd ships it (its own CA, a certificate that names no host), the session key
 * ({@link org.idetunnelrisk.splunk.SessionKey}),
 * one {@link org.idetunnelrisk.splunk.SplunkException} family, the ES risk-event text
 * ({@link org.idetunnelrisk.splunk.RiskEventText}) and checkpoints
 * ({@link org.idetunnelrisk.splunk.CheckpointStore}).
 *
 * <p>Depends on the JDK, gson and {@code org.idetunnelrisk.engine} (for {@code RiskEvent}); knows nothing of
 * rules, readers, modular inputs or alert actions, save that TLS messages name the settings an admin changes as
 * the entry points spell them ({@code ca_cert_path}; {@code ssl_hostname_check}, the input's). Secrets never
 * reach a message: the session key has a redacted {@code toString()} and every log line passes through a
 * {@link org.idetunnelrisk.splunk.Redactor}.
 *
 * <h2>Stash line breaking</h2>
 * Risk events go to {@code receivers/simple} one event per request. How splunkd breaks a {@code stash} body
 * into events is not confirmed for the plain {@code [stash]} sourcetype: the stash-family stanzas seen in
 * public copies ({@code stash_new}, and add-ons modelled on it) set {@code SHOULD_LINEMERGE = false},
 * {@code HEADER_MODE = firstline} (a {@code ***SPLUNK***} header is looked for on the first line only) and
 * a {@code LINE_BREAKER} on a fixed marker line ({@code ==##~~##~~  1E8N3D4E6V5E7N2T9 ~~##~~##==}), not on
 * newlines. Batching several events into one body would depend on that marker, so we do not batch; and
 * since {@link org.idetunnelrisk.splunk.RiskEventText} writes one line per event with no control
 * characters and a defanged header marker, a value can neither split an event nor start a header.
 */
package org.idetunnelrisk.splunk;
