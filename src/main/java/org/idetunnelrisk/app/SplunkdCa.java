package org.idetunnelrisk.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;
import org.idetunnelrisk.splunk.CaCertificates;
import org.idetunnelrisk.splunk.Log;
import org.idetunnelrisk.tuning.ConfFile;
import org.idetunnelrisk.tuning.TuningException;

/**
 * The CA file splunkd itself trusts, so the modular input verifies splunkd's certificate with no setting of its
 * own. By server.conf.spec's {@code [sslConfig]} rules: {@code sslRootCAPath} (a full path) when set, else
 * {@code caCertFile} (default {@code cacert.pem}) relative to {@code caPath} (default
 * {@code $SPLUNK_HOME/etc/auth}); so, as splunkd ships, {@code $SPLUNK_HOME/etc/auth/cacert.pem}. The keys are
 * read from {@code etc/system/default/server.conf} under {@code etc/system/local/server.conf}; a
 * {@code server.conf} in an app is not read. {@code $SPLUNK_HOME} in a value is replaced. {@code SPLUNK_HOME}
 * comes from the environment (splunkd sets it for the inputs it runs).
 *
 * <p>A file that is absent is no CA (a development run); one that is named but absent, or that holds no
 * certificate, is a WARN and no CA: the JVM's trust store still applies, and the TLS error says what to set.
 */
final class SplunkdCa {
  private SplunkdCa() {}

  static Optional<Path> find(Map<String, String> env, Log log) {
    String home = env.get("SPLUNK_HOME");
    if (home == null || home.isBlank()) {
      return Optional.empty();
    }
    Path splunkHome;
    try {
      splunkHome = Path.of(home);
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    Map<String, String> ssl;
    try {
      ssl = conf(splunkHome.resolve("etc/system/default/server.conf"))
          .layer(conf(splunkHome.resolve("etc/system/local/server.conf"))).stanza("sslConfig");
    } catch (IOException | TuningException e) {
      log.warn("splunkd's CA file cannot be told, server.conf does not read (" + e.getMessage() + "); set ca_cert_path"
          + " if splunkd's certificate is not signed by a CA in the JVM's trust store");
      return Optional.empty();
    }
    String setting;
    Path file;
    try {
      String root = blankToNull(ssl.get("sslRootCAPath"));
      if (root != null) {
        setting = "server.conf [sslConfig] sslRootCAPath";
        file = Path.of(expand(root, home));
      } else {
        setting = "server.conf [sslConfig] caCertFile";
        Path caPath = Path.of(expand(Optional.ofNullable(blankToNull(ssl.get("caPath"))).orElse("$SPLUNK_HOME/etc/auth"), home));
        file = caPath.resolve(expand(Optional.ofNullable(blankToNull(ssl.get("caCertFile"))).orElse("cacert.pem"), home));
      }
    } catch (InvalidPathException e) {
      log.warn("splunkd's CA file: server.conf [sslConfig] names no valid path (" + e.getMessage() + "); set ca_cert_path"
          + " if splunkd's certificate is not signed by a CA in the JVM's trust store");
      return Optional.empty();
    }
    if (!Files.isRegularFile(file)) {
      if (setting.endsWith("sslRootCAPath")) {
        log.warn("splunkd's CA file " + file + " (" + setting + ") does not exist; set ca_cert_path if splunkd's"
            + " certificate is not signed by a CA in the JVM's trust store");
      }
      return Optional.empty();
    }
    try {
      CaCertificates.read(file);
    } catch (IOException | GeneralSecurityException e) {
      log.warn("splunkd's CA file " + file + " (" + setting + ") is not trusted: " + e.getMessage() + "; set ca_cert_path"
          + " if splunkd's certificate is not signed by a CA in the JVM's trust store");
      return Optional.empty();
    }
    return Optional.of(file);
  }

  private static ConfFile conf(Path file) throws IOException {
    return Files.isRegularFile(file)
        ? ConfFile.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()) : ConfFile.empty();
  }

  private static String expand(String value, String home) {
    return value.replace("$SPLUNK_HOME", home);
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }
}
