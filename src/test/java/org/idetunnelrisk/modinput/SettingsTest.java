package org.idetunnelrisk.modinput;

import org.idetunnelrisk.spl.Feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idetunnelrisk.splunk.emulator.FakeCa;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir static Path caDir;
  static FakeCa testCa;

  @BeforeAll
  static void ca() {
    testCa = FakeCa.create(caDir, "SettingsTestCA");
  }

  private static final String FEEDS = "endpoint_processes, sysmon, windows_security, crowdstrike, "
      + "network_resolution, stream_dns, stream_http";

  private static Parameters params(String... keyValues) {
    Map<String, String> single = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      single.put(keyValues[i], keyValues[i + 1]);
    }
    return new Parameters(single, Map.of());
  }

  private static String problem(String... keyValues) {
    return assertThrows(ModularInputException.class, () -> Settings.from("ide_tunnel_risk://x", params(keyValues)))
        .getMessage();
  }

  @Test
  void defaultsWhenNothingIsSet() {
    Settings s = Settings.from("ide_tunnel_risk://corp", Parameters.empty());
    assertEquals("corp", s.name());
    assertEquals(List.of(Feed.ENDPOINT_PROCESSES, Feed.SYSMON, Feed.WINDOWS_SECURITY, Feed.CROWDSTRIKE,
        Feed.NETWORK_RESOLUTION), s.feeds());
    assertEquals("-70m@m", s.window());
    assertEquals("-10m@m", s.lag());
    assertEquals("risk", s.riskIndex());
    assertEquals(Optional.empty(), s.rulesDir());
    assertEquals(100_000, s.maxRows());
    assertFalse(s.dryRun());
    assertEquals(Optional.empty(), s.caCertPath());
    assertTrue(s.verifySsl());
  }

  @Test
  void blankValuesMeanDefaults() {
    Settings s = Settings.from("x", params("window", " ", "lag", "", "max_rows", "", "verify_ssl", "", "feeds", ""));
    assertEquals("-70m@m", s.window());
    assertEquals(100_000, s.maxRows());
    assertTrue(s.verifySsl());
    assertEquals(5, s.feeds().size());
  }

  @Test
  void feedsFromCommaListTrimmedAndDeduplicated() {
    Settings s = Settings.from("x", params("feeds", " Sysmon , stream_dns,sysmon,"));
    assertEquals(List.of(Feed.SYSMON, Feed.STREAM_DNS), s.feeds());
  }

  @Test
  void feedsFromParamList() {
    Settings s = Settings.from("x", new Parameters(Map.of(), Map.of("feeds", List.of("crowdstrike", "stream_http"))));
    assertEquals(List.of(Feed.CROWDSTRIKE, Feed.STREAM_HTTP), s.feeds());
  }

  @Test
  void unknownFeedNamed() {
    assertEquals("feeds: 'sysmonn' is not a feed; expected one of " + FEEDS, problem("feeds", "sysmonn"));
  }

  @Test
  void onlyCommasIsNoFeed() {
    assertEquals("feeds: must name at least one feed; expected any of " + FEEDS, problem("feeds", " , ,"));
  }

  @Test
  void badWindowNamed() {
    assertEquals("window: '-70x' is not a Splunk relative time like -70m@m", problem("window", "-70x"));
  }

  @Test
  void badLagNamed() {
    assertEquals("lag: 'yesterday' is not a Splunk relative time like -10m@m", problem("lag", "yesterday"));
  }

  @Test
  void relativeTimesSplunkAccepts() {
    for (String t : List.of("-70m@m", "-1d@d+6h", "@w1", "-2h", "now", "-1mon@mon", "+0s", "-30seconds")) {
      assertTrue(SplunkValues.isRelativeTime(t), t);
    }
    for (String t : List.of("", "70m", "-70x", "-m@", "1700000000", "-1d@d;", "-70m@m ")) {
      assertEquals(t.equals("-70m@m "), SplunkValues.isRelativeTime(t), t);
    }
  }

  @Test
  void windowMustBeEarlierThanLag() {
    assertEquals("window: '-5m@m' must be earlier than lag '-10m@m'", problem("window", "-5m@m"));
  }

  @Test
  void lagLaterThanNowIsRefused() {
    assertEquals("lag: '+30m' can be later than now; a window ending in the future is committed before its"
        + " events arrive, and they are never read. Use a time in the past, e.g. -10m@m", problem("lag", "+30m"));
  }

  @Test
  void lagThatIsLaterThanNowPartOfEachHourIsRefused() {
    assertTrue(problem("lag", "@h+30m").startsWith("lag: '@h+30m' can be later than now"));
    assertTrue(problem("lag", "-1d@d+30h").startsWith("lag: '-1d@d+30h' can be later than now"));
  }

  @Test
  void lagNowOrInThePastIsAccepted() {
    for (String lag : List.of("now", "+0s", "-10m@m", "@m", "-1h+30m", "-1d@d+6h")) {
      assertEquals(lag, Settings.from("x", params("window", "-2d", "lag", lag)).lag(), lag);
    }
  }

  @Test
  void latestOffsetAddsEveryOffsetSinceSnapsOnlyGoBack() {
    assertEquals(1800L, SplunkValues.latestOffsetSeconds("+30m"));
    assertEquals(1800L, SplunkValues.latestOffsetSeconds("@h+30m"));
    assertEquals(-600L, SplunkValues.latestOffsetSeconds("-10m@m"));
    assertEquals(-18L * 3600, SplunkValues.latestOffsetSeconds("-1d@d+6h"));
    assertEquals(0L, SplunkValues.latestOffsetSeconds("now"));
    assertEquals(0L, SplunkValues.latestOffsetSeconds("@w1"));
  }

  @Test
  void monthIsLongerThanMinute() {
    assertEquals(-2L * 30 * 86_400, SplunkValues.leadingOffsetSeconds("-2mon@mon"));
    assertEquals(-4200L, SplunkValues.leadingOffsetSeconds("-70m@m"));
    assertEquals(0L, SplunkValues.leadingOffsetSeconds("now"));
  }

  @Test
  void badIndexNamed() {
    assertEquals("risk_index: 'Risk!' is not an index name; use lower-case letters, digits, _ and -, e.g. risk",
        problem("risk_index", "Risk!"));
    assertEquals("risk_index: '_internal' is not an index name; use lower-case letters, digits, _ and -, e.g. risk",
        problem("risk_index", "_internal"));
  }

  @Test
  void maxRowsOutOfRangeNamed() {
    assertEquals("max_rows: must be a whole number from 1 to 10000000 but was '0'", problem("max_rows", "0"));
    assertEquals("max_rows: must be a whole number from 1 to 10000000 but was '10000001'",
        problem("max_rows", "10000001"));
    assertEquals("max_rows: must be a whole number from 1 to 10000000 but was '1e3'", problem("max_rows", "1e3"));
    assertEquals(10_000_000, Settings.from("x", params("max_rows", "10000000")).maxRows());
  }

  @Test
  void batchSizeDefaultRangeAndProblems() {
    assertEquals(50, Settings.from("x", params("batch_size", " ")).batchSize());
    assertEquals(1, Settings.from("x", params("batch_size", "1")).batchSize());
    assertEquals(1000, Settings.from("x", params("batch_size", "1000")).batchSize());
    assertEquals("batch_size: must be a whole number from 1 to 1000 but was '1001'", problem("batch_size", "1001"));
    assertEquals("batch_size: must be a whole number from 1 to 1000 but was 'ten'", problem("batch_size", "ten"));
  }

  @Test
  void booleansInSplunkWords() {
    assertTrue(Settings.from("x", params("dry_run", "1")).dryRun());
    assertTrue(Settings.from("x", params("dry_run", "TRUE")).dryRun());
    assertFalse(Settings.from("x", params("verify_ssl", "no")).verifySsl());
    assertEquals("dry_run: must be true or false (or 1 or 0) but was 'maybe'", problem("dry_run", "maybe"));
  }

  @Test
  void pathsMustExistAndBeAbsolute(@TempDir Path dir) throws IOException {
    Path ca = dir.resolve("ca.pem");
    Files.copy(testCa.pem(), ca);
    Settings s = Settings.from("x", params("rules_dir", dir.toString(), "ca_cert_path", ca.toString()));
    assertEquals(Optional.of(dir), s.rulesDir());
    assertEquals(Optional.of(ca), s.caCertPath());
    assertEquals("rules_dir: 'rules' must be an absolute path to a folder", problem("rules_dir", "rules"));
    assertEquals("rules_dir: '" + ca + "' is not a readable folder", problem("rules_dir", ca.toString()));
    assertEquals("ca_cert_path: '" + dir + "' is not a readable file", problem("ca_cert_path", dir.toString()));
  }

  @Test
  void caCertPathMustHoldPemCertificates(@TempDir Path dir) throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "this is not a certificate\n");
    assertTrue(problem("ca_cert_path", junk.toString()).startsWith("ca_cert_path: '" + junk
        + "' is not a PEM file of CA certificates: "), problem("ca_cert_path", junk.toString()));
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    assertEquals("ca_cert_path: '" + empty + "' holds no certificate; expected the PEM certificate(s) of the CA that"
        + " signed splunkd's certificate (-----BEGIN CERTIFICATE-----)", problem("ca_cert_path", empty.toString()));
    assertEquals(Optional.of(testCa.pem()), Settings.from("x", params("ca_cert_path", testCa.pem().toString())).caCertPath());
  }

  @Test
  void hostnameCheckIsStrictOrLoopbackChainOnly() {
    assertFalse(Settings.from("x", Parameters.empty()).loopbackChainOnly());
    assertFalse(Settings.from("x", params("ssl_hostname_check", "strict")).loopbackChainOnly());
    assertTrue(Settings.from("x", params("ssl_hostname_check", " loopback_chain_only ")).loopbackChainOnly());
    assertEquals("ssl_hostname_check: 'off' is not one of strict, loopback_chain_only", problem("ssl_hostname_check", "off"));
    assertEquals("ssl_hostname_check = loopback_chain_only verifies the chain, but verify_ssl is false (nothing is"
        + " verified): set one or the other", problem("ssl_hostname_check", "loopback_chain_only", "verify_ssl", "0"));
  }

  @Test
  void everyProblemReportedTogether() {
    assertEquals("feeds: 'edr' is not a feed; expected one of " + FEEDS
            + "; window: 'x' is not a Splunk relative time like -70m@m"
            + "; max_rows: must be a whole number from 1 to 10000000 but was '-1'",
        problem("feeds", "sysmon,edr", "window", "x", "max_rows", "-1"));
  }

  @Test
  void inheritedAndUnknownParamsIgnored() {
    Settings s = Settings.from("x", params("interval", "3600", "index", "main", "host", "h", "whatever", "1"));
    assertEquals("risk", s.riskIndex());
  }
}
