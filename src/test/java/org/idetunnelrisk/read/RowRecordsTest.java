package org.idetunnelrisk.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Splunk result row as the records of its event, one way for scan, the alert action and the modular input. */
class RowRecordsTest {
  static final String XML = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
      + "<EventID>1</EventID><Computer>ws1</Computer></System><EventData><Data Name='Image'>C:\\x\\devtunnel.exe</Data>"
      + "</EventData></Event>";

  private final List<String> messages = new ArrayList<>();

  static Map<String, List<String>> row(String... nameValue) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      m.put(nameValue[i], List.of(nameValue[i + 1]));
    }
    return m;
  }

  @Test
  void structuredRawIsParsedWithTheRowsTimeAndWithoutSplunksFields() {
    Record row = new Record("export.json", 3, 2, row("_time", "1795428000", "_raw", XML, "host", "forwarder1",
        "sourcetype", "XmlWinEventLog"), "{...}", true);
    List<Record> out = RowRecords.of(row, messages::add);
    assertEquals(1, out.size());
    Record r = out.get(0);
    assertEquals(List.of("1795428000"), r.fields().get("_time"));
    assertEquals(List.of("C:\\x\\devtunnel.exe"), r.fields().get("Image"));
    assertNull(r.fields().get("host"));
    assertEquals("export.json:3", r.origin() + ":" + r.line());
    assertEquals(2, r.number());
    assertEquals(List.of(), messages);
  }

  @Test
  void otherRowsKeepTheirFieldsAndAggregatesButNotSplunkInternalsOrTstatsNulls() {
    Map<String, List<String>> fields = row("_time", "1795428000", "_cd", "1:2", "_indextime", "1795428100",
        "dest", "ws1", "user", "null", "count", "3", "firstTime", "1795428000", "lastTime", "1795428000.5");
    fields.put("values(DNS.answer)", List.of("1.2.3.4", "null", "1.2.3.5"));
    List<Record> out = RowRecords.of(fields, "splunk:network_resolution", 7, false, messages::add);
    assertEquals(List.of("_time", "dest", "count", "firstTime", "lastTime", "values(DNS.answer)"),
        List.copyOf(out.get(0).fields().keySet()));
    assertEquals(List.of("1.2.3.4", "1.2.3.5"), out.get(0).fields().get("values(DNS.answer)"));
    assertNull(out.get(0).raw());
  }

  @Test
  void rawTextTheReadersDoNotParseIsTheRecordsRawText() {
    String oneLine = "11/23/2026 10:00:00 AM LogName=Security EventCode=4688 New Process Name: C:\\x\\devtunnel.exe";
    List<Record> out = RowRecords.of(new Record("r.csv", 2, 1, row("_raw", oneLine, "EventCode", "4688"), null, true),
        messages::add);
    assertEquals(oneLine, out.get(0).raw());
    assertEquals(List.of("EventCode"), List.copyOf(out.get(0).fields().keySet()));
  }

  @Test
  void classicWinEventLogRawIsParsedAsScanReadsIt() {
    String classic = "11/20/2026 10:01:12 AM\nLogName=Security\nEventCode=4688\nComputerName=WS-BOB.corp.example.com\n"
        + "RecordNumber=48153\nMessage=A new process has been created.\n\nProcess Information:\n"
        + "\tNew Process Name:\tC:\\dt\\devtunnel.exe\n\tProcess Command Line:\tdevtunnel host -p 3389\n";
    List<Record> out = RowRecords.of(row("_time", "1795428000", "_raw", classic, "source", "WinEventLog:Security"),
        "splunk:windows_security", 4, true, messages::add);
    assertEquals(1, out.size());
    assertEquals(List.of("C:\\dt\\devtunnel.exe"), out.get(0).fields().get("New_Process_Name"));
    assertEquals(List.of("4688"), out.get(0).fields().get("EventCode"));
    assertNull(out.get(0).fields().get("source"), "Splunk's fields are not the event's");
    assertEquals(List.of(), messages);
  }

  @Test
  void rawThatDoesNotParseIsReportedAndTheRowsFieldsAreRead() {
    List<Record> out = RowRecords.of(new Record("results.csv.gz", 5, 4, row("_raw", "<Event><System>",
        "Image", "C:\\x\\devtunnel.exe"), null, true), messages::add);
    assertEquals(List.of("C:\\x\\devtunnel.exe"), out.get(0).fields().get("Image"));
    assertNull(out.get(0).raw(), "a cut event's fields are searched, not its cut text");
    assertEquals(1, messages.size());
    assertEquals("results.csv.gz:5: the row could not be read from _raw (_raw:1: malformed XML: The element type "
        + "\"System\" must be terminated by the matching end-tag \"</System>\".); scoring the row's fields instead", messages.get(0));
    RowRecords.of(row("_raw", "<Event>"), "splunk:sysmon", 9, true, messages::add);
    assertEquals("splunk:sysmon row 9: the row could not be read from _raw", messages.get(1).substring(0, 56));
  }

  @Test
  void aRecordThatIsNoSearchResultIsReadAsItIs() {
    Record event = new Record("events.jsonl", 1, 1, row("_raw", XML, "_cd", "1:2"), "{...}");
    assertSame(event, RowRecords.of(event, messages::add).get(0));
  }

  static final String LINUX_XML = "<Event><System><Provider Name=\"Linux-Sysmon\" Guid=\"{ff032593-a8d3-4f13-b0d6-01fc615a0f97}\"/>"
      + "<EventID>1</EventID><EventRecordID>4711</EventRecordID><Channel>Linux-Sysmon/Operational</Channel>"
      + "<Computer>devbox</Computer></System><EventData><Data Name=\"Image\">/usr/bin/code</Data>"
      + "<Data Name=\"CommandLine\">code tunnel --name devbox</Data></EventData></Event>";

  @Test
  void sysmonForLinuxAsSyslogStoresItIsReadFromTheXmlAfterTheHeader() {
    for (String header : List.of("Nov 23 12:00:00 devbox sysmon: ", "<14>Nov 23 12:00:00 devbox sysmon: ")) {
      List<Record> out = RowRecords.of(row("_time", "1795435200", "_raw", header + LINUX_XML,
          "source", "Syslog:Linux-Sysmon/Operational"), "splunk:sysmon", 1, true, messages::add);
      assertEquals(1, out.size(), header);
      assertEquals(List.of("code tunnel --name devbox"), out.get(0).fields().get("CommandLine"), header);
      assertEquals(List.of("Linux-Sysmon/Operational"), out.get(0).fields().get("Channel"), header);
      assertNull(out.get(0).fields().get("source"), header);
    }
    assertEquals(List.of(), messages);
  }

  @Test
  void anEventTagInsideJsonIsPartOfItsValueNotAnEvent() {
    String json = "{\"event_simpleName\":\"ProcessRollup2\",\"CommandLine\":\"x <Event y\"}";
    List<Record> out = RowRecords.of(row("_raw", json), "splunk:crowdstrike", 1, true, messages::add);
    assertEquals(List.of("x <Event y"), out.get(0).fields().get("CommandLine"));
    assertEquals(List.of(), messages);
  }
}
