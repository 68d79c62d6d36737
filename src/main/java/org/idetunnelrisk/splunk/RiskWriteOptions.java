package org.idetunnelrisk.splunk;

import java.util.Objects;
import org.idetunnelrisk.engine.TacticTable;

/**
 * Per-call choices for {@link SplunkClient#writeRiskEvents}.
 *
 * @param index the index (normally {@link Settings#riskIndex()})
 * @param host the {@code host} of each risk event, e.g. the search head's {@code server_host}
 * @param tactics the ATT&CK table the {@code annotations.mitre_attack.*} fields are written from
 *     ({@link RiskEventText}); {@link TacticTable#EMPTY} writes technique ids only
 * @param origin the search the risk events came from ({@code orig_sid}, {@code info_min_time}...)
 */
public record RiskWriteOptions(String index, String host, TacticTable tactics, RiskOrigin origin) {

  public RiskWriteOptions {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tactics, "tactics");
    Objects.requireNonNull(origin, "origin");
  }
}
