package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.idetunnelrisk.modinput.ModularInputMain;
import org.idetunnelrisk.spl.Feed;
import org.idetunnelrisk.splunk.emulator.FakeCa;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modular input over HTTPS to a splunkd that serves a certificate as splunkd ships its own: a subject and no
 * subject alternative name, signed by a CA ({@link FakeCa#splunkStyle()}), on 127.0.0.1. With that CA (in
 * {@code ca_cert_path}, or found as splunkd's own under {@code SPLUNK_HOME}) and {@code loopback_chain_only} the run
 * verifies it and writes; without, it fails on its first call with one ERROR line naming {@code ca_cert_path}, and
 * nothing calls it a KV store outage.
 */
class PollerTlsTest {
  @TempDir static Path pki;
  static FakeCa ca;
  static FakeCa.Server splunkd;
  @TempDir Path dir;
  FakeSplunk fake;
  final TestClock clock = new TestClock(PollerTest.T);

  @BeforeAll
  static void certificates() {
    ca = FakeCa.create(pki, "PollerTlsCA");
    splunkd = ca.splunkStyle();
  }

  @BeforeEach
  void start() throws IOException {
    fake = FakeSplunk.https(splunkd.context(), PollerTest.KEY);
    fake.receivers().indexingLag(Duration.ZERO, clock::millis);
    FakeEstate estate = new FakeEstate(fake);
    fake.export().respondWith(estate);
    estate.rawLines(Feed.SYSMON, PollerTest.IN_WINDOW, Path.of("samples/sysmon_tunnel_day.xml"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  record Run(int exit, String out, String err) {}

  Run run(String params, Map<String, String> env) throws IOException {
    Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
    String definition = "<input><server_host>sh1</server_host><server_uri>" + fake.uri() + "</server_uri>"
        + "<session_key>" + PollerTest.KEY + "</session_key><checkpoint_dir>" + checkpoints + "</checkpoint_dir>"
        + "<configuration><stanza name=\"ide_tunnel_risk://corp\" app=\"ide_tunnel_risk\">"
        + "<param name=\"feeds\">sysmon</param>" + params + "</stanza></configuration></input>";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Poller poller = new Poller(AppHome.at(null), clock, clock.sleeper(),
        b -> b.backoff(Duration.ofMillis(1), Duration.ofMillis(2)), env);
    int exit = new ModularInputMain(poller, clock).run(new String[0],
        new ByteArrayInputStream(definition.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String param(String name, Object value) {
    return "<param name=\"" + name + "\">" + value + "</param>";
  }

  @Test
  void withItsCaFileAndLoopbackChainOnlyTheRunVerifiesSplunkdAndWrites() throws IOException {
    Run r = run(param("ca_cert_path", ca.pem()) + param("ssl_hostname_check", "loopback_chain_only"), Map.of());
    assertEquals(0, r.exit(), r.err());
    assertTrue(fake.receivers().accepted().size() > 0, "risk events written");
    assertTrue(r.out().contains("status=ok"), r.out());
  }

  @Test
  void withoutTheCaFileTheRunFailsOnItsFirstCallNamingCaCertPath() throws IOException {
    Run r = run("", Map.of());
    assertEquals(1, r.exit());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("ERROR corp: stopped before polling: cannot tell whether this search head may poll"
        + " (standalone, or the search head cluster captain) or must stand aside (GET /services/server/info: TLS"
        + " handshake with 127.0.0.1:" + fake.uri().getPort() + " failed: the certificate does not chain to a trusted"
        + " CA ("), r.err());
    assertTrue(r.err().contains("Trusted: the JVM's trust store only (ca_cert_path is not set and no splunkd CA file"
        + " is in use). Set ca_cert_path to the PEM file of the CA that signed splunkd's certificate"), r.err());
    assertFalse(r.err().contains("KV store"), r.err());
    assertEquals(0, fake.requests().size(), "no request got through");
    assertTrue(r.out().contains("faults=cluster:tls"), r.out());
  }

  @Test
  void withTheCaFileButTheHostNameCheckedTheRunSaysTheCertificateNamesNoSuchHost() throws IOException {
    Run r = run(param("ca_cert_path", ca.pem()), Map.of());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("failed: the certificate does not name 127.0.0.1 ("), r.err());
    assertTrue(r.err().contains("Trusted: the JVM's trust store and ca_cert_path '" + ca.pem() + "'. Use a certificate"
        + " that names it, or for this loopback server_uri set ssl_hostname_check = loopback_chain_only"), r.err());
  }

  @Test
  void splunkdsOwnCaFileUnderSplunkHomeIsTrustedWithoutCaCertPath() throws IOException {
    Path home = dir.resolve("splunk");
    Files.createDirectories(home.resolve("etc/auth"));
    Files.copy(ca.pem(), home.resolve("etc/auth/cacert.pem"));
    Run r = run(param("ssl_hostname_check", "loopback_chain_only"), Map.of("SPLUNK_HOME", home.toString()));
    assertEquals(0, r.exit(), r.err());
    assertTrue(fake.receivers().accepted().size() > 0, "risk events written");
  }
}
