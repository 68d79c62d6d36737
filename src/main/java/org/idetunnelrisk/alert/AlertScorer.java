package org.idetunnelrisk.alert;

import java.nio.file.Path;

/**
 * Turns the alert's results into risk events and writes them: implemented by the application (CSV reader,
 * engine, REST client). {@link AlertActionMain} calls it once per run, after the payload, the settings and
 * the results file have been checked; {@code resultsFile} is the real path inside the dispatch folder.
 *
 * <p>It must not write to stdout or stderr; an exception it throws becomes one {@code ERROR} line with its
 * message (session key masked) and a non-zero exit.
 */
@FunctionalInterface
public interface AlertScorer {
  AlertSummary score(AlertPayload payload, AlertSettings settings, Path resultsFile) throws Exception;
}
