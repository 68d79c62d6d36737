package org.idetunnelrisk.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An unresponsive splunkd: every call is bounded by the request timeout, retried, then a TIMEOUT failure. */
class TimeoutTest {
  private final Fixtures.FakeSleeper sleeper = new Fixtures.FakeSleeper();
  private final Fixtures.RecordingLog log = new Fixtures.RecordingLog();
  private final CountDownLatch release = new CountDownLatch(1);
  private FakeSplunk fake;

  @BeforeEach
  void start() {
    fake = Fixtures.fake();
  }

  @AfterEach
  void stop() {
    release.countDown();
    fake.close();
  }

  private SplunkRestClient client() throws SplunkException {
    Settings s = Settings.builder(fake.uri()).requestTimeout(Duration.ofMillis(300))
        .exportTimeout(Duration.ofMillis(300)).retries(1).build();
    return Fixtures.client(s, new SessionKey(Fixtures.KEY), sleeper, log);
  }

  @Test
  void kvStoreReadThatNeverAnswersTimesOutAtOnceWithoutRetries() throws Exception {
    fake.kvStore().holdUntil(release);
    try (SplunkRestClient c = client()) {
      SplunkException e = assertThrows(SplunkException.class, () -> c.kvGet("ide_tunnel_risk_state", "k"));
      assertEquals(SplunkException.Kind.TIMEOUT, e.kind());
      assertTrue(e.getMessage().startsWith("GET /servicesNS/nobody/ide_tunnel_risk/storage/collections/data/"),
          e.getMessage());
      assertTrue(!e.getMessage().contains(Fixtures.KEY), e.getMessage());
    }
    assertEquals(1, fake.requests().size(), "KV calls are not retried: the checkpoint file is the fallback");
  }

  @Test
  void exportStreamThatStallsMidBodyTimesOutNamingTheRowsRead() throws Exception {
    fake.export().stream("{\"preview\":false,\"result\":{\"a\":\"1\"}}", "{\"preview\":false,\"result\":{\"a\":\"2\"}}")
        .pauseAfter(1, release);
    try (SplunkRestClient c = client()) {
      ResultStream rs = c.export("search index=x", "-1h", "now");
      assertEquals(java.util.Map.of("a", java.util.List.of("1")), rs.next());
      SplunkException e = assertThrows(SplunkException.class, rs::next);
      assertEquals(SplunkException.Kind.TIMEOUT, e.kind());
      assertEquals("POST /services/search/jobs/export: HTTP 200: the result stream stalled: no data for 300 ms"
          + " after 1 rows", e.getMessage());
    }
  }

  @Test
  void exportThatNeverStartsTimesOut() throws Exception {
    fake.export().holdUntil(release);
    try (SplunkRestClient c = client()) {
      SplunkException e = assertThrows(SplunkException.class, () -> c.export("search index=x", "-1h", "now"));
      assertEquals(SplunkException.Kind.TIMEOUT, e.kind());
    }
  }
}
