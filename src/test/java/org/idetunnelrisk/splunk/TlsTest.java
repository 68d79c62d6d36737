package org.idetunnelrisk.splunk;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;
import org.idetunnelrisk.splunk.Settings.HostnameCheck;
import org.idetunnelrisk.splunk.emulator.FakeCa;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS against certificates made by the JDK's keytool. Self-signed ones: refused without a CA bundle,
 * accepted with it, accepted with verification off (and a WARN); a second one names another host, to show that
 * the CA bundle keeps host-name checking and verification off drops it. Then as splunkd ships its own: a
 * certificate with a subject and no subject alternative name, signed by a CA ({@link FakeCa#splunkStyle()}),
 * which no host name check can accept, verified by its chain alone with {@code loopback_chain_only}, pinned to
 * the CA file. Every failure names {@code ca_cert_path}.
 */
class TlsTest {
  private static final char[] PASS = "changeit".toCharArray();
  private static final String ROW = "{\"preview\":false,\"result\":{\"dest\":\"ws1\"}}";
  @TempDir static Path dir;
  private static SSLContext goodServer;
  private static SSLContext wrongHostServer;
  private static FakeCa splunkCa;
  private static FakeCa otherCa;
  private static FakeCa.Server splunkStyle;
  private static FakeCa.Server namesLoopback;
  private final Fixtures.FakeSleeper sleeper = new Fixtures.FakeSleeper();
  private final Fixtures.RecordingLog log = new Fixtures.RecordingLog();

  @BeforeAll
  static void certificates() throws Exception {
    goodServer = serverContext("good", "ip:127.0.0.1");
    wrongHostServer = serverContext("wrong", "dns:splunk.invalid");
    splunkCa = FakeCa.create(dir, "TestSplunkCommonCA");
    otherCa = FakeCa.create(dir, "OtherCA");
    splunkStyle = splunkCa.splunkStyle();
    namesLoopback = splunkCa.issue("CN=sh1", "ip:127.0.0.1");
  }

  private static SSLContext serverContext(String name, String san) throws Exception {
    Path ks = dir.resolve(name + ".p12");
    keytool("-genkeypair", "-alias", "splunkd", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=" + name, "-ext", "SAN=" + san, "-keystore", ks.toString(), "-storetype", "PKCS12",
        "-storepass", "changeit", "-keypass", "changeit");
    keytool("-exportcert", "-rfc", "-alias", "splunkd", "-keystore", ks.toString(), "-storepass", "changeit",
        "-file", dir.resolve(name + ".pem").toString());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, PASS);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, PASS);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), "keytool " + args[0] + ": " + out);
  }

  private String exportOne(FakeSplunk fake, Settings settings) throws SplunkException {
    try (SplunkRestClient c = Fixtures.client(settings, new SessionKey(Fixtures.KEY), sleeper, log);
        ResultStream s = c.export("index=main", "0", "now")) {
      return s.next().get("dest").get(0);
    }
  }

  @Test
  void selfSignedIsRefusedWithoutCaBundle() {
    try (FakeSplunk fake = FakeSplunk.https(goodServer, Fixtures.KEY)) {
      fake.export().stream(ROW);
      SplunkException e = assertThrows(SplunkException.class, () -> exportOne(fake, Settings.builder(fake.uri()).build()));
      assertEquals(SplunkException.Kind.TLS, e.kind());
      assertTrue(e.getMessage().startsWith("POST /services/search/jobs/export: TLS handshake with 127.0.0.1:"
          + fake.uri().getPort() + " failed: the certificate does not chain to a trusted CA (SSLHandshakeException: PKIX"
          + " path building failed"), e.getMessage());
      assertTrue(e.getMessage().endsWith("). Trusted: the JVM's trust store only (ca_cert_path is not set and no splunkd"
          + " CA file is in use). Set ca_cert_path to the PEM file of the CA that signed splunkd's certificate"
          + " (server.conf [sslConfig] sslRootCAPath; by default $SPLUNK_HOME/etc/auth/cacert.pem) (README: TLS)."),
          e.getMessage());
      assertEquals(List.of(), sleeper.slept, "a refused certificate is not retried");
      assertEquals(0, fake.requests().size(), "no request reached splunkd");
    }
  }

  @Test
  void selfSignedIsAcceptedWithCaBundle() throws Exception {
    try (FakeSplunk fake = FakeSplunk.https(goodServer, Fixtures.KEY)) {
      fake.export().stream(ROW);
      assertEquals("ws1", exportOne(fake, Settings.builder(fake.uri()).caBundle(dir.resolve("good.pem")).build()));
    }
    assertEquals(List.of(), log.lines);
  }

  @Test
  void caBundleStillChecksTheHostName() {
    try (FakeSplunk fake = FakeSplunk.https(wrongHostServer, Fixtures.KEY)) {
      fake.export().stream(ROW);
      Path wrong = dir.resolve("wrong.pem");
      SplunkException e = assertThrows(SplunkException.class,
          () -> exportOne(fake, Settings.builder(fake.uri()).caBundle(wrong).build()));
      assertEquals(SplunkException.Kind.TLS, e.kind());
      assertTrue(e.getMessage().contains(" failed: the certificate does not name 127.0.0.1 (SSLHandshakeException: "),
          e.getMessage());
      assertTrue(e.getMessage().endsWith("). Trusted: the JVM's trust store and ca_cert_path '" + wrong + "'. Use a"
          + " certificate that names it, or for this loopback server_uri set ssl_hostname_check = loopback_chain_only"
          + " (modular input), which verifies the chain against the CA in ca_cert_path and not the names (README: TLS)."),
          e.getMessage());
    }
  }

  @Test
  void verifyOffAcceptsAnyCertificateAndHostAndWarns() throws Exception {
    try (FakeSplunk fake = FakeSplunk.https(wrongHostServer, Fixtures.KEY)) {
      fake.export().stream(ROW);
      assertEquals("ws1", exportOne(fake, Settings.builder(fake.uri()).verifyTls(false).build()));
      assertEquals(List.of("WARN TLS verification is off for " + fake.uri() + ": any certificate and host name are accepted"),
          log.lines);
    }
  }

  @Test
  void missingCaBundleIsAClearErrorNamingTheSettingAndTheFile() {
    Path missing = dir.resolve("missing.pem");
    SplunkException e = assertThrows(SplunkException.class, () -> Fixtures.client(
        Settings.builder(URI.create("https://127.0.0.1:8089")).caBundle(missing).build(),
        new SessionKey(Fixtures.KEY), sleeper, log));
    assertEquals(SplunkException.Kind.TLS, e.kind());
    assertEquals("TLS setup: ca_cert_path '" + missing + "': no such file", e.getMessage());
  }

  @Test
  void junkCaBundleIsAClearErrorNamingTheSettingAndTheFile() throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
    SplunkException e = assertThrows(SplunkException.class, () -> Fixtures.client(
        Settings.builder(URI.create("https://127.0.0.1:8089")).caBundle(junk).build(),
        new SessionKey(Fixtures.KEY), sleeper, log));
    assertEquals(SplunkException.Kind.TLS, e.kind());
    assertTrue(e.getMessage().startsWith("TLS setup: ca_cert_path '" + junk + "': not a PEM file of CA certificates: "),
        e.getMessage());
  }

  @Test
  void theSplunkStyleCertificateNamesNoHost() throws Exception {
    // as splunkd's log quotes its default certificate: "X509 certificate (O=SplunkUser,CN=SplunkServerDefaultCert)"
    assertEquals("O=SplunkUser,CN=SplunkServerDefaultCert", splunkStyle.certificate().getSubjectX500Principal().getName());
    assertNull(splunkStyle.certificate().getSubjectAlternativeNames(), "no subject alternative name");
    assertEquals(splunkCa.certificate().getSubjectX500Principal(), splunkStyle.certificate().getIssuerX500Principal());
  }

  @Test
  void splunkStyleCertificateFailsTheHostNameCheckEvenWithItsCa() {
    try (FakeSplunk fake = FakeSplunk.https(splunkStyle.context(), Fixtures.KEY)) {
      fake.export().stream(ROW);
      SplunkException e = assertThrows(SplunkException.class,
          () -> exportOne(fake, Settings.builder(fake.uri()).caBundle(splunkCa.pem()).build()));
      assertEquals(SplunkException.Kind.TLS, e.kind());
      assertTrue(e.getMessage().contains("failed: the certificate does not name 127.0.0.1 (SSLHandshakeException: "),
          e.getMessage());
      assertTrue(e.getMessage().contains("Trusted: the JVM's trust store and ca_cert_path '" + splunkCa.pem() + "'."),
          e.getMessage());
      assertTrue(e.getMessage().contains("set ssl_hostname_check = loopback_chain_only"), e.getMessage());
    }
  }

  @Test
  void splunkStyleCertificateVerifiesByItsChainOnLoopbackChainOnly() throws Exception {
    try (FakeSplunk fake = FakeSplunk.https(splunkStyle.context(), Fixtures.KEY)) {
      fake.export().stream(ROW);
      assertEquals("ws1", exportOne(fake, Settings.builder(fake.uri()).caBundle(splunkCa.pem())
          .hostnameCheck(HostnameCheck.LOOPBACK_CHAIN_ONLY).build()));
    }
    assertEquals(List.of(), log.lines);
  }

  /**
   * A JVM trust store that trusts the Splunk-style certificate's CA: with STRICT (and a certificate naming
   * 127.0.0.1) that trust is used; with loopback_chain_only the chain is checked against ca_cert_path alone.
   */
  @Test
  void loopbackChainOnlyPinsTheChainToTheCaFileNotTheJvmTrustStore() throws Exception {
    X509TrustManager jvmTrustingSplunkCa = new X509TrustManager() {
      @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
      @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
      @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[] {splunkCa.certificate()}; }
    };
    URI local = URI.create("https://127.0.0.1:8089");
    try (FakeSplunk named = FakeSplunk.https(namesLoopback.context(), Fixtures.KEY);
        FakeSplunk unnamed = FakeSplunk.https(splunkStyle.context(), Fixtures.KEY)) {
      SSLContext strict = Tls.context(Settings.builder(local).caBundle(otherCa.pem()).build(), jvmTrustingSplunkCa);
      assertDoesNotThrow(() -> handshake(strict, "127.0.0.1", named.uri().getPort()), "the JVM's trust is used");
      SSLContext pinned = Tls.context(Settings.builder(local).caBundle(otherCa.pem())
          .hostnameCheck(HostnameCheck.LOOPBACK_CHAIN_ONLY).build(), jvmTrustingSplunkCa);
      assertThrows(SSLHandshakeException.class, () -> handshake(pinned, "127.0.0.1", unnamed.uri().getPort()));
      SSLContext pinnedToItsCa = Tls.context(Settings.builder(local).caBundle(splunkCa.pem())
          .hostnameCheck(HostnameCheck.LOOPBACK_CHAIN_ONLY).build(), jvmTrustingSplunkCa);
      assertDoesNotThrow(() -> handshake(pinnedToItsCa, "127.0.0.1", unnamed.uri().getPort()));
    }
  }

  @Test
  void loopbackChainOnlyStillVerifiesTheChain() {
    try (FakeSplunk fake = FakeSplunk.https(splunkStyle.context(), Fixtures.KEY)) {
      fake.export().stream(ROW);
      SplunkException e = assertThrows(SplunkException.class, () -> exportOne(fake, Settings.builder(fake.uri())
          .caBundle(otherCa.pem()).hostnameCheck(HostnameCheck.LOOPBACK_CHAIN_ONLY).build()));
      assertEquals(SplunkException.Kind.TLS, e.kind());
      assertTrue(e.getMessage().contains("failed: the certificate does not chain to a trusted CA ("), e.getMessage());
      assertTrue(e.getMessage().contains("Trusted: only ca_cert_path '" + otherCa.pem() + "', the chain alone"
          + " (loopback_chain_only: host names are not checked). Set ca_cert_path"), e.getMessage());
      assertEquals(0, fake.requests().size());
    }
  }

  @Test
  void loopbackChainOnlyWithoutACaFileIsRefusedAtSetup() {
    SplunkException e = assertThrows(SplunkException.class, () -> Fixtures.client(
        Settings.builder(URI.create("https://127.0.0.1:8089")).hostnameCheck(HostnameCheck.LOOPBACK_CHAIN_ONLY).build(),
        new SessionKey(Fixtures.KEY), sleeper, log));
    assertEquals(SplunkException.Kind.TLS, e.kind());
    assertEquals("TLS setup: ssl_hostname_check = loopback_chain_only verifies the chain against one CA, but"
        + " ca_cert_path is not set and no splunkd CA file was found (server.conf [sslConfig] sslRootCAPath, or"
        + " $SPLUNK_HOME/etc/auth/cacert.pem): set ca_cert_path", e.getMessage());
  }

  /**
   * The same loopback connection, named two ways: as 127.0.0.1 the chain alone is checked; as a host name that is
   * not a loopback literal, the name is checked too (and the certificate names none), as the HEC host would be.
   */
  @Test
  void loopbackChainOnlyChecksAHostNamedOtherwiseInFull() throws Exception {
    SSLContext client = Tls.context(Settings.builder(URI.create("https://127.0.0.1:8089")).caBundle(splunkCa.pem())
        .hostnameCheck(HostnameCheck.LOOPBACK_CHAIN_ONLY).build());
    try (FakeSplunk fake = FakeSplunk.https(splunkStyle.context(), Fixtures.KEY)) {
      int port = fake.uri().getPort();
      assertDoesNotThrow(() -> handshake(client, "127.0.0.1", port));
      SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> handshake(client, "splunk.example", port));
      assertTrue(String.valueOf(e.getMessage()).contains("No name matching splunk.example")
          || String.valueOf(e.getMessage()).contains("No subject alternative"), e.getMessage());
    }
  }

  private static void handshake(SSLContext client, String asHost, int port) throws IOException {
    try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
        SSLSocket tls = (SSLSocket) client.getSocketFactory().createSocket(plain, asHost, port, false)) {
      SSLParameters p = tls.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(p);
      tls.startHandshake();
    }
  }

  @Test
  void splunkdsCaFileIsTrustedWhenCaCertPathIsNotSet() throws Exception {
    try (FakeSplunk fake = FakeSplunk.https(namesLoopback.context(), Fixtures.KEY)) {
      fake.export().stream(ROW);
      assertEquals("ws1", exportOne(fake, Settings.builder(fake.uri()).splunkdCa(splunkCa.pem()).build()));
      SplunkException e = assertThrows(SplunkException.class, () -> exportOne(fake, Settings.builder(fake.uri()).build()));
      assertTrue(e.getMessage().contains("does not chain to a trusted CA"), e.getMessage());
    }
  }

  @Test
  void caCertPathWinsOverSplunkdsCaFile() {
    try (FakeSplunk fake = FakeSplunk.https(namesLoopback.context(), Fixtures.KEY)) {
      fake.export().stream(ROW);
      Settings s = Settings.builder(fake.uri()).caBundle(otherCa.pem()).splunkdCa(splunkCa.pem()).build();
      SplunkException e = assertThrows(SplunkException.class, () -> exportOne(fake, s));
      assertTrue(e.getMessage().contains("Trusted: the JVM's trust store and ca_cert_path '" + otherCa.pem() + "'."),
          e.getMessage());
    }
  }

  @Test
  void trustIsDescribedInTheAdminsWords() {
    URI local = URI.create("https://127.0.0.1:8089");
    Path ca = Path.of("/opt/splunk/etc/auth/cacert.pem");
    assertEquals("the JVM's trust store and splunkd's CA file '" + ca + "' (ca_cert_path is not set)",
        Settings.builder(local).splunkdCa(ca).build().trustDescription());
    assertEquals("only splunkd's CA file '" + ca + "' (ca_cert_path is not set), the chain alone (loopback_chain_only:"
            + " host names are not checked)",
        Settings.builder(local).splunkdCa(ca).hostnameCheck(HostnameCheck.LOOPBACK_CHAIN_ONLY).build().trustDescription());
    assertEquals("the JVM's trust store and splunkd's CA file '" + ca + "' (ca_cert_path is not set)",
        Settings.builder(URI.create("https://sh1:8089")).splunkdCa(ca).hostnameCheck(HostnameCheck.LOOPBACK_CHAIN_ONLY)
            .build().trustDescription(), "a host that is not loopback is checked in full");
    assertEquals("any certificate (verification is off)", Settings.builder(local).verifyTls(false).build().trustDescription());
  }

  @Test
  void loopbackHostsAreLiteralsAndLocalhost() {
    for (String host : List.of("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LocalHost")) {
      assertTrue(Settings.isLoopback(host), host);
    }
    for (String host : List.of("10.0.0.1", "128.0.0.1", "sh1", "splunk.example", "localhost.example", "::2", "", "[fe80::1]")) {
      assertFalse(Settings.isLoopback(host), host);
    }
    assertFalse(Settings.isLoopback(null));
  }
}
