package org.idetunnelrisk.modinput;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The telemetry families the modular input can poll; each maps to the data-source macro
 * {@code ide_tunnel_risk_<name>_index} and filter macro {@code ide_tunnel_risk_<name>_filter} in macros.conf.
 */
public enum Feed {
  /** CIM Endpoint.Processes data model. */
  ENDPOINT_PROCESSES,
  /** Sysmon Operational log (process, network, DNS events). */
  SYSMON,
  /** Windows Security log (4688 process creation, 4698 scheduled tasks). */
  WINDOWS_SECURITY,
  /** CrowdStrike Falcon events. */
  CROWDSTRIKE,
  /** CIM Network_Resolution data model (DNS). */
  NETWORK_RESOLUTION,
  /** Splunk Stream DNS. */
  STREAM_DNS,
  /** Splunk Stream HTTP. */
  STREAM_HTTP;

  /** The name used in inputs.conf and macro names, e.g. {@code endpoint_processes}. */
  public String confName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Feed> byConfName(String text) {
    String wanted = text.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.confName().equals(wanted)).findFirst();
  }

  /** All conf names joined by {@code ", "}, for messages. */
  public static String allConfNames() {
    return Arrays.stream(values()).map(Feed::confName).collect(Collectors.joining(", "));
  }
}
