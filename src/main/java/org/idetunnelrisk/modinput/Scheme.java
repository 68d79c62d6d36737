package org.idetunnelrisk.modinput;

import org.idetunnelrisk.spl.Feed;

import java.util.List;
import java.util.Optional;

/**
 * The {@code ide_tunnel_risk} scheme: the single source of truth for the modular input's parameters. splunkd
 * runs {@code bin/ide_tunnel_risk.sh --scheme} at start-up and registers what {@link #toXml()} prints;
 * {@code README/inputs.conf.spec} and {@code default/inputs.conf} repeat the same arguments and defaults (a
 * test holds them equal).
 *
 * <p>Fixed choices, stated once here: external validation on (splunkd calls {@code --validate-arguments}
 * when an input is created or edited), one process per stanza ({@code use_single_instance} false, so splunkd
 * re-runs us every {@link #INTERVAL_SECONDS} seconds as ESCU schedules its searches: every hour over
 * {@code -70m@m} to {@code -10m@m}), XML streaming. Immutable, thread-safe.
 */
public final class Scheme {
  /** The scheme name: the stanza prefix in inputs.conf and the launcher's base name. */
  public static final String NAME = "ide_tunnel_risk";
  /** The stanza prefix, {@code ide_tunnel_risk://}. */
  public static final String PREFIX = NAME + "://";
  /** The interval default/inputs.conf ships, in seconds. */
  public static final int INTERVAL_SECONDS = 3600;

  public static final String FEEDS = "feeds";
  public static final String WINDOW = "window";
  public static final String LAG = "lag";
  public static final String RISK_INDEX = "risk_index";
  public static final String RULES_DIR = "rules_dir";
  public static final String MAX_ROWS = "max_rows";
  public static final String BATCH_SIZE = "batch_size";
  public static final String LANDED_CHECK_DELAY = "landed_check_delay";
  public static final String DRY_RUN = "dry_run";
  public static final String CA_CERT_PATH = SplunkValues.CA_CERT_PATH;
  public static final String VERIFY_SSL = SplunkValues.VERIFY_SSL;
  public static final String SSL_HOSTNAME_CHECK = SplunkValues.SSL_HOSTNAME_CHECK;

  /** Feeds polled when {@code feeds} is not set: every feed except the two Splunk Stream ones. */
  public static final String DEFAULT_FEEDS =
      "endpoint_processes,sysmon,windows_security,crowdstrike,network_resolution";
  public static final String DEFAULT_WINDOW = "-70m@m";
  public static final String DEFAULT_LAG = "-10m@m";
  public static final String DEFAULT_RISK_INDEX = "risk";
  public static final int DEFAULT_MAX_ROWS = 100_000;
  public static final int MAX_MAX_ROWS = 10_000_000;
  public static final int DEFAULT_BATCH_SIZE = 50;
  public static final int MAX_BATCH_SIZE = 1_000;
  public static final int DEFAULT_LANDED_CHECK_DELAY = 30;
  public static final int MAX_LANDED_CHECK_DELAY = 3_600;
  /** {@code ssl_hostname_check}: the certificate must name the host (the default). */
  public static final String HOSTNAME_STRICT = SplunkValues.HOSTNAME_STRICT;
  /** {@code ssl_hostname_check}: for a loopback server_uri, the chain alone, against the one CA file. */
  public static final String HOSTNAME_LOOPBACK_CHAIN_ONLY = SplunkValues.HOSTNAME_LOOPBACK_CHAIN_ONLY;

  private static final Scheme INSTANCE = new Scheme();

  private final List<Argument> arguments = List.of(
      text(FEEDS, "Feeds",
          "Comma-separated feeds to poll, any of " + Feed.ids().replace(", ", ",")
              + ". Default " + DEFAULT_FEEDS + ".",
          DEFAULT_FEEDS, "<comma-separated list of feeds>"),
      text(WINDOW, "Window start",
          "Earliest time of each poll, a Splunk relative time. Default " + DEFAULT_WINDOW + ".",
          DEFAULT_WINDOW, "<relative time>"),
      text(LAG, "Window end",
          "Latest time of each poll, a Splunk relative time later than the window start and never later"
              + " than now; the lag lets late events arrive. Default " + DEFAULT_LAG + ".",
          DEFAULT_LAG, "<relative time>"),
      text(RISK_INDEX, "Risk index",
          "Index the risk events are written to. Default " + DEFAULT_RISK_INDEX + ".",
          DEFAULT_RISK_INDEX, "<index name>"),
      text(RULES_DIR, "Extra rules folder",
          "Absolute path of a folder of extra Sigma rules loaded after the shipped ones. Default none.",
          "", "<absolute path>"),
      new Argument(MAX_ROWS, "Maximum rows",
          "Most result rows read per feed and poll, 1 to " + MAX_MAX_ROWS + ". Default " + DEFAULT_MAX_ROWS + ".",
          Argument.DataType.NUMBER, false, false, Integer.toString(DEFAULT_MAX_ROWS), "<integer>"),
      new Argument(BATCH_SIZE, "Write batch size",
          "Risk events written per batch, 1 to " + MAX_BATCH_SIZE + "; the checkpoint is saved before each batch,"
              + " with its ids in flight, and at most one batch is held in memory. Default " + DEFAULT_BATCH_SIZE + ".",
          Argument.DataType.NUMBER, false, false, Integer.toString(DEFAULT_BATCH_SIZE), "<integer>"),
      new Argument(LANDED_CHECK_DELAY, "Landed check delay",
          "Seconds allowed for indexing, 0 to " + MAX_LANDED_CHECK_DELAY + ", before a risk event whose write got no"
              + " clear answer, and that the risk index does not hold yet, is taken as not written and sent again."
              + " Default " + DEFAULT_LANDED_CHECK_DELAY + ".",
          Argument.DataType.NUMBER, false, false, Integer.toString(DEFAULT_LANDED_CHECK_DELAY), "<integer>"),
      new Argument(DRY_RUN, "Dry run",
          "When true, score and report but write no risk events. Default false.",
          Argument.DataType.BOOLEAN, false, false, "false", "<boolean>"),
      text(CA_CERT_PATH, "CA certificate",
          "PEM file of the CA that signed splunkd's management certificate, trusted besides the JDK's trust store."
              + " Default none: splunkd's own CA file (server.conf [sslConfig] sslRootCAPath, else"
              + " $SPLUNK_HOME/etc/auth/cacert.pem) when there is one.",
          "", "<absolute path>"),
      new Argument(VERIFY_SSL, "Verify TLS",
          "Verify splunkd's management certificate and host name. Default true.",
          Argument.DataType.BOOLEAN, false, false, "true", "<boolean>"),
      text(SSL_HOSTNAME_CHECK, "TLS host name check",
          HOSTNAME_STRICT + " (the certificate must name the server_uri host) or " + HOSTNAME_LOOPBACK_CHAIN_ONLY
              + " (for a loopback server_uri only: the chain must verify against the CA file alone, ca_cert_path"
              + " or splunkd's, and the names are not checked, as splunkd's default certificate names no host)."
              + " Default " + HOSTNAME_STRICT + ".",
          HOSTNAME_STRICT, "[" + HOSTNAME_STRICT + "|" + HOSTNAME_LOOPBACK_CHAIN_ONLY + "]"));

  private Scheme() {}

  public static Scheme ideTunnelRisk() {
    return INSTANCE;
  }

  public String title() {
    return "IDE Tunnel Risk";
  }

  public String description() {
    return "Scores IDE tunnel activity and writes ES risk events";
  }

  /** The arguments in the order they are printed and documented. */
  public List<Argument> arguments() {
    return arguments;
  }

  public Optional<Argument> argument(String name) {
    return arguments.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /** The input's short name: {@code ide_tunnel_risk://corp} gives {@code corp}; a short name stays as is. */
  public static String shortName(String stanzaName) {
    return stanzaName.startsWith(PREFIX) ? stanzaName.substring(PREFIX.length()) : stanzaName;
  }

  /**
   * The {@code --scheme} document: XML declaration, then {@code scheme} with title, description,
   * use_external_validation, use_single_instance, streaming_mode and one {@code arg} per argument, its
   * children in the SDK order (title, description, data_type, required_on_edit, required_on_create).
   */
  public String toXml() {
    StringBuilder xml = new StringBuilder();
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<scheme>\n");
    element(xml, "  ", "title", title());
    element(xml, "  ", "description", description());
    element(xml, "  ", "use_external_validation", "true");
    element(xml, "  ", "use_single_instance", "false");
    element(xml, "  ", "streaming_mode", "xml");
    xml.append("  <endpoint>\n    <args>\n");
    for (Argument a : arguments) {
      xml.append("      <arg name=\"").append(Xml.escapeAttribute(a.name())).append("\">\n");
      String in = "        ";
      element(xml, in, "title", a.title());
      element(xml, in, "description", a.description());
      element(xml, in, "data_type", a.dataType().xmlName());
      element(xml, in, "required_on_edit", Boolean.toString(a.requiredOnEdit()));
      element(xml, in, "required_on_create", Boolean.toString(a.requiredOnCreate()));
      xml.append("      </arg>\n");
    }
    xml.append("    </args>\n  </endpoint>\n</scheme>\n");
    return xml.toString();
  }

  private static Argument text(String name, String title, String description, String dflt, String spec) {
    return new Argument(name, title, description, Argument.DataType.STRING, false, false, dflt, spec);
  }

  private static void element(StringBuilder xml, String indent, String name, String text) {
    xml.append(indent).append('<').append(name).append('>').append(Xml.escapeText(text))
        .append("</").append(name).append(">\n");
  }
}
