package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.idetunnelrisk.splunk.emulator.FakeCa;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert action over HTTPS to a splunkd that serves a certificate as splunkd ships its own: a subject and no
 * subject alternative name, signed by a CA ({@link FakeCa#splunkStyle()}), on 127.0.0.1, as {@link PollerTlsTest}
 * does for the modular input. With that CA (in {@code ca_cert_path}, or found as splunkd's own under
 * {@code SPLUNK_HOME}) and {@code loopback_chain_only} the action verifies it and writes; without, it fails with one
 * ERROR line naming {@code ca_cert_path}; a {@code ca_cert_path} that holds no certificate is refused by the
 * settings before anything is scored.
 */
class ResultsScorerTlsTest {
  @TempDir static Path pki;
  static FakeCa ca;
  static FakeCa.Server splunkd;
  @TempDir Path home;
  FakeSplunk fake;
  Path results;

  @BeforeAll
  static void certificates() {
    ca = FakeCa.create(pki, "ResultsScorerTlsCA");
    splunkd = ca.splunkStyle();
  }

  @BeforeEach
  void start() throws IOException {
    fake = FakeSplunk.https(splunkd.context(), ResultsScorerTest.KEY);
    Path dispatch = Files.createDirectories(home.resolve("var/run/splunk/dispatch/scheduler__admin_x_at_1_1"));
    results = dispatch.resolve("results.csv.gz");
    ResultsScorerTest.gzip(Files.readString(Path.of("samples/cim_processes.csv")), results);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  record Run(int exit, String out, String err) {}

  /** Runs the action as splunkd does, with {@code SPLUNK_HOME} the test's Splunk tree for the results file and the CA. */
  Run run(String configuration) {
    AlertRun a = AlertRun.run(AppHome.at(null), fake.uri(), ResultsScorerTest.KEY, "scheduler__admin_x_at_1_1",
        "Corp Process Hunt", results, "\"rules\":\"auto\"" + configuration, home,
        Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));
    Run r = new Run(a.exit(), a.out(), a.err());
    assertFalse(r.err().contains(ResultsScorerTest.KEY), "session key leaked: " + r.err());
    assertEquals("", r.out(), "stdout stays empty");
    return r;
  }

  static String param(String name, Object value) {
    return ",\"" + name + "\":\"" + value.toString().replace("\\", "\\\\") + "\"";
  }

  @Test
  void withItsCaFileAndLoopbackChainOnlyTheActionVerifiesSplunkdAndWrites() {
    Run r = run(param("ca_cert_path", ca.pem()) + param("ssl_hostname_check", "loopback_chain_only"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(fake.receivers().accepted().size() > 0, "risk events written");
    assertTrue(r.err().contains("status=ok"), r.err());
  }

  @Test
  void withoutTheCaFileTheActionFailsNamingCaCertPath() {
    Run r = run("");
    assertEquals(1, r.exit());
    List<String> errors = r.err().lines().filter(l -> l.startsWith("ERROR ")).toList();
    String tls = "POST /services/receivers/simple: TLS handshake with 127.0.0.1:" + fake.uri().getPort()
        + " failed: the certificate does not chain to a trusted CA (";
    String trusted = "Trusted: the JVM's trust store only (ca_cert_path is not set and no splunkd CA file is in use)."
        + " Set ca_cert_path to the PEM file of the CA that signed splunkd's certificate";
    assertEquals(2, errors.size(), "the refused write, then the action's failure; not one line per risk event: "
        + r.err());
    assertTrue(errors.get(0).startsWith("ERROR risk events not written (1): " + tls), r.err());
    assertTrue(errors.get(1).startsWith("ERROR 13 of 13 risk events were not written: " + tls), r.err());
    assertTrue(errors.get(1).contains(trusted), r.err());
    assertTrue(errors.get(1).endsWith(" (README: TLS); the rest of the results were not scored"), r.err());
    assertEquals(0, fake.requests().size(), "no request got through");
  }

  @Test
  void withTheCaFileButTheHostNameCheckedTheActionSaysTheCertificateNamesNoSuchHost() {
    Run r = run(param("ca_cert_path", ca.pem()));
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("failed: the certificate does not name 127.0.0.1 ("), r.err());
    assertTrue(r.err().contains("Trusted: the JVM's trust store and ca_cert_path '" + ca.pem() + "'. Use a certificate"
        + " that names it, or for this loopback server_uri set ssl_hostname_check = loopback_chain_only"), r.err());
    assertEquals(0, fake.receivers().accepted().size());
  }

  @Test
  void splunkdsOwnCaFileUnderSplunkHomeIsTrustedWithoutCaCertPath() throws IOException {
    Files.createDirectories(home.resolve("etc/auth"));
    Files.copy(ca.pem(), home.resolve("etc/auth/cacert.pem"));
    Run r = run(param("ssl_hostname_check", "loopback_chain_only"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(fake.receivers().accepted().size() > 0, "risk events written");
  }

  @Test
  void aJunkCaCertPathIsRefusedBeforeAnythingIsScored() throws IOException {
    Path junk = Files.writeString(home.resolve("junk.pem"), "this is not a certificate\n");
    Run r = run(param("ca_cert_path", junk) + param("ssl_hostname_check", "loopback_chain_only"));
    assertEquals(1, r.exit());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("ERROR ca_cert_path: '" + junk + "' is not a PEM file of CA certificates: "), r.err());
    assertEquals(0, fake.requests().size(), "nothing was sent");
  }
}
