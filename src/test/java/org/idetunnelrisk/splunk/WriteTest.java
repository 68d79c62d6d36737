package org.idetunnelrisk.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.engine.TacticTable;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.idetunnelrisk.splunk.emulator.ReceiversSimpleRoute;
import org.idetunnelrisk.splunk.emulator.RecordedRequest;
import org.idetunnelrisk.splunk.emulator.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WriteTest {
  private static final RiskWriteOptions OPTS = new RiskWriteOptions("risk", "sh1", TacticTable.EMPTY, RiskOrigin.NONE);
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

  private List<RiskEvent> three() {
    return List.of(Fixtures.event("e1", "ws1"), Fixtures.event("e2", "ws2"), Fixtures.event("e3", "ws3"));
  }

  @Test
  void receiversSimpleGetsOneEventPerRequest() throws Exception {
    List<RiskEvent> events = three();
    WriteResult result;
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      result = c.writeRiskEvents(events, OPTS);
    }
    assertEquals(List.of("e1", "e2", "e3"), result.writtenIds());
    assertTrue(result.complete());
    List<RecordedRequest> sent = fake.requests();
    assertEquals(3, sent.size());
    for (int i = 0; i < 3; i++) {
      RecordedRequest r = sent.get(i);
      assertEquals("POST", r.method());
      assertEquals("/services/receivers/simple", r.path());
      assertEquals("index=risk&sourcetype=stash&source=IDE+Tunnel+-+Devtunnel+Execution+-+Rule&host=sh1", r.rawQuery());
      assertEquals("Splunk " + Fixtures.KEY, r.header("Authorization"));
      assertEquals(RiskEventText.render(events.get(i), OPTS, 0), r.body());
    }
  }

  @Test
  void serverErrorOnOneEventIsReportedAndOthersWritten() throws Exception {
    fake.receivers().failWhen(r -> r.body().contains("risk_event_id=\"e2\""), Reply.status(500));
    WriteResult result;
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      result = c.writeRiskEvents(three(), OPTS);
    }
    assertEquals(List.of("e1", "e3"), result.writtenIds());
    assertEquals(List.of("e2"), result.notWrittenIds());
    SplunkException e = result.failed().get(0).error();
    assertEquals(SplunkException.Kind.HTTP, e.kind());
    assertEquals("POST /services/receivers/simple: HTTP 500: ERROR: HTTP 500 from FakeSplunk", e.getMessage());
    assertEquals(3, fake.requests().size(), "a 500 on a write is not retried: the event may have been indexed");
    assertEquals(List.of(), sleeper.slept);
    assertEquals(List.of("e2"), result.unknownIds(), "a 500 after the event was sent: it may be indexed");
    assertEquals(List.of("ERROR risk events sent without a clear answer (1; they may already be indexed): "
        + "POST /services/receivers/simple: HTTP 500: ERROR: HTTP 500 from FakeSplunk"), log.lines);
  }

  @Test
  void writesIndexedWithoutAClearAnswerAreUnknownAndPlainRefusalsAreNot() throws Exception {
    List<RiskEvent> events = List.of(Fixtures.event("e1", "ws1"), Fixtures.event("e2", "ws2"),
        Fixtures.event("e3", "ws3"), Fixtures.event("e4", "ws4"), Fixtures.event("e5", "ws5"));
    fake.receivers().afterIndexing(r -> r.body().contains("\"e1\"") ? ReceiversSimpleRoute.AfterIndexing.DROP_CONNECTION
        : r.body().contains("\"e2\"") ? ReceiversSimpleRoute.AfterIndexing.NO_ANSWER
        : r.body().contains("\"e3\"") ? ReceiversSimpleRoute.AfterIndexing.SERVER_ERROR
        : ReceiversSimpleRoute.AfterIndexing.ANSWER);
    fake.receivers().failWhen(r -> r.body().contains("\"e4\""), new Reply(429, null, "{}"));
    fake.receivers().failWhen(r -> r.body().contains("\"e5\""), Reply.status(400));
    WriteResult result;
    Settings settings = Settings.builder(fake.uri()).requestTimeout(Duration.ofMillis(300)).retries(0).build();
    try (SplunkRestClient c = Fixtures.client(settings, new SessionKey(Fixtures.KEY), sleeper, log)) {
      result = c.writeRiskEvents(events, OPTS);
    }
    assertEquals(List.of(), result.writtenIds());
    assertEquals(List.of("e1", "e2", "e3"), result.unknownIds());
    assertEquals(List.of("e1", "e2", "e3", "e4", "e5"), result.notWrittenIds());
    assertEquals(3, fake.receivers().accepted().size(), "the three unknown ones were indexed");
    assertEquals(5, fake.requests().size(), "none retried");
  }

  @Test
  void refusedConnectionIsPlainlyNotWritten() throws Exception {
    java.net.URI closed;
    try (FakeSplunk gone = FakeSplunk.http("k")) {
      closed = gone.uri();
    }
    WriteResult result;
    try (SplunkRestClient c = Fixtures.client(Settings.builder(closed).retries(0).build(),
        new SessionKey(Fixtures.KEY), sleeper, log)) {
      result = c.writeRiskEvents(List.of(Fixtures.event("e1", "ws1")), OPTS);
    }
    assertEquals(List.of("e1"), result.notWrittenIds());
    assertEquals(List.of(), result.unknownIds());
  }

  @Test
  void unavailableWriteIsRetried() throws Exception {
    fake.receivers().enqueue(Reply.unavailable("3"));
    WriteResult result;
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      result = c.writeRiskEvents(List.of(Fixtures.event("e1", "ws1")), OPTS);
    }
    assertEquals(List.of("e1"), result.writtenIds());
    assertEquals(List.of(Duration.ofSeconds(3)), sleeper.slept);
    assertEquals(1, fake.receivers().accepted().size());
  }

  @Test
  void keyExpiringMidRunStopsWriting() throws Exception {
    fake.receivers().failWhen(r -> r.body().contains("risk_event_id=\"e2\""),
        new Reply(401, null, "{\"messages\":[{\"type\":\"WARN\",\"text\":\"call not properly authenticated\"}]}"));
    WriteResult result;
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      result = c.writeRiskEvents(three(), OPTS);
    }
    assertEquals(List.of("e1"), result.writtenIds());
    assertEquals(List.of("e2", "e3"), result.notWrittenIds());
    assertEquals(SplunkException.Kind.AUTH, result.failed().get(1).error().kind());
    assertEquals(2, fake.requests().size());
  }

  @Test
  void unknownIndexIsAnHttpError() throws Exception {
    WriteResult result;
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      result = c.writeRiskEvents(List.of(Fixtures.event("e1", "ws1")), new RiskWriteOptions("nosuch", "sh1", TacticTable.EMPTY, RiskOrigin.NONE));
    }
    assertEquals("POST /services/receivers/simple: HTTP 400: ERROR: Unknown index=nosuch",
        result.failed().get(0).error().getMessage());
  }

  @Test
  void badFieldNameFailsOnlyThatEvent() throws Exception {
    List<RiskEvent> events = List.of(Fixtures.event("e1", "ws1", Map.of("bad name", List.of("x"))), Fixtures.event("e2", "ws2"));
    WriteResult result;
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      result = c.writeRiskEvents(events, OPTS);
    }
    assertEquals(List.of("e2"), result.writtenIds());
    assertEquals("POST /services/receivers/simple: risk event e1: field name 'bad name' is not allowed (expected [A-Za-z0-9_.]+)",
        result.failed().get(0).error().getMessage());
    assertEquals(1, fake.requests().size());
  }

  @Test
  void forbiddenStopsWritingAndReportsTheRestAsNotWritten() throws Exception {
    fake.receivers().failWhen(r -> r.body().contains("risk_event_id=\"e1\""), Reply.status(403));
    WriteResult result;
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      result = c.writeRiskEvents(three(), OPTS);
    }
    assertEquals(List.of(), result.writtenIds());
    assertEquals(List.of("e1", "e2", "e3"), result.notWrittenIds());
    assertEquals(SplunkException.Kind.FORBIDDEN, result.failed().get(0).error().kind());
    assertEquals(SplunkException.Kind.FORBIDDEN, result.failed().get(1).error().kind(), "the rest carry the same refusal");
    assertEquals(1, fake.requests().size());
  }
}
