package org.idetunnelrisk.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS against a self-signed certificate made by the JDK's keytool: refused without a CA bundle,
 * accepted with it, accepted with verification off (and a WARN). A second certificate names another host,
 * to show that the CA bundle keeps host-name checking and verification off drops it.
 */
class TlsTest {
  private static final char[] PASS = "changeit".toCharArray();
  private static final String ROW = "{\"preview\":false,\"result\":{\"dest\":\"ws1\"}}";
  @TempDir static Path dir;
  private static SSLContext goodServer;
  private static SSLContext wrongHostServer;
  private final Fixtures.FakeSleeper sleeper = new Fixtures.FakeSleeper();
  private final Fixtures.RecordingLog log = new Fixtures.RecordingLog();

  @BeforeAll
  static void certificates() throws Exception {
    goodServer = serverContext("good", "ip:127.0.0.1");
    wrongHostServer = serverContext("wrong", "dns:splunk.invalid");
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
      assertEquals(SplunkException.Kind.CONNECTION, e.kind());
      assertTrue(e.getMessage().startsWith("POST /services/search/jobs/export: TLS handshake with 127.0.0.1:"
          + fake.uri().getPort() + " failed (set a CA bundle or check the certificate): SSLHandshakeException"), e.getMessage());
      assertEquals(List.of(), sleeper.slept, "a refused certificate is not retried");
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
      SplunkException e = assertThrows(SplunkException.class,
          () -> exportOne(fake, Settings.builder(fake.uri()).caBundle(dir.resolve("wrong.pem")).build()));
      assertEquals(SplunkException.Kind.CONNECTION, e.kind());
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
  void missingCaBundleIsAClearError() {
    Path missing = dir.resolve("missing.pem");
    SplunkException e = assertThrows(SplunkException.class, () -> Fixtures.client(
        Settings.builder(java.net.URI.create("https://127.0.0.1:8089")).caBundle(missing).build(),
        new SessionKey(Fixtures.KEY), sleeper, log));
    assertEquals("TLS setup: cannot build the TLS context from CA bundle " + missing + ": " + missing, e.getMessage());
  }
}
