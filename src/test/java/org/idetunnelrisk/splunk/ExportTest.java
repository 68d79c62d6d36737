package org.idetunnelrisk.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.idetunnelrisk.splunk.emulator.RecordedRequest;
import org.idetunnelrisk.splunk.emulator.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExportTest {
  private static final String ROW1 = "{\"preview\":false,\"offset\":0,\"result\":{\"dest\":\"ws1\",\"process_name\":\"devtunnel.exe\",\"count\":\"3\"}}";
  private static final String ROW2 = "{\"preview\":false,\"offset\":1,\"lastrow\":true,\"result\":{\"dest\":\"ws2\",\"process_name\":[\"devtunnel.exe\",\"code.exe\"],\"count\":\"1\"}}";

  private FakeSplunk fake;
  private final Fixtures.FakeSleeper sleeper = new Fixtures.FakeSleeper();
  private final Fixtures.RecordingLog log = new Fixtures.RecordingLog();

  @BeforeEach
  void start() {
    fake = Fixtures.fake();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private List<Map<String, List<String>>> readAll(ResultStream s) throws SplunkException {
    List<Map<String, List<String>>> rows = new ArrayList<>();
    for (Map<String, List<String>> r = s.next(); r != null; r = s.next()) {
      rows.add(r);
    }
    return rows;
  }

  private static Map<String, List<String>> row(String... kv) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], List.of(kv[i + 1].split("\\|")));
    }
    return m;
  }

  @Test
  void streamsFinalRowsSkippingPreviewSets() throws Exception {
    fake.export().stream(
        "{\"preview\":true,\"offset\":0,\"lastrow\":true,\"result\":{\"dest\":\"preview-only\",\"count\":\"1\"}}",
        ROW1, ROW2);
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log);
        ResultStream s = c.export("index=main process_name=devtunnel.exe", "-70m@m", "-10m@m")) {
      assertEquals(List.of(
          row("dest", "ws1", "process_name", "devtunnel.exe", "count", "3"),
          row("dest", "ws2", "process_name", "devtunnel.exe|code.exe", "count", "1")), readAll(s));
      assertEquals(2, s.rowsRead());
    }
    List<RecordedRequest> sent = fake.requests();
    assertEquals(1, sent.size());
    RecordedRequest r = sent.get(0);
    assertEquals("POST", r.method());
    assertEquals("/services/search/jobs/export", r.path());
    assertNull(r.rawQuery());
    assertEquals("Splunk " + Fixtures.KEY, r.header("Authorization"));
    assertEquals("application/x-www-form-urlencoded", r.header("Content-Type"));
    assertEquals(Map.of("search", "search index=main process_name=devtunnel.exe", "earliest_time", "-70m@m",
        "latest_time", "-10m@m", "output_mode", "json", "preview", "false"), r.form());
    assertEquals("search=search+index%3Dmain+process_name%3Ddevtunnel.exe&earliest_time=-70m%40m"
        + "&latest_time=-10m%40m&output_mode=json&preview=false", r.body());
  }

  @Test
  void searchKeywordAddedOnlyWhenMissing() {
    assertEquals("search index=main", SplunkRestClient.searchText("index=main"));
    assertEquals("search index=main", SplunkRestClient.searchText("search index=main"));
    assertEquals("| tstats count", SplunkRestClient.searchText("| tstats count"));
    assertEquals("  | tstats count", SplunkRestClient.searchText("  | tstats count"));
    assertEquals("search searchterm", SplunkRestClient.searchText("searchterm"));
  }

  @Test
  void numbersNullsAndNestedValuesAreTolerated() throws Exception {
    fake.export().stream("{\"preview\":false,\"result\":{\"n\":5,\"b\":true,\"z\":null,\"o\":{\"x\":\"1\"},\"a\":[\"x\",null,2]}}");
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log); ResultStream s = c.export("| makeresults", "0", "now")) {
      assertEquals(List.of(row("n", "5", "b", "true", "a", "x|2")), readAll(s));
    }
  }

  @Test
  void emptyBodyHasNoRows() throws Exception {
    fake.export().stream().endCleanlyAfter(0);
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log); ResultStream s = c.export("index=main", "0", "now")) {
      assertNull(s.next());
      assertNull(s.next());
    }
  }

  @Test
  void fatalMessageInStreamIsSearchError() throws Exception {
    fake.export().stream(ROW1,
        "{\"preview\":false,\"messages\":[{\"type\":\"WARN\",\"text\":\"Field 'x' not found\"},{\"type\":\"FATAL\",\"text\":\"Error in 'tstats' command: Invalid argument\"}]}");
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log); ResultStream s = c.export("| tstats count", "0", "now")) {
      assertEquals(row("dest", "ws1", "process_name", "devtunnel.exe", "count", "3"), s.next());
      SplunkException e = assertThrows(SplunkException.class, s::next);
      assertEquals(SplunkException.Kind.SEARCH_ERROR, e.kind());
      assertEquals("POST /services/search/jobs/export: HTTP 200: FATAL: Error in 'tstats' command: Invalid argument",
          e.getMessage());
      assertNull(s.next());
    }
    assertEquals(List.of("WARN POST /services/search/jobs/export: search message WARN: Field 'x' not found"), log.lines);
  }

  @Test
  void badSearchAnswered400IsSearchErrorWithServerText() throws Exception {
    fake.export().enqueue(Reply.messages(400, "FATAL", "Error in 'search' command: Unable to parse the search: unbalanced parentheses."));
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      SplunkException e = assertThrows(SplunkException.class, () -> c.export("index=main (", "0", "now"));
      assertEquals(SplunkException.Kind.SEARCH_ERROR, e.kind());
      assertEquals(400, e.status());
      assertEquals("POST /services/search/jobs/export: HTTP 400: FATAL: Error in 'search' command: "
          + "Unable to parse the search: unbalanced parentheses.", e.getMessage());
    }
    assertEquals(List.of(), sleeper.slept);
  }

  @Test
  void streamEndingMidRecordIsProtocolErrorNamingRowsRead() throws Exception {
    fake.export().stream(ROW1, "{\"preview\":false,\"offset\":1,\"result\":{\"dest\":\"ws").endCleanlyAfter(2);
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log); ResultStream s = c.export("index=main", "0", "now")) {
      s.next();
      SplunkException e = assertThrows(SplunkException.class, s::next);
      assertEquals(SplunkException.Kind.PROTOCOL, e.kind());
      assertEquals("POST /services/search/jobs/export: HTTP 200: result stream broken after 1 rows: "
          + "Unterminated string at line 3 column 1 path $.result.dest", e.getMessage());
    }
    assertEquals(1, fake.requests().size());
  }

  @Test
  void streamEndingCleanlyAtARowBoundaryWithoutTheEndMarkerIsProtocolError() throws Exception {
    String row3 = "{\"preview\":false,\"offset\":2,\"result\":{\"dest\":\"ws3\"}}";
    fake.export().stream(ROW1, ROW1.replace("ws1", "ws1b").replace("\"offset\":0", "\"offset\":1"), row3)
        .endCleanlyAfter(2);
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log); ResultStream s = c.export("index=main", "0", "now")) {
      s.next();
      s.next();
      SplunkException e = assertThrows(SplunkException.class, s::next);
      assertEquals(SplunkException.Kind.PROTOCOL, e.kind());
      assertEquals("POST /services/search/jobs/export: HTTP 200: result stream ended after 2 rows without Splunk's"
          + " end-of-results marker (lastrow): it was cut short", e.getMessage());
    }
  }

  @Test
  void lastrowOnTheLastRowEndsTheResultsWithoutATrailingMarker() throws Exception {
    fake.export().stream(ROW1, ROW2).endCleanlyAfter(2);
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log); ResultStream s = c.export("index=main", "0", "now")) {
      assertEquals(2, readAll(s).size());
    }
  }

  @Test
  void endMarkerAloneIsAnEmptyResultAndMessagesAfterItKeepItComplete() throws Exception {
    fake.export().stream("{\"preview\":false,\"lastrow\":true}",
        "{\"preview\":false,\"messages\":[{\"type\":\"INFO\",\"text\":\"done\"}]}").endCleanlyAfter(2);
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log); ResultStream s = c.export("index=main", "0", "now")) {
      assertEquals(List.of(), readAll(s));
    }
  }

  @Test
  void aPreviewSetsEndMarkerDoesNotEndTheFinalResults() throws Exception {
    fake.export().stream(
        "{\"preview\":true,\"offset\":0,\"lastrow\":true,\"result\":{\"dest\":\"preview-only\"}}", ROW1)
        .endCleanlyAfter(2);
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log); ResultStream s = c.export("index=main", "0", "now")) {
      s.next();
      assertEquals(SplunkException.Kind.PROTOCOL, assertThrows(SplunkException.class, s::next).kind());
    }
  }

  @Test
  void malformedJsonIsProtocolError() throws Exception {
    fake.export().stream(ROW1, ROW1, "{\"preview\":false,\"result\":{\"dest\" \"ws3\"}}");
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log); ResultStream s = c.export("index=main", "0", "now")) {
      s.next();
      s.next();
      SplunkException e = assertThrows(SplunkException.class, s::next);
      assertEquals(SplunkException.Kind.PROTOCOL, e.kind());
      assertEquals("POST /services/search/jobs/export: HTTP 200: result stream broken after 2 rows: "
          + "Expected ':' at line 3 column 36 path $.result.dest", e.getMessage());
    }
  }

  @Test
  void droppedConnectionMidBodyIsProtocolErrorAndNotRetried() throws Exception {
    fake.export().stream(ROW1).dropConnectionAfter("{\"preview\":false,\"result\":{\"de");
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log); ResultStream s = c.export("index=main", "0", "now")) {
      assertEquals("ws1", s.next().get("dest").get(0));
      SplunkException e = assertThrows(SplunkException.class, s::next);
      assertEquals(SplunkException.Kind.PROTOCOL, e.kind());
      assertTrue(e.getMessage().startsWith("POST /services/search/jobs/export: HTTP 200: result stream broken after 1 rows: "),
          e.getMessage());
    }
    assertEquals(1, fake.requests().size());
    assertEquals(List.of(), sleeper.slept);
  }

  @Test
  void rowsArriveBeforeTheBodyEnds() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    fake.export().stream(ROW1, ROW2).pauseAfter(1, gate);
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log); ResultStream s = c.export("index=main", "0", "now")) {
      assertEquals("ws1", s.next().get("dest").get(0));
      assertEquals(1, gate.getCount());
      gate.countDown();
      assertEquals("ws2", s.next().get("dest").get(0));
      assertNull(s.next());
    }
  }

  @Test
  void retriesOn503HonouringRetryAfter() throws Exception {
    fake.export().enqueue(Reply.unavailable("7"), Reply.unavailable("2")).stream(ROW1);
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log); ResultStream s = c.export("index=main", "0", "now")) {
      assertEquals("ws1", s.next().get("dest").get(0));
    }
    assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(2)), sleeper.slept);
    assertEquals(3, fake.requests().size());
    assertEquals(List.of(
        "INFO retrying POST /services/search/jobs/export: HTTP 503: ERROR: Service Unavailable (retry 1 of 3 in 7 s)",
        "INFO retrying POST /services/search/jobs/export: HTTP 503: ERROR: Service Unavailable (retry 2 of 3 in 2 s)"),
        log.lines);
  }

  @Test
  void retryAfterIsCapped() throws Exception {
    fake.export().enqueue(Reply.unavailable("86400")).stream(ROW1);
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log); ResultStream s = c.export("index=main", "0", "now")) {
      assertEquals("ws1", s.next().get("dest").get(0));
    }
    assertEquals(List.of(Duration.ofSeconds(120)), sleeper.slept);
  }

  @Test
  void retriesOn500WithExponentialBackoff() throws Exception {
    fake.export().enqueue(Reply.status(500), Reply.status(502)).stream(ROW1);
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log); ResultStream s = c.export("index=main", "0", "now")) {
      assertEquals("ws1", s.next().get("dest").get(0));
    }
    // jitter factor 0.5 with random 0: 1 s * 0.5, then 2 s * 0.5
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), sleeper.slept);
  }

  @Test
  void givesUpAfterConfiguredRetries() throws Exception {
    fake.export().enqueue(Reply.unavailable(null), Reply.unavailable(null), Reply.unavailable(null), Reply.unavailable(null));
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      SplunkException e = assertThrows(SplunkException.class, () -> c.export("index=main", "0", "now"));
      assertEquals(SplunkException.Kind.UNAVAILABLE, e.kind());
      assertEquals("POST /services/search/jobs/export: HTTP 503: ERROR: Service Unavailable (gave up after 4 attempts)",
          e.getMessage());
    }
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000)), sleeper.slept);
    assertEquals(4, fake.requests().size());
  }

  @Test
  void wrongKeyIsAuthErrorWithoutRetry() throws Exception {
    try (SplunkRestClient c = Fixtures.client(Settings.builder(fake.uri()).build(), new SessionKey("wrong-key"), sleeper, log)) {
      SplunkException e = assertThrows(SplunkException.class, () -> c.export("index=main", "0", "now"));
      assertEquals(SplunkException.Kind.AUTH, e.kind());
      assertEquals("POST /services/search/jobs/export: HTTP 401: WARN: call not properly authenticated", e.getMessage());
    }
    assertEquals(1, fake.requests().size());
    assertEquals(List.of(), sleeper.slept);
  }

  @Test
  void keyExpiredMidRunIsAuthError() throws Exception {
    fake.export().stream(ROW1);
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      try (ResultStream s = c.export("index=main", "0", "now")) {
        assertEquals("ws1", s.next().get("dest").get(0));
      }
      fake.expireKey();
      SplunkException e = assertThrows(SplunkException.class, () -> c.export("index=main", "0", "now"));
      assertEquals(SplunkException.Kind.AUTH, e.kind());
    }
    assertEquals(2, fake.requests().size());
  }

  @Test
  void refusedConnectionIsRetriedThenConnectionError() throws Exception {
    java.net.URI dead = fake.uri();
    fake.close();
    try (SplunkRestClient c = Fixtures.client(Settings.builder(dead).retries(1).build(), new SessionKey(Fixtures.KEY), sleeper, log)) {
      SplunkException e = assertThrows(SplunkException.class, () -> c.export("index=main", "0", "now"));
      assertEquals(SplunkException.Kind.CONNECTION, e.kind());
      assertTrue(e.getMessage().startsWith("POST /services/search/jobs/export: cannot connect to 127.0.0.1:" + dead.getPort()),
          e.getMessage());
      assertTrue(e.getMessage().endsWith(" (gave up after 2 attempts)"), e.getMessage());
    }
    assertEquals(List.of(Duration.ofMillis(500)), sleeper.slept);
  }
}
