package org.idetunnelrisk.splunk;

import java.util.Objects;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.engine.TacticTable;

/**
 * Per-call choices for {@link SplunkClient#writeRiskEvents}.
 *
 * @param index the index (normally {@link Settings#riskIndex()})
 * @param host the {@code host} of each risk event, e.g. the search head's {@code server_host}
 * @param hostFromDest when true the first {@code dest} value of an event is its host, {@code host} otherwise
 * @param tactics the ATT&CK table the {@code annotations.mitre_attack.*} fields are written from
 *     ({@link RiskEventText}); {@link TacticTable#EMPTY} writes technique ids only
 * @param origin the search the risk events came from ({@code orig_sid}, {@code info_min_time}...)
 */
public record RiskWriteOptions(String index, String host, boolean hostFromDest, TacticTable tactics,
    RiskOrigin origin) {

  public RiskWriteOptions {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tactics, "tactics");
    Objects.requireNonNull(origin, "origin");
  }

  /** Without an ATT&CK table or an origin: risk events carry their technique ids, no tactic, no origin. */
  public RiskWriteOptions(String index, String host, boolean hostFromDest) {
    this(index, host, hostFromDest, TacticTable.EMPTY, RiskOrigin.NONE);
  }

  /** The host for one event. */
  String hostFor(RiskEvent event) {
    if (hostFromDest) {
      var dest = event.fields().get("dest");
      if (dest != null && !dest.isEmpty() && !dest.get(0).isBlank()) {
        return dest.get(0);
      }
    }
    return host;
  }
}
