/**
 * What content teams tune without Java: rule overrides in {@code ide_tunnel_risk.conf} (disable a rule,
 * change its score, add rule folders), the allowlist lookup (dest, user, process path, parent, rule, with
 * an expiry date and a reason) and the ATT&CK technique-to-tactic lookup the risk events' annotations come
 * from. Reads Splunk's conf and CSV files from the app folder, {@code local/} over {@code default/}. Depends on
 * engine and read.
 */
package org.idetunnelrisk.tuning;
