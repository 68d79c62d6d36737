/**
 * The application: what the modular input's run mode ({@link org.idetunnelrisk.app.Poller}) and the alert
 * action ({@link org.idetunnelrisk.app.ResultsScorer}) do with the engine, the tuning files, the search
 * builder and the Splunk client. The protocols themselves live in {@code modinput} and {@code alert}; this
 * package is where they meet the rest. {@link org.idetunnelrisk.app.AppHome} is the one loader of rules, field
 * tables and tuning that these two, {@code scan} and {@code rules check} share, so offline runs apply what
 * production applies; {@link org.idetunnelrisk.app.RuleReview} is what {@code rules check} points out beyond
 * problems.
 */
package org.idetunnelrisk.app;
