package org.idetunnelrisk.splunk.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate authority for TLS tests, made with the JDK's {@code keytool} (no network, no extra library):
 * its certificate as a PEM file ({@link #pem()}), and server certificates it signs, handed out as the server
 * {@link SSLContext} {@link FakeSplunk#https} takes. {@link #splunkStyle()} issues what splunkd ships: subject
 * {@code O=SplunkUser, CN=SplunkServerDefaultCert}, no subject alternative name, so it names no host.
 * Slow to make (a keytool process per step): create one per test class.
 */
public final class FakeCa {
  private static final String PASS = "changeit";
  private final Path dir;
  private final String name;
  private final X509Certificate certificate;
  private final Path pem;
  private int issued;

  private FakeCa(Path dir, String name, X509Certificate certificate, Path pem) {
    this.dir = dir;
    this.name = name;
    this.certificate = certificate;
    this.pem = pem;
  }

  /** A new CA, {@code CN=<name>}, its files in {@code dir}. */
  public static FakeCa create(Path dir, String name) {
    Path store = dir.resolve(name + "-ca.p12");
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3",
        "-dname", "CN=" + name, "-ext", "bc:c", "-keystore", store.toString(), "-storetype", "PKCS12",
        "-storepass", PASS, "-keypass", PASS);
    X509Certificate cert;
    try {
      cert = (X509Certificate) load(store).getCertificate("ca");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    Path pem = dir.resolve(name + "-ca.pem");
    write(pem, List.of(cert));
    return new FakeCa(dir, name, cert, pem);
  }

  /** The CA certificate as PEM: what {@code ca_cert_path} or {@code $SPLUNK_HOME/etc/auth/cacert.pem} holds. */
  public Path pem() {
    return pem;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** A server certificate as splunkd ships its own: {@code O=SplunkUser, CN=SplunkServerDefaultCert}, no SAN. */
  public Server splunkStyle() {
    return issue("O=SplunkUser, CN=SplunkServerDefaultCert", null);
  }

  /** A server certificate with subject {@code dname} and, when not null, {@code san} (keytool form: {@code ip:127.0.0.1}). */
  public Server issue(String dname, String san) {
    int n = ++issued;
    Path store = dir.resolve(name + "-server" + n + ".p12");
    Path csr = dir.resolve(name + "-server" + n + ".csr");
    Path crt = dir.resolve(name + "-server" + n + ".crt");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", dname,
        "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS);
    keytool("-certreq", "-alias", "server", "-keystore", store.toString(), "-storepass", PASS, "-file", csr.toString());
    List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore",
        dir.resolve(name + "-ca.p12").toString(), "-storepass", PASS, "-validity", "2", "-rfc",
        "-infile", csr.toString(), "-outfile", crt.toString()));
    if (san != null) {
      gencert.addAll(List.of("-ext", "SAN=" + san));
    }
    keytool(gencert.toArray(String[]::new));
    try {
      KeyStore ks = load(store);
      PrivateKey key = (PrivateKey) ks.getKey("server", PASS.toCharArray());
      X509Certificate leaf;
      try (InputStream in = Files.newInputStream(crt)) {
        leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      KeyStore chain = KeyStore.getInstance("PKCS12");
      chain.load(null, null);
      chain.setKeyEntry("server", key, PASS.toCharArray(), new Certificate[] {leaf, certificate});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(chain, PASS.toCharArray());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return new Server(ctx, leaf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A server's TLS context (for {@link FakeSplunk#https}) and its certificate. */
  public record Server(SSLContext context, X509Certificate certificate) {}

  /** Writes certificates as PEM blocks. */
  public static void write(Path file, List<X509Certificate> certs) {
    StringBuilder b = new StringBuilder();
    try {
      for (X509Certificate c : certs) {
        b.append("-----BEGIN CERTIFICATE-----\n")
            .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      }
      Files.writeString(file, b.toString(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore load(Path store) {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASS.toCharArray());
      return ks;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void keytool(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
