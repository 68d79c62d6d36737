package org.idetunnelrisk.app;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.idetunnelrisk.splunk.ResultStream;
import org.idetunnelrisk.splunk.SplunkClient;
import org.idetunnelrisk.splunk.SplunkException;

/**
 * Which risk events the risk index holds, by {@code risk_event_id}: how a write sent without a clear answer is
 * settled, by the modular input at its next run ({@link WindowBook}: a feed's window or the input's correlations)
 * and by the alert action within its run ({@link ResultsScorer}). Stateless.
 */
final class RiskIndexLookup {
  private RiskIndexLookup() {}

  /**
   * The ids among {@code ids} that {@code riskIndex} holds, searching it over {@code from}..{@code to} (epoch
   * seconds; risk events carry their source events' own times).
   *
   * @throws IllegalStateException when an id is not the hex of a risk event id (it could not be searched safely)
   */
  static Set<String> landed(SplunkClient client, String riskIndex, Collection<String> ids, long from, long to)
      throws SplunkException {
    StringBuilder in = new StringBuilder();
    for (String id : ids) {
      if (!id.matches("[0-9a-f]{1,64}")) {
        throw new IllegalStateException("a malformed risk event id cannot be searched for");
      }
      in.append(in.length() == 0 ? "" : ", ").append('"').append(id).append('"');
    }
    String spl = "search index=" + riskIndex + " sourcetype=stash risk_event_id IN (" + in
        + ") | fields risk_event_id";
    Set<String> wanted = new HashSet<>(ids);
    Set<String> found = new LinkedHashSet<>();
    try (ResultStream rs = client.export(spl, Long.toString(from), Long.toString(to))) {
      Map<String, List<String>> row;
      while ((row = rs.next()) != null) {
        for (String v : row.getOrDefault("risk_event_id", List.of())) {
          if (wanted.contains(v)) {
            found.add(v);
          }
        }
      }
    }
    return found;
  }
}
