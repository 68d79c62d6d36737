package org.idetunnelrisk.source;

import java.util.Map;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;

/**
 * CrowdStrike Falcon events (Falcon Data Replicator or the Splunk add-on), told by {@code event_simpleName}:
 * ProcessRollup2 and SyntheticProcessRollup2 are process_creation, DnsRequest dns_query,
 * NetworkConnectIP4 network_connection; {@code event_platform} gives the product. Time from
 * {@code timestamp} (epoch milliseconds), else {@code ProcessStartTime} (epoch seconds); key from
 * {@code aid}, the event name, the process id and that time text ({@link EventIdentity#crowdStrike}).
 */
final class CrowdStrikeSource implements Source {
  private static final Map<String, String> CATEGORIES = Map.of(
      "ProcessRollup2", "process_creation",
      "SyntheticProcessRollup2", "process_creation",
      "DnsRequest", "dns_query",
      "NetworkConnectIP4", "network_connection",
      "NetworkConnectIP6", "network_connection");
  private static final Map<String, String> PRODUCTS = Map.of("Win", "windows", "Lin", "linux", "Mac", "macos");

  @Override
  public boolean accepts(Fields f) {
    return f.has("event_simpleName");
  }

  @Override
  public void apply(Fields f, Row.Builder row) {
    String name = f.first("event_simpleName");
    String platform = f.first("event_platform");
    row.logSource(new LogSource(CATEGORIES.get(name), platform == null ? null : PRODUCTS.get(platform), null));
    String timestamp = f.first("timestamp");
    row.time(Times.first(Times.epochMillis(timestamp), Times.epochSeconds(f.first("ProcessStartTime")),
        Times.splunk(f.first("_time"))));
    EventIdentity.crowdStrike(f, row);
  }
}
