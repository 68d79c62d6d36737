package org.idetunnelrisk.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splunk's classic WinEventLog text: sniffing, the header and message fields, multi-line values, bounds. */
class WinEventLogReaderTest {
  private static final String PROCESS = String.join("\r\n",
      "11/20/2026 01:01:12 PM",
      "LogName=Security",
      "EventCode=4688",
      "ComputerName=WS-BOB.corp.example.com",
      "SourceName=Microsoft Windows security auditing.",
      "RecordNumber=48153",
      "Message=A new process has been created.",
      "",
      "Creator Subject:",
      "\tSecurity ID:\t\tCORP\\bob",
      "\tAccount Name:\t\tbob",
      "",
      "Target Subject:",
      "\tAccount Name:\t\t-",
      "",
      "Process Information:",
      "\tNew Process Name:\tC:\\Temp\\dt\\devtunnel.exe",
      "\tProcess Command Line:\t\"C:\\Temp\\dt\\devtunnel.exe\" host -p 3389",
      "",
      "Token Elevation Type indicates the type of token that was assigned to the new process.",
      "");

  private static final String TASK = String.join("\n",
      "11/20/2026 10:05:00 AM",
      "LogName=Security",
      "EventCode=4698",
      "Message=A scheduled task was created.",
      "",
      "Task Information:",
      "\tTask Name: \t\t\\DevTunnelHost",
      "\tTask Content: \t\t<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
      "<Task version=\"1.2\">",
      "",
      "  <Actions><Exec><Command>C:\\dt\\devtunnel.exe</Command></Exec></Actions>",
      "</Task>",
      "",
      "Other Information:",
      "\tFQDN: \t\tWS-BOB",
      "");

  @Test
  void isSniffedFromItsDateLineAndReadsTheHeaderAndMessageFieldsAsSplunkNamesThem() throws IOException {
    Reading r = Reading.text(PROCESS, "sec.log");
    assertEquals("wineventlog", r.format);
    Record rec = r.only();
    assertEquals(1, rec.line());
    assertEquals(List.of("2026-11-20T13:01:12"), rec.fields().get("_time"));
    assertEquals(List.of("4688"), rec.fields().get("EventCode"));
    assertEquals(List.of("WS-BOB.corp.example.com"), rec.fields().get("ComputerName"));
    assertEquals(List.of("C:\\Temp\\dt\\devtunnel.exe"), rec.fields().get("New_Process_Name"));
    assertEquals(List.of("\"C:\\Temp\\dt\\devtunnel.exe\" host -p 3389"), rec.fields().get("Process_Command_Line"));
    assertEquals(List.of("bob", "-"), rec.fields().get("Account_Name"), "creator's, then target's, in message order");
    assertNull(rec.fields().get("Creator_Subject"), "a section heading is not a field");
    assertNull(rec.fields().get("Token_Elevation_Type_indicates_the_type_of_token_that_was_assigned_to_the_new_process"));
    assertEquals(List.of(), r.errors);
  }

  @Test
  void aValueStartingWithAnElementRunsToTheNextBlankLineOnly() throws IOException {
    Record rec = Reading.text(TASK, "task.log").only();
    assertEquals(List.of("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<Task version=\"1.2\">"),
        rec.fields().get("Task_Content"), "a blank line ends the value, even inside the XML");
    assertEquals(List.of("WS-BOB"), rec.fields().get("FQDN"));
  }

  @Test
  void theWholeTaskXmlIsKeptWhenItHasNoBlankLine() throws IOException {
    Record rec = Reading.text(TASK.replace("<Task version=\"1.2\">\n\n", "<Task version=\"1.2\">\n"), "task.log").only();
    assertEquals(List.of("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<Task version=\"1.2\">\n"
        + "  <Actions><Exec><Command>C:\\dt\\devtunnel.exe</Command></Exec></Actions>\n</Task>"),
        rec.fields().get("Task_Content"));
  }

  @Test
  void eventsAreSplitAtEachDateLineFollowedByAKeyValueLine() throws IOException {
    String inMessage = TASK.replace("Other Information:", "12/01/2026 10:00:00 AM\nnot a key value line");
    Reading r = Reading.text(PROCESS + inMessage + PROCESS, "two.log");
    assertEquals(3, r.records.size());
    assertEquals(List.of(1L, 21L, 37L), r.records.stream().map(Record::line).toList());
    assertEquals(List.of(1L, 2L, 3L), r.records.stream().map(Record::number).toList());
    assertEquals(List.of("WS-BOB"), r.records.get(1).fields().get("FQDN"), "the date inside the message is text");
  }

  @Test
  void textBeforeTheFirstEventIsReportedWithItsLineAndReadingGoesOn() throws IOException {
    Reading r = of("\n11/20/2026 10:05:00 AM\ngarbage\n" + TASK, "junk.log");
    assertEquals(List.of("junk.log:2: expected an event's date line (MM/DD/YYYY hh:mm:ss AM) but found other text;"
        + " skipped to the next event"), r.errors);
    assertEquals(1, r.records.size());
    assertEquals(4, r.only().line());
  }

  @Test
  void anEventOverTheLimitIsSkippedWithItsLineAndTheNextIsRead() throws IOException {
    String big = PROCESS.replace("host -p 3389", "x".repeat(3000));
    Reading r = Reading.of(new WinEventLogReader(
        new java.io.ByteArrayInputStream((big + TASK).getBytes(java.nio.charset.StandardCharsets.UTF_8)), "big.log",
        new ReadLimits(2048, 64)));
    assertEquals(List.of("big.log:1: event longer than the limit of 2048 characters"), r.errors);
    assertEquals(List.of("4698"), r.only().fields().get("EventCode"));
    assertFalse(r.fatal);
  }

  @Test
  void aDateLineWithoutKeyValuesAfterItIsNotThisFormat() throws IOException {
    Reading r = Reading.text("11/20/2026 10:05:00 AM\nhello world\n", "plain.txt");
    assertEquals("csv", r.format);
  }

  private static Reading of(String text, String origin) throws IOException {
    return Reading.of(new WinEventLogReader(
        new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), origin,
        ReadLimits.DEFAULT));
  }
}
