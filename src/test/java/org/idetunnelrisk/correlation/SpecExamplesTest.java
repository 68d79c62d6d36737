package org.idetunnelrisk.correlation;

import static org.idetunnelrisk.correlation.Chains.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.engine.Row;
import org.junit.jupiter.api.Test;

/** The examples of the Sigma correlation rules specification load and behave as it says. */
class SpecExamplesTest {
  private static final LogSource SECURITY = new LogSource(null, "windows", "security");
  private static final LogSource PROCESS = new LogSource("process_creation", "windows", null);
  private static final double T0 = 1_700_000_000;

  private static Row logon(double t, String user, String eventId) {
    return row(t, SECURITY, "EventID", eventId, "User", user, "Computer", "dc1", "EventRecordID", "" + (long) t);
  }

  @Test
  void tenFailedLoginsThenSuccessFiresTheOuterCorrelationOnce() {
    Chains c = Chains.spec("spec_failed_logins_followed_by_success.yml", Correlator.Settings.OFFLINE);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(logon(T0 + i * 10, "alice", "4625"));
    }
    rows.add(logon(T0 + 200, "alice", "4624"));
    c.feedAll(rows);
    c.finish();
    assertEquals(List.of("b180ead8-d58f-40b2-ae54-c8940995b9b6"), c.resultRuleIds());
    RiskEvent e = c.results.get(0).event();
    assertEquals("alice", e.riskObject());
    assertEquals("user", e.riskObjectType());
    assertEquals(50, e.riskScore());
    assertEquals(T0 + 200, e.time());
    List<String> contributing = e.fields().get("contributing_rule_id");
    assertEquals(11, contributing.size());
    assertEquals("53ba33fd-3a50-4468-a5ef-c583635cfa92", contributing.get(0));
    assertEquals("4d0a2c83-c62c-4ed4-b475-c7e23a9269b8", contributing.get(10));
    assertEquals(String.valueOf((long) T0), e.fields().get("contributing_time").get(0));
  }

  @Test
  void theBaseRulesAndTheInnerCorrelationAreSilent() {
    Chains c = Chains.spec("spec_failed_logins_followed_by_success.yml", Correlator.Settings.OFFLINE);
    Correlations all = c.set.correlations();
    assertTrue(all.silent("53ba33fd-3a50-4468-a5ef-c583635cfa92"));
    assertTrue(all.silent("4d0a2c83-c62c-4ed4-b475-c7e23a9269b8"));
    assertTrue(all.silent("a8418a5a-5fc4-46b5-b23b-6c73beb19d41"));
    assertEquals(false, all.silent("b180ead8-d58f-40b2-ae54-c8940995b9b6"));
    assertEquals(List.of("a8418a5a-5fc4-46b5-b23b-6c73beb19d41", "b180ead8-d58f-40b2-ae54-c8940995b9b6"),
        all.rules().stream().map(CorrelationRule::id).toList());
  }

  @Test
  void nineFailedLoginsThenSuccessDoNotFire() {
    Chains c = Chains.spec("spec_failed_logins_followed_by_success.yml", Correlator.Settings.OFFLINE);
    for (int i = 0; i < 9; i++) {
      c.feed(logon(T0 + i * 10, "alice", "4625"));
    }
    c.feed(logon(T0 + 200, "alice", "4624"));
    c.finish();
    assertEquals(List.of(), c.resultRuleIds());
  }

  @Test
  void successBeforeTheFailuresDoesNotFire() {
    Chains c = Chains.spec("spec_failed_logins_followed_by_success.yml", Correlator.Settings.OFFLINE);
    c.feed(logon(T0, "alice", "4624"));
    for (int i = 0; i < 10; i++) {
      c.feed(logon(T0 + 10 + i * 10, "alice", "4625"));
    }
    c.finish();
    assertEquals(List.of(), c.resultRuleIds());
  }

  @Test
  void eventCountFiresAtOneHundredFailedLogonsOnAHostWithinAnHour() {
    Chains c = Chains.spec("spec_event_count.yml", Correlator.Settings.OFFLINE);
    for (int i = 0; i < 99; i++) {
      assertEquals(List.of(), c.feed(logon(T0 + i * 30, "u" + i, "4625")));
    }
    List<Correlator.Result> got = c.feed(logon(T0 + 99 * 30, "u99", "4625"));
    assertEquals(1, got.size());
    assertEquals("dc1", got.get(0).event().riskObject());
    assertEquals("system", got.get(0).event().riskObjectType());
    assertEquals(25, got.get(0).event().riskScore(), "no level: medium");
  }

  @Test
  void eventCountSpreadOverMoreThanAnHourDoesNotFire() {
    Chains c = Chains.spec("spec_event_count.yml", Correlator.Settings.OFFLINE);
    for (int i = 0; i < 100; i++) {
      c.feed(logon(T0 + i * 37, "u", "4625"));
    }
    c.finish();
    assertEquals(List.of(), c.resultRuleIds());
  }

  @Test
  void valueCountCountsDistinctUsersPerComputerAndWorkstation() {
    Chains c = Chains.spec("spec_value_count.yml", Correlator.Settings.OFFLINE);
    for (int i = 0; i < 150; i++) {
      c.feed(row(T0 + i, SECURITY, "EventID", "4625", "User", "u" + (i % 99), "ComputerName", "dc1",
          "WorkstationName", "ws1", "EventRecordID", "" + i));
    }
    assertEquals(List.of(), c.resultRuleIds(), "99 distinct users");
    c.feed(row(T0 + 200, SECURITY, "EventID", "4625", "User", "u99", "ComputerName", "dc1",
        "WorkstationName", "ws2", "EventRecordID", "200"));
    assertEquals(List.of(), c.resultRuleIds(), "another workstation is another group");
    c.feed(row(T0 + 201, SECURITY, "EventID", "4625", "User", "u99", "ComputerName", "dc1",
        "WorkstationName", "ws1", "EventRecordID", "201"));
    assertEquals(List.of("0e95725d-7320-415d-80f7-004da920fc12"), c.resultRuleIds());
    assertEquals(100, c.results.get(0).event().fields().get("user").size());
  }

  private static Row recon(double t, String exe, String host, String user) {
    return row(t, PROCESS, "Image", "C:\\Windows\\System32\\" + exe, "Computer", host, "User", user,
        "EventRecordID", exe + t);
  }

  @Test
  void temporalFiresOnTheThreeCommandsInAnyOrderWithinFiveMinutes() {
    Chains c = Chains.spec("spec_temporal.yml", Correlator.Settings.OFFLINE);
    c.feed(recon(T0 + 100, "nltest.exe", "pc1", "bob"));
    c.feed(recon(T0, "whoami.exe", "pc1", "bob"));
    assertEquals(List.of(), c.resultRuleIds());
    c.feed(recon(T0 + 250, "net.exe", "pc1", "bob"));
    assertEquals(List.of("4b9a5b9c-1f7e-4a55-9a0e-6c3c0c7a1d01"), c.resultRuleIds());
  }

  @Test
  void temporalNeedsTheSameComputerAndUserAndTheTimespan() {
    Chains c = Chains.spec("spec_temporal.yml", Correlator.Settings.OFFLINE);
    c.feed(recon(T0, "whoami.exe", "pc1", "bob"));
    c.feed(recon(T0 + 10, "net.exe", "pc1", "eve"));
    c.feed(recon(T0 + 20, "nltest.exe", "pc2", "bob"));
    c.feed(recon(T0 + 301, "net.exe", "pc1", "bob"));
    c.feed(recon(T0 + 302, "nltest.exe", "pc1", "bob"));
    c.finish();
    assertEquals(List.of(), c.resultRuleIds());
  }

  @Test
  void temporalOrderedExampleNeedsTheFailuresFirst() {
    Chains c = Chains.spec("spec_temporal_ordered.yml", Correlator.Settings.OFFLINE);
    c.feed(logon(T0, "carol", "4624"));
    c.feed(logon(T0 + 1, "carol", "4625"));
    c.feed(logon(T0 + 2, "carol", "4625"));
    c.feed(logon(T0 + 3, "carol", "4625"));
    assertEquals(List.of(), c.resultRuleIds());
    c.feed(logon(T0 + 4, "carol", "4624"));
    assertEquals(List.of("7d0c1b52-8d0b-4b0e-9f65-3a4d1e9c2b01"), c.resultRuleIds());
  }

  @Test
  void aliasesMatchTheAddressInDifferentFieldsPerRule() {
    Chains c = Chains.spec("spec_aliases.yml", Correlator.Settings.OFFLINE);
    LogSource web = new LogSource("webserver", null, null);
    LogSource net = new LogSource("network_connection", null, null);
    c.feed(row(T0, web, "http.response.status_code", "500", "destination.ip", "10.0.0.5", "source.ip", "203.0.113.9"));
    c.feed(row(T0 + 5, net, "event.category", "network", "event.type", "connection", "event.outcome", "success",
        "source.ip", "203.0.113.9", "destination.ip", "10.0.0.5"));
    assertEquals(List.of(), c.resultRuleIds(), "addresses the wrong way round");
    c.feed(row(T0 + 6, net, "event.category", "network", "event.type", "connection", "event.outcome", "success",
        "source.ip", "10.0.0.5", "destination.ip", "203.0.113.9"));
    assertEquals(List.of("—"), c.resultRuleIds());
    assertEquals("10.0.0.5", c.results.get(0).event().fields().get("internal_ip").get(0));
  }
}
