package org.idetunnelrisk.source;

import static org.idetunnelrisk.source.Rows.values;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;
import org.junit.jupiter.api.Test;

class CrowdStrikeSourceTest {
  private static final String AID = "4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f";

  @Test
  void eventNamesGiveCategories() throws Exception {
    List<Row> rows = Rows.of("/source/crowdstrike.jsonl");
    assertEquals(List.of(
        new LogSource("process_creation", "windows", null),
        new LogSource("dns_query", "windows", null),
        new LogSource("network_connection", "windows", null),
        new LogSource("process_creation", "windows", null)), rows.stream().map(Row::logSource).toList());
  }

  @Test
  void processRollup2() throws Exception {
    Row row = Rows.of("/source/crowdstrike.jsonl").get(0);
    assertEquals(1763892000.123, row.time(), 1e-6);
    assertEquals(AID + "|ProcessRollup2|118745623901|1763892000123", row.eventKey());
    assertEquals(List.of("code-tunnel.exe"), values(row, "process_name"));
    assertEquals(List.of("\\Device\\HarddiskVolume3\\Users\\alice\\AppData\\Local\\Programs\\Microsoft VS Code\\bin\\code-tunnel.exe"),
        values(row, "process_path"));
    assertEquals(List.of("explorer.exe"), values(row, "parent_process_name"));
    assertEquals(List.of("118745623901"), values(row, "process_id"));
    assertEquals(List.of("118745600112"), values(row, "parent_process_id"));
    assertEquals(List.of("WKS-042"), values(row, "dest"));
    assertEquals(List.of("ProcessRollup2"), values(row, "event_simpleName"));
  }

  @Test
  void dnsAndNetwork() throws Exception {
    List<Row> rows = Rows.of("/source/crowdstrike.jsonl");
    Row dns = rows.get(1);
    assertEquals(List.of("global.rel.tunnels.api.visualstudio.com"), values(dns, "query"));
    assertEquals(AID + "|DnsRequest|118745623901|1763892001500", dns.eventKey());
    assertEquals(1763892001.5, dns.time(), 1e-6);
    Row net = rows.get(2);
    assertEquals(List.of("20.42.65.84"), values(net, "dest_ip"));
    assertEquals(List.of("443"), values(net, "dest_port"));
    assertEquals(List.of("10.20.30.42"), values(net, "src_ip"));
  }

  @Test
  void syntheticRollupTimeFromProcessStartTime() throws Exception {
    Row row = Rows.of("/source/crowdstrike.jsonl").get(3);
    assertEquals(1763891990.5, row.time(), 1e-6);
    assertEquals(AID + "|SyntheticProcessRollup2|118745600112|1763891990.5", row.eventKey());
    assertEquals(List.of("explorer.exe"), values(row, "process_name"));
  }
}
