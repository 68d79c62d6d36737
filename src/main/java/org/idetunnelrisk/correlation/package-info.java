/**
 * Sigma correlation rules evaluated over base-rule hits, live and offline: {@link
 * org.idetunnelrisk.correlation.Correlator} takes each {@link org.idetunnelrisk.engine.Hit} of a rule some
 * correlation names, keeps the hits inside open timespans per correlation and group, and emits each
 * correlation result as a {@link org.idetunnelrisk.engine.RiskEvent}. Its state is a plain snapshot (maps,
 * lists, strings, numbers) a caller may save as JSON and restore.
 *
 * <p>Pure, like {@code engine}: the JDK and {@code engine} only; no I/O, no gson, no YAML.
 * {@code ArchitectureTest} enforces the import rules.
 */
package org.idetunnelrisk.correlation;
