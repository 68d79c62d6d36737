package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * Where a risk event came from, written as ES's risk action writes it, so an analyst can pivot back:
 * {@code orig_sid}, {@code orig_rid}, {@code orig_action_name}, {@code info_min_time}, {@code info_max_time},
 * {@code info_search_time}, and the result's own host, source and sourcetype as {@code orig_host},
 * {@code orig_source}, {@code orig_sourcetype}. Through the modular input (from the poll) and the alert action
 * (from its payload, results file and the job's info.csv), against the emulator.
 */
class RiskEventOriginTest {
  static final String KEY = "originTestSessionKey-9ab1";
  static final String SID = "scheduler__admin_aWRl__RMD5a1b2c3_at_1795000000_12";
  @TempDir Path home;
  FakeSplunk fake;

  @BeforeEach
  void start() {
    fake = FakeSplunk.http(KEY);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  /** Every received risk event's pairs, first value of each key. */
  List<Map<String, String>> received() {
    List<Map<String, String>> out = new ArrayList<>();
    for (RecordedRequest r : fake.receivers().accepted()) {
      out.add(PollerTest.fields(r.body()));
    }
    return out;
  }

  // ---- the modular input

  String poll(String feeds) throws IOException {
    return Polls.run(fake, KEY, home, feeds, AppHome.at(null));
  }

  @Test
  void theModularInputWritesThePollAndEachRowAsTheOrigin() throws IOException {
    FakeEstate estate = new FakeEstate(fake);
    fake.export().respondWith(estate);
    List<String> sysmon = Files.readAllLines(Path.of("samples/sysmon_tunnel_day.xml"));
    for (int i = 0; i < 2; i++) {
      Map<String, List<String>> row = new LinkedHashMap<>();
      // line 1 of the samples is a process no rule flags; line 10 is one the golden has a risk event for
      row.put("_raw", List.of(sysmon.get(i == 0 ? 0 : 9)));
      row.put("host", List.of("wef-collector-" + i));
      row.put("source", List.of("XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"));
      row.put("sourcetype", List.of("XmlWinEventLog"));
      estate.row(Feed.SYSMON, PollerTest.IN_WINDOW, row);
    }
    poll("sysmon");
    List<Map<String, String>> got = received();
    assertFalse(got.isEmpty());
    for (Map<String, String> f : got) {
      assertEquals("ide_tunnel_risk:corp:sysmon:" + PollerTest.EARLIEST + "-" + PollerTest.LATEST, f.get("orig_sid"));
      assertEquals("ide_tunnel_risk", f.get("orig_action_name"));
      assertEquals(PollerTest.EARLIEST + ".000", f.get("info_min_time"));
      assertEquals(PollerTest.LATEST + ".000", f.get("info_max_time"));
      assertEquals(PollerTest.T.getEpochSecond() + ".000", f.get("info_search_time"));
      assertEquals("1", f.get("orig_rid"), "the second row of the window made it");
      assertEquals("wef-collector-1", f.get("orig_host"));
      assertEquals("XmlWinEventLog:Microsoft-Windows-Sysmon/Operational", f.get("orig_source"));
      assertEquals("XmlWinEventLog", f.get("orig_sourcetype"));
    }
  }

  @Test
  void aDatamodelRowHasNoHostSourceOrSourcetypeToGive() throws IOException {
    FakeEstate estate = new FakeEstate(fake);
    fake.export().respondWith(estate);
    estate.csvRows(Feed.ENDPOINT_PROCESSES, PollerTest.IN_WINDOW, Path.of("samples/cim_processes.csv"));
    poll("endpoint_processes");
    List<Map<String, String>> got = received();
    assertFalse(got.isEmpty());
    assertTrue(got.stream().anyMatch(f -> f.containsKey("correlation_type")), "the sample holds a chain");
    for (Map<String, String> f : got) {
      if (f.containsKey("correlation_type")) {
        // a chain comes from no one row but from the correlations over the poll's windows
        assertNull(f.get("orig_rid"), f.toString());
        assertEquals("ide_tunnel_risk:corp:correlations:" + PollerTest.EARLIEST + "-" + PollerTest.LATEST,
            f.get("orig_sid"));
      } else {
        assertTrue(f.get("orig_rid").matches("[0-9]+"), f.toString());
      }
      assertNull(f.get("orig_host"));
      assertNull(f.get("orig_sourcetype"));
      assertEquals("ide_tunnel_risk", f.get("orig_action_name"));
    }
  }

  // ---- the alert action

  Path dispatchJob() throws IOException {
    return Files.createDirectories(home.resolve("var/run/splunk/dispatch/" + SID));
  }

  String alert(Path results) {
    AlertRun a = AlertRun.run(AppHome.at(null), fake.uri(), KEY, SID, "Corp Tunnel Hunt", results,
        "\"rules\":\"fixed\",\"risk_object_field\":\"dest\",\"risk_score\":\"30\"", home,
        Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));
    int exit = a.exit();
    String e = a.err();
    assertEquals(0, exit, e);
    return e;
  }

  static final String RESULTS = "dest,host,source,sourcetype\n"
      + "ws1,fwd1,WinEventLog:Security,WinEventLog\n"
      + ",,WinEventLog:Security,WinEventLog\n"
      + "ws3,fwd3,\"stream:http\",stream:http\n";

  @Test
  void theAlertActionWritesItsJobItsRowsAndTheJobsTimeRange() throws IOException {
    Path job = dispatchJob();
    Path results = job.resolve("results.csv.gz");
    ResultsScorerTest.gzip(RESULTS, results);
    Files.writeString(job.resolve("info.csv"), "\"_sid\",\"_timestamp\",\"_search_et\",\"_search_lt\",\"_search\"\n"
        + "\"" + SID + "\",\"1795000012.345000\",\"1794995800.000000\",\"1794999400.000000\",\"search index=x\"\n");
    alert(results);
    List<Map<String, String>> got = received();
    assertEquals(2, got.size(), "the row without a dest (or host) gives none");
    assertEquals(List.of("0", "2"), got.stream().map(f -> f.get("orig_rid")).toList());
    assertEquals(List.of("fwd1", "fwd3"), got.stream().map(f -> f.get("orig_host")).toList());
    assertEquals(List.of("WinEventLog", "stream:http"), got.stream().map(f -> f.get("orig_sourcetype")).toList());
    assertEquals("WinEventLog:Security", got.get(0).get("orig_source"));
    for (Map<String, String> f : got) {
      assertEquals(SID, f.get("orig_sid"));
      assertEquals("ide_tunnel_risk_score", f.get("orig_action_name"));
      assertEquals("1794995800.000000", f.get("info_min_time"));
      assertEquals("1794999400.000000", f.get("info_max_time"));
      assertEquals("1795000012.345000", f.get("info_search_time"));
      assertEquals("sh1", fake.receivers().accepted().get(0).query().get("host"), "the risk event's own host stays");
    }
  }

  @Test
  void aPerResultAlertReadsItsJobsInfoAndASearchWithoutLatestTimeEndsAtInfinity() throws IOException {
    Path job = dispatchJob();
    Path results = Files.createDirectories(job.resolve("per_result_alert")).resolve("tmp_0.csv.gz");
    ResultsScorerTest.gzip(RESULTS, results);
    Files.writeString(job.resolve("info.csv"), "_timestamp,_search_et,_search_lt\n1795000012.345000,0.000000,\n");
    alert(results);
    Map<String, String> f = received().get(0);
    assertEquals("0.000000", f.get("info_min_time"));
    assertEquals("+Infinity", f.get("info_max_time"));
  }

  @Test
  void withoutInfoCsvOrWithJunkInItThoseFieldsAreLeftOut() throws IOException {
    Path job = dispatchJob();
    Path results = job.resolve("results.csv.gz");
    ResultsScorerTest.gzip(RESULTS, results);
    alert(results);
    Map<String, String> f = received().get(0);
    assertNull(f.get("info_min_time"));
    assertNull(f.get("info_search_time"));
    assertEquals(SID, f.get("orig_sid"));

    Files.writeString(job.resolve("info.csv"), "_timestamp,_search_et,_search_lt\n\"now\", risk_score=\"100,x,y\n");
    alert(results);
    f = received().get(received().size() - 1);
    assertNull(f.get("info_search_time"));
    assertNull(f.get("info_min_time"));
    assertNull(f.get("risk_score=\"100"));
    assertEquals("30", f.get("risk_score"));
  }
}
