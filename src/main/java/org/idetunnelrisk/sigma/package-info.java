/**
 * Sigma YAML rules to engine types: {@link org.idetunnelrisk.sigma.RuleLoader} reads rule files with
 * SnakeYAML Engine's low-level compose API (so every problem carries {@code file:line}), validates them,
 * and compiles detections, conditions, modifiers and the {@code risk:} block into
 * {@link org.idetunnelrisk.engine.Rule}s; Sigma correlation rules into
 * {@link org.idetunnelrisk.correlation.CorrelationRule}s and Sigma filters into their rules' detections, linked
 * across files once all are read.
 *
 * <p>Depends on {@code engine}, {@code correlation}, {@code fields}, SnakeYAML Engine and RE2/J (regular expressions run in
 * linear time). It does no network I/O and knows nothing of Splunk, readers or the CLI.
 */
package org.idetunnelrisk.sigma;
