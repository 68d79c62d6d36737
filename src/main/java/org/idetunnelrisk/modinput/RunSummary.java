package org.idetunnelrisk.modinput;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one poll of one stanza did, reported by the {@link StanzaRunner} and written by
 * {@link ModularInputMain} as the stanza's run-summary event (sourcetype {@code ide_tunnel_risk:run}).
 *
 * @param rowsRead telemetry rows read from Splunk
 * @param hits rule hits
 * @param riskEvents risk events produced
 * @param riskEventsWritten risk events written to the risk index (0 in a dry run)
 * @param extra further counts or timings, key to value, written after the fixed keys in this order; keys
 *     are lower-case words joined by {@code _}. The key {@value #STATUS} (default {@value #OK}) sets the
 *     event's status: anything but {@value #OK} and {@value #STOOD_ASIDE} ({@code partial}, {@code failed})
 *     makes the process exit non-zero after the summary is written, so splunkd records the failure too.
 */
public record RunSummary(long rowsRead, long hits, long riskEvents, long riskEventsWritten, Map<String, String> extra) {
  /** The extra key carrying the run's status. */
  public static final String STATUS = "status";
  /** The status of a run that did everything it set out to do. */
  public static final String OK = "ok";
  /**
   * The status of a run that, by design, polled and wrote nothing: a search head cluster member that is not the
   * captain. It did what it should, so the process exits 0.
   */
  public static final String STOOD_ASIDE = "stood_aside";

  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");

  public RunSummary {
    for (String key : extra.keySet()) {
      if (!KEY.matcher(key).matches()) {
        throw new IllegalArgumentException("run summary key '" + key + "' is not lower_case_words");
      }
    }
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** Whether the run did everything it set out to do (standing aside included). */
  public boolean ok() {
    String status = extra.getOrDefault(STATUS, OK);
    return status.equals(OK) || status.equals(STOOD_ASIDE);
  }

  public static RunSummary of(long rowsRead, long hits, long riskEvents, long riskEventsWritten) {
    return new RunSummary(rowsRead, hits, riskEvents, riskEventsWritten, Map.of());
  }
}
