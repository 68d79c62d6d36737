package org.idetunnelrisk.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.read.Record;
import org.junit.jupiter.api.Test;

/** Which layout a record has, and which of its names is the endpoint and the time, per layout. */
class LayoutTest {
  private static Map<String, List<String>> record(String... nameValues) {
    Map<String, List<String>> f = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      f.put(nameValues[i], List.of(nameValues[i + 1]));
    }
    return f;
  }

  private static Row row(String... nameValues) {
    return Rows.NORMALIZER.toRow(new Record("t", 1, 1, record(nameValues), null));
  }

  @Test
  void tellsEachShippersLayoutByItsNames() {
    assertEquals(Layout.WINLOGBEAT, Layout.of(record("winlog.event_id", "1", "host.name", "x")));
    assertEquals(Layout.WINLOGBEAT_6, Layout.of(record("event_id", "1", "log_name", "Security")));
    assertEquals(Layout.WINLOGBEAT_6, Layout.of(record("event_id", "1", "event_data.Image", "a")));
    assertEquals(Layout.NXLOG, Layout.of(record("EventTime", "2026-01-01 10:00:00", "Hostname", "h", "EventID", "1")));
    assertEquals(Layout.ECS, Layout.of(record("host.name", "h", "event.category", "process")));
    assertEquals(Layout.NATIVE, Layout.of(record("Computer", "h", "EventID", "1", "host", "indexer")));
    assertEquals(Layout.NATIVE, Layout.of(record("event_id", "1")), "an event_id alone is no Winlogbeat 6 event");
  }

  @Test
  void tellsClassicWinEventLogByEventCodeWithItsHeaderNames() {
    assertEquals(Layout.WINEVENTLOG, Layout.of(record("EventCode", "4688", "LogName", "Security")));
    assertEquals(Layout.WINEVENTLOG, Layout.of(record("EventCode", "4688", "ComputerName", "ws-1")));
    assertEquals(Layout.NATIVE, Layout.of(record("EventCode", "4688")), "an EventCode alone is no WinEventLog event");
    assertEquals(Layout.NATIVE, Layout.of(record("ComputerName", "ws-1", "ImageFileName", "x.exe")),
        "CrowdStrike's ComputerName without an EventCode");
  }

  @Test
  void aSplunkRowOfClassicWinEventLogFieldsIsAProcessCreationOfItsComputer() {
    Row r = row("_time", "2026-11-20T10:01:12.000+00:00", "host", "forwarder-1", "EventCode", "4688", "LogName",
        "Security", "ComputerName", "ws-1.corp", "RecordNumber", "48153", "SourceName",
        "Microsoft Windows security auditing.", "New_Process_Name", "C:\\dt\\devtunnel.exe",
        "Process_Command_Line", "devtunnel host", "Creator_Process_Name", "C:\\Windows\\cmd.exe",
        "Creator_Process_ID", "0x1a2c", "Account_Name", "bob");
    assertEquals("process_creation", r.logSource().category());
    assertEquals("ws-1.corp", r.first("dest"), "ComputerName, not the forwarder");
    assertEquals("devtunnel.exe", r.first("process_name"));
    assertEquals("devtunnel host", r.first("process"));
    assertEquals("cmd.exe", r.first("parent_process_name"));
    assertEquals("0x1a2c", r.first("parent_process_id"), "the creator's id, as 4688's ProcessId is moved");
    assertEquals("bob", r.first("user"));
    assertEquals(1795168872.0, r.time());
  }

  @Test
  void nxlogsHostnameIsTheEndpointNotItsCollector() {
    Row r = row("EventTime", "2026-01-01 10:00:00", "Hostname", "ws-1", "host", "collector-01", "EventID", "4688",
        "SourceName", "Microsoft-Windows-Security-Auditing", "Channel", "Security", "NewProcessName", "C:\\x.exe");
    assertEquals("ws-1", r.first("dest"));
  }

  @Test
  void aFlatRowsHostStaysItsEndpointWhenNoLayoutNamesAnother() {
    assertEquals("indexer-7", row("host", "indexer-7", "Image", "C:\\x.exe").first("dest"));
  }

  @Test
  void nxlogsZonelessEventTimeGivesWayToSysmonsUtcTime() {
    Row sysmon = row("EventTime", "2026-01-01 11:00:00", "Hostname", "ws-1", "EventID", "1", "SourceName",
        "Microsoft-Windows-Sysmon", "Channel", "Microsoft-Windows-Sysmon/Operational", "UtcTime",
        "2026-01-01 10:00:00.000");
    assertEquals(1767261600.0, sysmon.time(), "UtcTime, not the sender's local EventTime");
    Row zoned = row("EventTime", "2026-01-01T11:00:00+01:00", "Hostname", "ws-1", "EventID", "4688", "SourceName",
        "Microsoft-Windows-Security-Auditing", "Channel", "Security");
    assertEquals(1767261600.0, zoned.time());
    Row only = row("EventTime", "2026-01-01 10:00:00", "Hostname", "ws-1", "EventID", "4688", "SourceName",
        "Microsoft-Windows-Security-Auditing", "Channel", "Security");
    assertEquals(1767261600.0, only.time(), "without UtcTime, EventTime is read as UTC");
  }

  @Test
  void winlogbeatTimeAndEcsTimeComeFromTimestamp() {
    assertEquals(1767261600.0, row("winlog.event_id", "4688", "winlog.channel", "Security", "winlog.provider_name",
        "Microsoft-Windows-Security-Auditing", "winlog.computer_name", "ws-1", "@timestamp", "2026-01-01T10:00:00Z")
        .time());
    assertEquals(1767261600.0, row("@timestamp", "2026-01-01T10:00:00.000Z", "message", "x").time(),
        "a row of unknown origin with only @timestamp still has a time");
  }
}
