package org.idetunnelrisk.alert;

/**
 * What one run of the alert action did, reported by the {@link AlertScorer} and logged by
 * {@link AlertActionMain} on its final INFO line.
 *
 * @param rowsRead result rows read from results_file
 * @param hits rule hits (rows in fixed mode)
 * @param riskEvents risk events produced
 * @param riskEventsWritten risk events written to the risk index
 */
public record AlertSummary(long rowsRead, long hits, long riskEvents, long riskEventsWritten) {}
