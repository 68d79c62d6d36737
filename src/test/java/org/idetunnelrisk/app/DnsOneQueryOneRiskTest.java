package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.spl.Feed;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.idetunnelrisk.splunk.emulator.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One DNS lookup is one risk: the Network_Resolution feed asks tstats for one row per query event (its answers
 * gathered with values()), and a row with three answers gives the emulator one risk event; rows split by answer,
 * as a search written the old way returns them, still give one.
 */
class DnsOneQueryOneRiskTest {
  static final String KEY = "dnsTestSessionKey-31c7";
  @TempDir Path dir;
  FakeSplunk fake;
  FakeEstate estate;

  @BeforeEach
  void start() {
    fake = FakeSplunk.http(KEY);
    estate = new FakeEstate(fake);
    fake.export().respondWith(estate);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  static Map<String, List<String>> lookup(List<String> answers) {
    Map<String, List<String>> r = new LinkedHashMap<>();
    r.put("src", List.of("10.20.30.41"));
    r.put("dest", List.of("10.0.0.53"));
    r.put("query", List.of("k7x2p9.euw.devtunnels.ms"));
    r.put("record_type", List.of("A"));
    r.put("count", List.of("1"));
    r.put("answer", answers);
    r.put("reply_code", List.of("NoError"));
    return r;
  }

  @Test
  void aLookupWithThreeAnswersGivesOneRiskEvent() throws IOException {
    estate.row(Feed.NETWORK_RESOLUTION, PollerTest.IN_WINDOW,
        lookup(List.of("20.103.221.187", "20.103.221.188", "20.103.221.189")));
    Polls.run(fake, KEY, dir, "network_resolution", AppHome.at(null));
    String search = fake.requests("/services/search/jobs/export").get(0).form().get("search");
    assertTrue(search.contains(" values(DNS.answer) as answer "), search);
    assertTrue(search.contains(" by _time span=1s DNS.src DNS.dest DNS.query DNS.record_type |"), search);
    assertFalse(search.contains("by _time span=1s DNS.src DNS.dest DNS.query DNS.answer"), search);
    List<RecordedRequest> got = fake.receivers().accepted();
    assertEquals(1, got.size(), "one lookup, one risk event");
    Map<String, String> f = PollerTest.fields(got.get(0).body());
    assertEquals("10.20.30.41", f.get("risk_object"));
    assertEquals("k7x2p9.euw.devtunnels.ms", f.get("threat_object"));
  }

  @Test
  void rowsSplitByAnswerStillGiveOneRiskEvent() throws IOException {
    for (String a : List.of("20.103.221.187", "20.103.221.188", "20.103.221.189")) {
      estate.row(Feed.NETWORK_RESOLUTION, PollerTest.IN_WINDOW, lookup(List.of(a)));
    }
    Polls.run(fake, KEY, dir, "network_resolution", AppHome.at(null));
    assertEquals(1, fake.receivers().accepted().size(), "the event's identity leaves its answer out");
  }
}
