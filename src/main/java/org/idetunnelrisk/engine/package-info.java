/**
 * The pure detection engine: compiled rules evaluated over normalized {@link org.idetunnelrisk.engine.Row}s,
 * each hit turned into Splunk Enterprise Security {@link org.idetunnelrisk.engine.RiskEvent}s.
 *
 * <p>This package is the centre of the architecture. It depends on the JDK only and does no I/O: no
 * {@code java.io}, {@code java.net}, {@code java.nio.file}, no gson, no YAML, and nothing from the other
 * packages of this project but {@code literal} (literal search, itself JDK only), which its gates use.
 * Everything here is immutable and thread-safe once built, except {@link org.idetunnelrisk.engine.Row.Builder}.
 * {@code ArchitectureTest} enforces the import rules.
 */
package org.idetunnelrisk.engine;
