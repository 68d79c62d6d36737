package org.idetunnelrisk.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.read.Record;
import org.junit.jupiter.api.Test;

/** What identifies an event, for the ids of its risk events: sourced keys, datamodel rows, any other row. */
class EventIdentityTest {
  static Row row(Object... nameValues) {
    Map<String, List<String>> f = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      Object v = nameValues[i + 1];
      @SuppressWarnings("unchecked")
      List<String> values = v instanceof List<?> l ? (List<String>) l : List.of((String) v);
      f.put((String) nameValues[i], values);
    }
    return Rows.NORMALIZER.toRow(new Record("t", 1, 1, f, null));
  }

  static Row processes(String count, String firstTime, String lastTime) {
    return row("_time", "1795428000", "dest", "build-07", "user", "svc_build", "process_name", "devtunnel.exe",
        "process", "devtunnel.exe host -p 8080", "process_path", "C:\\Tools\\devtunnel.exe", "process_id", "4242",
        "count", count, "firstTime", firstTime, "lastTime", lastTime);
  }

  @Test
  void lateEventInTheSameTstatsBucketKeepsTheProcessRowsKey() {
    Row early = processes("1", "1795428000", "1795428000");
    Row late = processes("2", "1795428000", "1795428000.9");
    assertEquals(early.eventKey(), late.eventKey());
    assertEquals(List.of("2"), Rows.values(late, "count"), "aggregates stay fields, for rules and messages");
  }

  @Test
  void anotherProcessInTheSameBucketHasAnotherKey() {
    Row other = row("_time", "1795428000", "dest", "build-07", "user", "svc_build", "process_name", "devtunnel.exe",
        "process", "devtunnel.exe host -p 9090", "process_path", "C:\\Tools\\devtunnel.exe", "process_id", "4243",
        "count", "1", "firstTime", "1795428000", "lastTime", "1795428000");
    assertNotEquals(processes("1", "1795428000", "1795428000").eventKey(), other.eventKey());
  }

  @Test
  void lateAnswerInTheSameDnsBucketKeepsTheKeyUnderAnyName() {
    Row early = row("_time", "1795428000", "src", "10.1.5.23", "dest", "10.0.0.53", "query", "x1y2-443.euw.devtunnels.ms",
        "record_type", "A", "answer", List.of("20.42.65.88"), "reply_code", "NoError", "count", "1");
    Row late = row("_time", "1795428000", "src", "10.1.5.23", "dest", "10.0.0.53", "query", "x1y2-443.euw.devtunnels.ms",
        "record_type", "A", "answer", List.of("20.42.65.88", "20.42.65.89"), "reply_code", "NoError", "count", "2");
    assertEquals(early.eventKey(), late.eventKey(), "values(DNS.answer) as answer is no part of the identity");
    Row unnamed = row("_time", "1795428000", "src", "10.1.5.23", "dest", "10.0.0.53", "query",
        "x1y2-443.euw.devtunnels.ms", "record_type", "A", "values(DNS.answer)", List.of("20.42.65.88", "20.42.65.89"));
    assertEquals(early.eventKey(), unnamed.eventKey());
    Row otherQuery = row("_time", "1795428000", "src", "10.1.5.23", "dest", "10.0.0.53", "query",
        "abcd-443.euw.devtunnels.ms", "record_type", "A", "answer", List.of("20.42.65.88"), "count", "1");
    assertNotEquals(early.eventKey(), otherQuery.eventKey());
  }

  @Test
  void prefixedTstatsRowIsIdentifiedAsItsDroppedNameTwin() {
    Row prefixed = row("_time", "1795428000", "DNS.src", "10.1.5.23", "DNS.dest", "10.0.0.53", "DNS.query",
        "x1y2-443.euw.devtunnels.ms", "DNS.record_type", "A", "count", "4");
    Row dropped = row("_time", "1795428000", "src", "10.1.5.23", "dest", "10.0.0.53", "query",
        "x1y2-443.euw.devtunnels.ms", "record_type", "A", "count", "1");
    assertEquals(dropped.eventKey(), prefixed.eventKey());
  }

  @Test
  void timeEntersAsANumberWhateverTextItCameAs() {
    Row epoch = row("_time", "1795428000", "foo", "bar");
    Row iso = row("_time", "2026-11-23T10:00:00.000+00:00", "foo", "bar");
    assertEquals(epoch.time(), iso.time());
    assertEquals(epoch.eventKey(), iso.eventKey());
    assertNotEquals(epoch.eventKey(), row("_time", "1795428001", "foo", "bar").eventKey());
  }

  @Test
  void anyOtherRowIsItsFieldsButInternalsAndAggregates() {
    Row row = row("_time", "1795428000", "foo", "bar", "count", "3", "dc(user)", "2", "min(_time)", "1795427000",
        "_cd", "12:34", "_indextime", "1795428100");
    assertEquals(row("_time", "1795428000", "foo", "bar").eventKey(), row.eventKey());
    assertNotEquals(row.eventKey(), row("_time", "1795428000", "foo", "baz").eventKey());
  }

  @Test
  void aggregatesAreToldByName() {
    for (String name : List.of("count", "firstTime", "lastTime", "values(DNS.answer)", "dc(user)", "count(x)",
        "min(_time)", "max(_time)", "perc95(bytes)")) {
      assertTrue(EventIdentity.aggregate(name), name);
    }
    for (String name : List.of("answer", "counter", "(x)", "process_name", "values", "a b(c)", "f(x) y")) {
      assertFalse(EventIdentity.aggregate(name), name);
    }
  }

  @Test
  void sourcedKeysWinOverFields() {
    Row sysmon = row("Provider", "Microsoft-Windows-Sysmon", "EventID", "1", "Computer", "ws1", "Channel",
        "Microsoft-Windows-Sysmon/Operational", "EventRecordID", "7", "count", "9");
    assertEquals("ws1|Microsoft-Windows-Sysmon/Operational|7|", sysmon.eventKey());
    Row falcon = row("event_simpleName", "DnsRequest", "aid", "a1", "ContextProcessId", "55", "timestamp",
        "1763715601000", "DomainName", "x.devtunnels.ms");
    assertEquals("a1|DnsRequest|55|1763715601000", falcon.eventKey());
  }

  @Test
  void aRevertedLabMachineLoggingTheSameRecordIdMonthsLaterIsAnotherEvent() {
    Row first = row("Provider", "Microsoft-Windows-Sysmon", "EventID", "1", "Computer", "lab-01", "Channel",
        "Microsoft-Windows-Sysmon/Operational", "EventRecordID", "4711", "TimeCreated", "2026-03-01T10:00:00.1234567Z");
    Row again = row("Provider", "Microsoft-Windows-Sysmon", "EventID", "1", "Computer", "lab-01", "Channel",
        "Microsoft-Windows-Sysmon/Operational", "EventRecordID", "4711", "TimeCreated", "2026-07-15T08:30:00.5Z");
    assertNotEquals(first.eventKey(), again.eventKey());
    Row sameFromAShipper = row("winlog.provider_name", "Microsoft-Windows-Sysmon", "winlog.event_id", "1",
        "winlog.computer_name", "lab-01", "winlog.channel", "Microsoft-Windows-Sysmon/Operational", "winlog.record_id",
        "4711", "@timestamp", "2026-03-01T10:00:00.123Z");
    assertEquals(first.eventKey(), sameFromAShipper.eventKey(),
        "the same event keeps its key whether its time has seven fraction digits or three");
  }
}
