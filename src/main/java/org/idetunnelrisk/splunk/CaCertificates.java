package org.idetunnelrisk.splunk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads a CA file as the TLS client will: every certificate in it, PEM blocks (or DER). */
public final class CaCertificates {
  private CaCertificates() {}

  /**
   * The certificates of {@code file}.
   *
   * @throws GeneralSecurityException when the file holds no certificate or one that does not parse
   * @throws IOException when it cannot be read
   */
  public static List<X509Certificate> read(Path file) throws IOException, GeneralSecurityException {
    List<X509Certificate> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        out.add((X509Certificate) c);
      }
    }
    if (out.isEmpty()) {
      throw new CertificateException("no certificate in it (expected PEM blocks '-----BEGIN CERTIFICATE-----')");
    }
    return out;
  }
}
