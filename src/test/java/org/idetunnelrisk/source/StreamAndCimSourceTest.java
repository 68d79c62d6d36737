package org.idetunnelrisk.source;

import static org.idetunnelrisk.source.Rows.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.read.Readers;
import org.junit.jupiter.api.Test;

class StreamAndCimSourceTest {
  private static double epoch(String iso) {
    Instant i = Instant.parse(iso);
    return i.getEpochSecond() + i.getNano() / 1e9;
  }

  private static Row row(String text, String origin) throws Exception {
    return Rows.of(Readers.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), origin)).get(0);
  }

  @Test
  void streamDns() throws Exception {
    Row dns = Rows.of("/source/stream.jsonl").get(0);
    assertEquals(new LogSource("dns_query", null, null), dns.logSource());
    assertEquals(epoch("2026-11-23T10:00:00.120Z"), dns.time(), 1e-6);
    assertEquals(List.of("abcd1234-3389.euw.devtunnels.ms"), values(dns, "query"));
    assertEquals(List.of("10.20.30.42"), values(dns, "src_ip"));
    assertEquals(List.of("NoError"), values(dns, "reply_code"));
    assertEquals(List.of("58"), values(dns, "bytes_in"));
  }

  @Test
  void streamHttpIsProxy() throws Exception {
    Row http = Rows.of("/source/stream.jsonl").get(1);
    assertEquals(new LogSource("proxy", null, null), http.logSource());
    assertEquals(epoch("2026-11-23T10:00:05Z"), http.time(), 1e-6);
    assertEquals(List.of("global.rel.tunnels.api.visualstudio.com"), values(http, "dest_host"));
    assertEquals(List.of("Visual Studio Code/1.95.3"), values(http, "http_user_agent"));
    assertEquals(List.of("GET"), values(http, "http_method"));
    assertEquals(List.of("200"), values(http, "status"));
    assertFalse(http.hasValue("request_ack_time"), "JSON null is no field");
    assertTrue(http.raw().startsWith("{\"sourcetype\":\"stream:http\""));
  }

  @Test
  void cimProcessesFromTstats() throws Exception {
    Row row = Rows.of("/source/cim-processes.csv").get(0);
    assertEquals(new LogSource("process_creation", null, null), row.logSource());
    assertEquals(1763892000.0, row.time(), 1e-9);
    assertEquals(List.of("code-tunnel.exe"), values(row, "process_name"));
    assertEquals(List.of("code-tunnel.exe tunnel --name \"wks042\""), values(row, "process"));
    assertEquals(List.of("wks042"), values(row, "dest"));
    assertEquals(List.of("explorer.exe"), values(row, "parent_process_name"));
    assertNull(row.raw());
  }

  @Test
  void cimNetworkResolution() throws Exception {
    Row row = Rows.of("/source/cim-dns.csv").get(0);
    assertEquals(new LogSource("dns_query", null, null), row.logSource());
    assertEquals(epoch("2026-11-23T10:00:00Z"), row.time(), 1e-9);
    assertEquals(List.of("abcd1234-3389.euw.devtunnels.ms"), values(row, "query"));
    assertEquals(List.of("10.20.30.42"), values(row, "src"));
    assertEquals(List.of("20.42.65.84", "20.42.65.85"), values(row, "answer"));
  }

  @Test
  void flatCimRowTakesRawFromTheRawField() throws Exception {
    Row row = Rows.of("/source/cim-flat-raw.csv").get(0);
    assertEquals(new LogSource("process_creation", null, null), row.logSource());
    assertEquals("ts=1 exe=devtunnel.exe cmd=\"devtunnel host\"", row.raw());
    assertFalse(row.hasValue("_raw"));
    assertEquals(List.of("wks050"), values(row, "dest"));
  }

  @Test
  void queryWithSrcIsDns() throws Exception {
    Row row = row("query,src\nx.devtunnels.ms,10.0.0.1\n", "q.csv");
    assertEquals(new LogSource("dns_query", null, null), row.logSource());
  }

  @Test
  void splunkExportRows() throws Exception {
    List<Row> rows = Rows.of(Readers.open(new ByteArrayInputStream((
        "{\"preview\":false,\"offset\":0,\"result\":{\"_time\":\"2026-11-23T10:00:00.000+00:00\",\"host\":\"wks042\","
        + "\"process_name\":\"devtunnel.exe\",\"process\":\"devtunnel.exe host -p 3389\"}}\n"
        + "{\"preview\":false,\"offset\":1,\"result\":{\"_time\":\"1795428000.5\",\"Processes.process_name\":\"code-tunnel.exe\"}}\n")
        .getBytes(StandardCharsets.UTF_8)), "export.jsonl"));
    assertEquals(new LogSource("process_creation", null, null), rows.get(0).logSource());
    assertEquals(epoch("2026-11-23T10:00:00Z"), rows.get(0).time(), 1e-9);
    assertEquals(List.of("wks042"), values(rows.get(0), "dest"));
    assertEquals(1795428000.5, rows.get(1).time(), 1e-9);
    assertEquals(List.of("code-tunnel.exe"), values(rows.get(1), "process_name"));
  }

  @Test
  void unknownRecordIsAnyWithDerivedKey() throws Exception {
    Row row = row("{\"foo\":\"bar\"}\n", "x.jsonl");
    assertEquals(LogSource.ANY, row.logSource());
    assertTrue(Double.isNaN(row.time()));
    assertTrue(row.eventKey().contains("foo"), "the engine derives the key from the fields");
  }

  @Test
  void badTimesAreNoTimes() {
    assertTrue(Double.isNaN(Times.splunk("yesterday")));
    assertTrue(Double.isNaN(Times.iso("2026-13-40T00:00:00Z")));
    assertTrue(Double.isNaN(Times.epochMillis("NaN")));
    assertEquals(epoch("2023-09-29T14:12:26.616Z"), Times.iso("2023-09-29 14:12:26.616"), 1e-6);
    assertEquals(epoch("2026-11-20T09:15:02.1234567Z"), Times.iso("2026-11-20T09:15:02.1234567Z"), 1e-6);
  }
}
