/**
 * The application: what the modular input's run mode ({@link org.idetunnelrisk.app.Poller}) and the alert
 * action ({@link org.idetunnelrisk.app.ResultsScorer}) do with the engine, the tuning files, the search
 * builder and the Splunk client. The protocols themselves live in {@code modinput} and {@code alert}; this
 * package is where they meet the rest.
 */
package org.idetunnelrisk.app;
