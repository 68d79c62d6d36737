package org.idetunnelrisk.source;

import static org.idetunnelrisk.source.Rows.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.read.Readers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SysmonSourceTest {
  static final Path REAL_FRAGMENT = Path.of(
      "/work/shared/data/real/sigmahq-pr4463-sysmon-fragment/code-tunnel_sysmon1_eventdata.closed.xml");

  private static double epoch(String iso) {
    Instant i = Instant.parse(iso);
    return i.getEpochSecond() + i.getNano() / 1e9;
  }

  @Test
  void splunkXmlWinEventLogEventIds() throws Exception {
    List<Row> rows = Rows.of("/read/sysmon-splunk.xml");
    assertEquals(List.of(
        new LogSource("process_creation", "windows", "sysmon"),
        new LogSource("network_connection", "windows", "sysmon"),
        new LogSource("image_load", "windows", "sysmon"),
        new LogSource("file_event", "windows", "sysmon"),
        new LogSource("dns_query", "windows", "sysmon")), rows.stream().map(Row::logSource).toList());

    Row p = rows.get(0);
    assertEquals(epoch("2026-11-20T09:15:02.1234567Z"), p.time(), 1e-6);
    assertEquals("WKS-042.corp.example|Microsoft-Windows-Sysmon/Operational|4711|1795166102", p.eventKey());
    assertEquals(List.of("code-tunnel.exe"), values(p, "process_name"));
    assertEquals(List.of("C:\\Users\\alice\\AppData\\Local\\Programs\\Microsoft VS Code\\bin\\code-tunnel.exe"),
        values(p, "process_path"));
    assertEquals(List.of("explorer.exe"), values(p, "parent_process_name"));
    assertEquals(List.of("WKS-042.corp.example"), values(p, "dest"));
    assertEquals(List.of("CORP\\alice"), values(p, "user"));
    assertEquals(List.of("1"), values(p, "signature_id"));
    assertEquals(List.of("1.95.3"), values(p, "file_version"));
    assertEquals(List.of(), values(p, "original_file_name"), "Sysmon's '-' is no value");
    assertEquals(List.of(), values(p, "file_description"));
    assertTrue(values(p, "process").get(0).endsWith("tunnel --accept-server-license-terms --name wks042"));
    assertTrue(p.raw().startsWith("<Event xmlns="), p.raw());

    Row net = rows.get(1);
    assertEquals(List.of("20.42.65.84"), values(net, "dest_ip"));
    assertEquals(List.of("443"), values(net, "dest_port"));
    assertEquals(List.of("global.rel.tunnels.api.visualstudio.com"), values(net, "dest_host"));
    assertEquals(List.of("10.20.30.42"), values(net, "src_ip"));
    assertEquals(List.of("true"), values(net, "initiated"));
    assertEquals(List.of("winhttp.dll"), values(rows.get(2), "loaded_file"));
    assertEquals(List.of("code_tunnel.json"), values(rows.get(3), "file_name"));
    assertEquals(List.of("global.rel.tunnels.api.visualstudio.com"), values(rows.get(4), "query"));
    assertEquals("WKS-042.corp.example|Microsoft-Windows-Sysmon/Operational|4715|1795166103", rows.get(4).eventKey());
  }

  @Test
  void linuxSysmonHasPosixPaths() throws Exception {
    List<Row> rows = Rows.of("/read/sysmon-wevtutil-bare.xml");
    Row linux = rows.get(0);
    assertEquals(new LogSource("process_creation", "linux", "sysmon"), linux.logSource());
    assertEquals(List.of("code-tunnel"), values(linux, "process_name"));
    assertEquals(List.of("/usr/share/code/bin/code-tunnel"), values(linux, "process_path"));
    assertEquals(List.of("systemd"), values(linux, "parent_process_name"));
    assertEquals(epoch("2026-11-20T11:00:00.25Z"), linux.time(), 1e-6);
    assertEquals("build-07|Linux-Sysmon/Operational|77|1795172400", linux.eventKey());
    Row net = rows.get(1);
    assertEquals(new LogSource("network_connection", "windows", "sysmon"), net.logSource());
    assertTrue(Double.isNaN(net.time()), "no TimeCreated and no UtcTime");
  }

  @Test
  void wevtutilWithEventsRoot() throws Exception {
    List<Row> rows = Rows.of("/read/sysmon-wevtutil-root.xml");
    assertEquals(List.of("devtunnel.exe"), values(rows.get(0), "process_name"));
    assertEquals(List.of("devtunnel.exe"), values(rows.get(0), "original_file_name"));
    assertEquals(List.of("cmd.exe"), values(rows.get(0), "parent_process_name"));
    assertEquals(new LogSource("dns_query", "windows", "sysmon"), rows.get(1).logSource());
  }

  @Test
  void realSigmaPrFragmentWithoutSystem() throws Exception {
    Assumptions.assumeTrue(Files.isReadable(REAL_FRAGMENT),
        "skipped: the real Sysmon fragment " + REAL_FRAGMENT + " is not present on this machine");
    List<Row> rows = Rows.of(Readers.open(REAL_FRAGMENT));
    assertEquals(1, rows.size());
    Row row = rows.get(0);
    assertFalse(row.hasValue("original_file_name"), "OriginalFileName '-' is no value");
    assertNull(row.first("original_file_name"));
    assertEquals(List.of("code-tunnel.exe"), values(row, "process_name"));
    assertEquals(List.of("code-tunnel.exe tunnel"), values(row, "process"));
    assertEquals(List.of("LAB\\frack113"), values(row, "user"));
    assertEquals(LogSource.ANY, row.logSource(), "without System the source is unknown");
    assertEquals(epoch("2023-09-29T14:12:26.616Z"), row.time(), 1e-6);
  }

  @Test
  void sysmonAsFlatJson() throws Exception {
    List<Row> rows = Rows.of("/source/sysmon.jsonl");
    Row p = rows.get(0);
    assertEquals(new LogSource("process_creation", "windows", "sysmon"), p.logSource());
    assertEquals(epoch("2026-11-20T09:15:02.1234567Z"), p.time(), 1e-6);
    assertEquals("WKS-042.corp.example|Microsoft-Windows-Sysmon/Operational|4711|1795166102", p.eventKey());
    assertEquals(List.of("code-tunnel.exe"), values(p, "process_name"));
    assertEquals(List.of("8548"), values(p, "process_id"));
    assertFalse(p.hasValue("original_file_name"));
    Row dns = rows.get(1);
    assertEquals(new LogSource("dns_query", "windows", "sysmon"), dns.logSource());
    assertEquals(epoch("2026-11-20T09:15:03.612Z"), dns.time(), 1e-6, "UtcTime when there is no TimeCreated");
    assertEquals(List.of("global.rel.tunnels.api.visualstudio.com"), values(dns, "query"));
  }
}
