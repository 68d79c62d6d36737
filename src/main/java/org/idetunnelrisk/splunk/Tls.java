package org.idetunnelrisk.splunk;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the {@link SSLContext} for a {@link Settings}, and says in the admin's words why a handshake failed.
 * <ul>
 *   <li>Verification off: a trust manager that accepts any chain and, being an {@link X509ExtendedTrustManager}
 *       that skips endpoint identification, any host name.</li>
 *   <li>No CA file ({@link Settings#trustedCa()}): the JVM's trust store.</li>
 *   <li>A CA file, {@link Settings.HostnameCheck#STRICT}: one PKIX trust manager over the JVM's trust store plus
 *       the file's certificates, so host names are still checked.</li>
 *   <li>A CA file, {@link Settings.HostnameCheck#LOOPBACK_CHAIN_ONLY}: {@link LoopbackChainOnly}. A loopback
 *       peer's chain must verify against the CA file alone (pinned: not the JVM's store), its names unchecked;
 *       any other peer is checked as with STRICT. Without a CA file this mode is refused.</li>
 * </ul>
 * Splunk's default certificate ({@code O=SplunkUser, CN=SplunkServerDefaultCert}, signed by the CA in
 * {@code $SPLUNK_HOME/etc/auth/cacert.pem}) names no host, so only the last mode verifies it on 127.0.0.1.
 */
final class Tls {
  private Tls() {}

  /**
   * @throws SplunkException ({@link SplunkException.Kind#TLS}, endpoint {@code TLS setup}) naming
   *     {@code ca_cert_path} and the file when the CA file cannot be read or holds no certificate
   */
  static SSLContext context(Settings settings) throws SplunkException {
    try {
      return context(settings, defaultTrustManager());
    } catch (GeneralSecurityException e) {
      throw setup("cannot build the TLS context: " + e.getMessage());
    }
  }

  /** As {@link #context(Settings)}, with {@code jvm} standing for the JVM's trust store (tests give their own). */
  static SSLContext context(Settings settings, X509TrustManager jvm) throws SplunkException {
    try {
      if (!settings.verifyTls()) {
        return init(new TrustAll());
      }
      if (settings.trustedCa().isEmpty()) {
        if (settings.hostnameCheck() == Settings.HostnameCheck.LOOPBACK_CHAIN_ONLY) {
          throw setup("ssl_hostname_check = loopback_chain_only verifies the chain against one CA, but "
              + Settings.CA_CERT_PATH + " is not set and no splunkd CA file was found (server.conf [sslConfig]"
              + " sslRootCAPath, or $SPLUNK_HOME/etc/auth/cacert.pem): set " + Settings.CA_CERT_PATH);
        }
        return init(pkix(List.of(jvm.getAcceptedIssuers())));
      }
      Path file = settings.trustedCa().get();
      List<X509Certificate> ca;
      try {
        ca = CaCertificates.read(file);
      } catch (IOException | GeneralSecurityException e) {
        String which = settings.caBundle().isPresent() ? Settings.CA_CERT_PATH + " '" + file + "'"
            : "splunkd's CA file '" + file + "' (" + Settings.CA_CERT_PATH + " is not set)";
        throw setup(which + ": " + problem(e));
      }
      List<X509Certificate> all = new ArrayList<>(List.of(jvm.getAcceptedIssuers()));
      all.addAll(ca);
      X509ExtendedTrustManager full = pkix(all);
      return init(settings.hostnameCheck() == Settings.HostnameCheck.LOOPBACK_CHAIN_ONLY
          ? new LoopbackChainOnly(pkix(ca), full) : full);
    } catch (GeneralSecurityException e) {
      throw setup("cannot build the TLS context: " + e.getMessage());
    }
  }

  /** {@code no such file}, {@code not a PEM file of CA certificates: ...}, for the setup message. */
  private static String problem(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof IOException) {
      return "cannot be read: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    return "not a PEM file of CA certificates: " + e.getMessage();
  }

  private static SplunkException setup(String detail) {
    return new SplunkException(SplunkException.Kind.TLS, "TLS setup", 0, detail);
  }

  /**
   * The detail of a failed handshake: what failed, what was trusted, what to do, always naming
   * {@code ca_cert_path}. One line.
   */
  static String handshakeFailure(Settings settings, String hostPort, String host, SSLException e, String cause) {
    String all = causes(e).toLowerCase(Locale.ROOT);
    String what;
    String todo;
    if (all.contains("no subject alternative") || all.contains("no name matching")) {
      what = "the certificate does not name " + host;
      todo = Settings.isLoopback(host)
          ? "Use a certificate that names it, or for this loopback server_uri set ssl_hostname_check ="
              + " loopback_chain_only (modular input), which verifies the chain against the CA in "
              + Settings.CA_CERT_PATH + " and not the names"
          : "Use a certificate that names it (a subject alternative name), or connect to it by a name it holds";
    } else if (all.contains("pkix path") || all.contains("certification path") || all.contains("signature check")) {
      what = "the certificate does not chain to a trusted CA";
      todo = "Set " + Settings.CA_CERT_PATH + " to the PEM file of the CA that signed splunkd's certificate"
          + " (server.conf [sslConfig] sslRootCAPath; by default $SPLUNK_HOME/etc/auth/cacert.pem)";
    } else {
      what = "the handshake was refused";
      todo = "Check " + Settings.CA_CERT_PATH + " and splunkd's certificate and TLS versions";
    }
    return "TLS handshake with " + hostPort + " failed: " + what + " (" + cause + "). Trusted: "
        + settings.trustDescription() + ". " + todo + " (README: TLS).";
  }

  private static String causes(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      b.append(t.getMessage()).append(' ');
    }
    return b.toString();
  }

  private static SSLContext init(TrustManager tm) throws GeneralSecurityException {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {tm}, new SecureRandom());
    return ctx;
  }

  private static X509ExtendedTrustManager pkix(List<X509Certificate> anchors) throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot create an empty key store", e);
    }
    int n = 0;
    for (X509Certificate c : anchors) {
      store.setCertificateEntry("ca-" + n++, c);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("the JVM has no extended X.509 trust manager");
  }

  private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("the JVM has no X.509 trust manager");
  }

  /**
   * {@link Settings.HostnameCheck#LOOPBACK_CHAIN_ONLY}: a peer whose host (as the client named it) is a loopback
   * address gets its chain verified against the pinned CA only, without endpoint identification (the two-argument
   * check); any other peer is checked by {@code full} with endpoint identification, as STRICT. Being an
   * {@link X509ExtendedTrustManager}, it is called as is: the JDK adds no host name check of its own.
   */
  static final class LoopbackChainOnly extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pinned;
    private final X509ExtendedTrustManager full;

    LoopbackChainOnly(X509ExtendedTrustManager pinned, X509ExtendedTrustManager full) {
      this.pinned = pinned;
      this.full = full;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      if (Settings.isLoopback(engine.getPeerHost())) {
        pinned.checkServerTrusted(chain, authType);
      } else {
        full.checkServerTrusted(chain, authType, engine);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      SSLSession session = socket instanceof SSLSocket s ? s.getHandshakeSession() : null;
      if (session != null && Settings.isLoopback(session.getPeerHost())) {
        pinned.checkServerTrusted(chain, authType);
      } else {
        full.checkServerTrusted(chain, authType, socket);
      }
    }

    /** No peer to tell by: checked as a non-loopback peer would be, minus the name it cannot know. */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      full.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("this client does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("this client does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("this client does not accept client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return full.getAcceptedIssuers();
    }
  }

  /** Accepts everything; used only when the admin turned verification off. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
  }
}
