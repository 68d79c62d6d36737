package org.idetunnelrisk.splunk;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach splunkd, built and checked once at the boundary (input stanza, alert payload, CLI options).
 * Immutable and thread-safe.
 *
 * <p>Defaults (see {@link Builder}): TLS verified ({@link #DEFAULT_VERIFY_TLS}), host names checked
 * ({@link HostnameCheck#STRICT}); no extra CA bundle and no splunkd CA file; connect
 * timeout 10 s; export request timeout 300 s, other requests 60 s (time until the response headers arrive;
 * the export body itself has no read deadline); 3 retries with exponential backoff from 1 s to at most 30 s
 * with jitter, {@code Retry-After} honoured up to 120 s; risk index {@code risk}.
 *
 * @param serverUri the management URI, e.g. {@code https://127.0.0.1:8089} (no path)
 * @param verifyTls false accepts any certificate and host name (logged as a WARN once per client)
 * @param caBundle PEM file of extra trusted certificates, added to the JVM's default trust: the setting
 *     {@code ca_cert_path} of the input stanza or alert action
 * @param splunkdCa the CA file splunkd itself trusts (found in the Splunk installation), used in place of
 *     {@code caBundle} when that is not set
 * @param hostnameCheck whether the certificate must name the host, or (for a loopback host only) its chain
 *     alone is verified against the CA file
 * @param connectTimeout TCP/TLS connect timeout
 * @param exportTimeout time until export response headers arrive
 * @param requestTimeout time until other responses arrive
 * @param retries retries after the first attempt for retryable failures
 * @param backoffBase first backoff delay
 * @param backoffMax largest backoff delay
 * @param retryAfterMax largest {@code Retry-After} honoured
 * @param riskIndex index for risk events
 */
public record Settings(
    URI serverUri,
    boolean verifyTls,
    Optional<Path> caBundle,
    Optional<Path> splunkdCa,
    HostnameCheck hostnameCheck,
    Duration connectTimeout,
    Duration exportTimeout,
    Duration requestTimeout,
    int retries,
    Duration backoffBase,
    Duration backoffMax,
    Duration retryAfterMax,
    String riskIndex) {

  public static final boolean DEFAULT_VERIFY_TLS = true;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(300);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_RETRIES = 3;
  public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofSeconds(1);
  public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RETRY_AFTER_MAX = Duration.ofSeconds(120);
  public static final String DEFAULT_RISK_INDEX = "risk";
  /** The setting of the input stanza and alert action that names the CA file; every TLS message names it. */
  public static final String CA_CERT_PATH = "ca_cert_path";

  /** How the server certificate's names are checked. */
  public enum HostnameCheck {
    /** The certificate must name the host the client connects to (a subject alternative name), as HTTPS does. */
    STRICT,
    /**
     * For a loopback host ({@code 127.0.0.0/8}, {@code ::1}, {@code localhost}) the chain must verify against the
     * CA file alone (ca_cert_path, else splunkd's CA; not the JVM's trust store) and the names are not checked;
     * any other host is checked as {@link #STRICT}. For splunkd's own certificate, which names no host.
     */
    LOOPBACK_CHAIN_ONLY
  }

  public Settings {
    Objects.requireNonNull(serverUri, "serverUri");
    Objects.requireNonNull(caBundle, "caBundle");
    Objects.requireNonNull(splunkdCa, "splunkdCa");
    Objects.requireNonNull(hostnameCheck, "hostnameCheck");
    requirePositive(connectTimeout, "connect timeout");
    requirePositive(exportTimeout, "export timeout");
    requirePositive(requestTimeout, "request timeout");
    requirePositive(backoffBase, "backoff base");
    requirePositive(backoffMax, "backoff max");
    requirePositive(retryAfterMax, "Retry-After max");
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be 0 or more but was " + retries);
    }
    if (riskIndex == null || !riskIndex.matches("[a-z0-9_][a-z0-9_-]*")) {
      throw new IllegalArgumentException("risk index must be a Splunk index name but was '" + riskIndex + "'");
    }
    checkUri(serverUri, "server URI");
  }

  /** The CA file trusted with the JVM's trust store: {@link #caBundle()}, else {@link #splunkdCa()}. */
  public Optional<Path> trustedCa() {
    return caBundle.or(() -> splunkdCa);
  }

  /**
   * What a TLS connection trusts, in the admin's words, for messages: {@code the JVM's trust store and
   * ca_cert_path '/opt/ca.pem'}, {@code the JVM's trust store and splunkd's CA file '...' (ca_cert_path is not
   * set)}, {@code the JVM's trust store only (ca_cert_path is not set and no splunkd CA file is in use)}; with
   * {@link HostnameCheck#LOOPBACK_CHAIN_ONLY} on a loopback server, only the CA file, names unchecked.
   */
  public String trustDescription() {
    if (!verifyTls) {
      return "any certificate (verification is off)";
    }
    String file = caBundle.map(p -> CA_CERT_PATH + " '" + p + "'")
        .or(() -> splunkdCa.map(p -> "splunkd's CA file '" + p + "' (" + CA_CERT_PATH + " is not set)"))
        .orElse(null);
    if (hostnameCheck == HostnameCheck.LOOPBACK_CHAIN_ONLY && isLoopback(serverUri.getHost())) {
      return (file == null ? "no CA (" + CA_CERT_PATH + " is not set and no splunkd CA file is in use)" : "only " + file)
          + ", the chain alone (loopback_chain_only: host names are not checked)";
    }
    return file == null
        ? "the JVM's trust store only (" + CA_CERT_PATH + " is not set and no splunkd CA file is in use)"
        : "the JVM's trust store and " + file;
  }

  /**
   * Whether a host, as written in a URI, is a loopback address: an IPv4 literal in {@code 127.0.0.0/8}, the
   * IPv6 literal {@code ::1} (with or without brackets), or {@code localhost}. Names are not looked up.
   */
  public static boolean isLoopback(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+") && !h.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      return false;
    }
    try {
      // a literal: parsed, never resolved
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Defaults for the given server. */
  public static Builder builder(URI serverUri) {
    return new Builder(serverUri);
  }

  /**
   * Parses {@code server_uri} as splunkd gives it; a bare {@code host:port} means https.
   *
   * @throws IllegalArgumentException naming the value when it is not an http(s) URI with a host
   */
  public static URI parseServerUri(String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("server URI is empty");
    }
    if (!t.contains("://")) {
      t = "https://" + t;
    }
    URI uri;
    try {
      uri = new URI(t);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("server URI '" + text + "' is not a URI: " + e.getReason(), e);
    }
    checkUri(uri, "server URI");
    return uri;
  }

  private static void checkUri(URI uri, String what) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException(what + ": expected scheme http or https but was '" + uri + "'");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(what + ": no host in '" + uri + "'");
    }
  }

  private static void requirePositive(Duration d, String what) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive but was " + d);
    }
  }

  /** Mutable builder, one per boundary; {@link #build()} checks everything. */
  public static final class Builder {
    private final URI serverUri;
    private boolean verifyTls = DEFAULT_VERIFY_TLS;
    private Path caBundle;
    private Path splunkdCa;
    private HostnameCheck hostnameCheck = HostnameCheck.STRICT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration exportTimeout = DEFAULT_EXPORT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int retries = DEFAULT_RETRIES;
    private Duration backoffBase = DEFAULT_BACKOFF_BASE;
    private Duration backoffMax = DEFAULT_BACKOFF_MAX;
    private Duration retryAfterMax = DEFAULT_RETRY_AFTER_MAX;
    private String riskIndex = DEFAULT_RISK_INDEX;

    private Builder(URI serverUri) {
      this.serverUri = serverUri;
    }

    public Builder verifyTls(boolean v) { verifyTls = v; return this; }
    public Builder caBundle(Path v) { caBundle = v; return this; }
    public Builder splunkdCa(Path v) { splunkdCa = v; return this; }
    public Builder hostnameCheck(HostnameCheck v) { hostnameCheck = v; return this; }
    public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
    public Builder exportTimeout(Duration v) { exportTimeout = v; return this; }
    public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
    public Builder retries(int v) { retries = v; return this; }
    public Builder backoff(Duration base, Duration max) { backoffBase = base; backoffMax = max; return this; }
    public Builder retryAfterMax(Duration v) { retryAfterMax = v; return this; }
    public Builder riskIndex(String v) { riskIndex = v; return this; }

    public Settings build() {
      return new Settings(serverUri, verifyTls, Optional.ofNullable(caBundle), Optional.ofNullable(splunkdCa),
          hostnameCheck, connectTimeout, exportTimeout,
          requestTimeout, retries, backoffBase, backoffMax, retryAfterMax, riskIndex);
    }
  }
}
