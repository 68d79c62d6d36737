package org.idetunnelrisk.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.idetunnelrisk.splunk.Log;
import org.idetunnelrisk.splunk.Settings;
import org.idetunnelrisk.splunk.Settings.HostnameCheck;

/**
 * The TLS settings an input stanza and the alert action share ({@code verify_ssl}, {@code ca_cert_path},
 * {@code ssl_hostname_check}), applied to the REST client's settings one way for both: {@code ca_cert_path} when
 * set; else, with verification on, splunkd's own CA file ({@link SplunkdCa}); the host name checked unless
 * {@code loopback_chain_only}. Stateless.
 */
final class ClientTls {
  private ClientTls() {}

  /**
   * Sets verification, host name check and the CA file on {@code cs}; {@code env} is where {@code SPLUNK_HOME} is
   * read from, {@code log} takes the WARN of a splunkd CA file that is named but not usable.
   */
  static Settings.Builder apply(Settings.Builder cs, boolean verifySsl, boolean loopbackChainOnly,
      Optional<Path> caCertPath, Map<String, String> env, Log log) {
    cs.verifyTls(verifySsl)
        .hostnameCheck(loopbackChainOnly ? HostnameCheck.LOOPBACK_CHAIN_ONLY : HostnameCheck.STRICT);
    caCertPath.ifPresent(cs::caBundle);
    if (caCertPath.isEmpty() && verifySsl) {
      SplunkdCa.find(env, log).ifPresent(cs::splunkdCa);
    }
    return cs;
  }
}
