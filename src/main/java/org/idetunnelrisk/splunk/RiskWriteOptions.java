package org.idetunnelrisk.splunk;

import java.util.Objects;

/**
 * Per-call choices for {@link SplunkClient#writeRiskEvents}.
 *
 * @param index the index (normally {@link Settings#riskIndex()})
 * @param host the {@code host} of each risk event, e.g. the search head's {@code server_host}
 * @param hostFromDest when true the first {@code dest} value of an event is its host, {@code host} otherwise
 */
public record RiskWriteOptions(String index, String host, boolean hostFromDest) {

  public RiskWriteOptions {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(host, "host");
  }

  /** The host for one event. */
  String hostFor(org.idetunnelrisk.engine.RiskEvent event) {
    if (hostFromDest) {
      var dest = event.fields().get("dest");
      if (dest != null && !dest.isEmpty() && !dest.get(0).isBlank()) {
        return dest.get(0);
      }
    }
    return host;
  }
}
