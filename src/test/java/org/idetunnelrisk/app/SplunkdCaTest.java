package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idetunnelrisk.splunk.Log;
import org.idetunnelrisk.splunk.emulator.FakeCa;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where splunkd's own CA file is found in a Splunk tree, by server.conf's {@code [sslConfig]} rules. */
class SplunkdCaTest {
  @TempDir static Path pki;
  static Path caPem;
  @TempDir Path home;
  final List<String> lines = new ArrayList<>();
  final Log log = (level, message) -> lines.add(level + " " + message);

  @BeforeAll
  static void ca() {
    caPem = FakeCa.create(pki, "SplunkdCaTestCA").pem();
  }

  @BeforeEach
  void tree() throws IOException {
    Files.createDirectories(home.resolve("etc/auth"));
    Files.createDirectories(home.resolve("etc/system/default"));
    Files.createDirectories(home.resolve("etc/system/local"));
  }

  Optional<Path> find() {
    return SplunkdCa.find(Map.of("SPLUNK_HOME", home.toString()), log);
  }

  @Test
  void asSplunkdShipsItIsEtcAuthCacertPem() throws IOException {
    Files.copy(caPem, home.resolve("etc/auth/cacert.pem"));
    assertEquals(Optional.of(home.resolve("etc/auth/cacert.pem")), find());
    assertEquals(List.of(), lines);
  }

  @Test
  void withoutSplunkHomeOrTheFileThereIsNone() {
    assertEquals(Optional.empty(), SplunkdCa.find(Map.of(), log));
    assertEquals(Optional.empty(), find());
    assertEquals(List.of(), lines, "an absent default file is no warning");
  }

  @Test
  void sslRootCaPathInLocalServerConfWins() throws IOException {
    Files.copy(caPem, home.resolve("etc/auth/cacert.pem"));
    Files.copy(caPem, home.resolve("etc/auth/corp-root.pem"));
    Files.writeString(home.resolve("etc/system/default/server.conf"), "[sslConfig]\ncaCertFile = cacert.pem\n");
    Files.writeString(home.resolve("etc/system/local/server.conf"),
        "[general]\nserverName = sh1\n\n[sslConfig]\nsslRootCAPath = $SPLUNK_HOME/etc/auth/corp-root.pem\n");
    assertEquals(Optional.of(home.resolve("etc/auth/corp-root.pem")), find());
  }

  @Test
  void caCertFileIsRelativeToCaPath() throws IOException {
    Files.createDirectories(home.resolve("certs"));
    Files.copy(caPem, home.resolve("certs/myca.pem"));
    Files.writeString(home.resolve("etc/system/local/server.conf"),
        "[sslConfig]\ncaPath = $SPLUNK_HOME/certs\ncaCertFile = myca.pem\n");
    assertEquals(Optional.of(home.resolve("certs/myca.pem")), find());
  }

  @Test
  void aNamedRootCaPathThatIsMissingIsAWarning() throws IOException {
    Files.writeString(home.resolve("etc/system/local/server.conf"), "[sslConfig]\nsslRootCAPath = /nowhere/ca.pem\n");
    assertEquals(Optional.empty(), find());
    assertEquals(List.of("WARN splunkd's CA file /nowhere/ca.pem (server.conf [sslConfig] sslRootCAPath) does not exist;"
        + " set ca_cert_path if splunkd's certificate is not signed by a CA in the JVM's trust store"), lines);
  }

  @Test
  void aFileThatHoldsNoCertificateIsAWarningAndNotTrusted() throws IOException {
    Files.writeString(home.resolve("etc/auth/cacert.pem"), "");
    assertEquals(Optional.empty(), find());
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("WARN splunkd's CA file " + home.resolve("etc/auth/cacert.pem")
        + " (server.conf [sslConfig] caCertFile) is not trusted: no certificate in it"), lines.get(0));
  }
}
