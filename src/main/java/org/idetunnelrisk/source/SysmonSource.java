package org.idetunnelrisk.source;

import java.util.Map;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;

/**
 * Sysmon for Windows (provider {@code Microsoft-Windows-Sysmon}) and for Linux ({@code Linux-Sysmon}).
 * Told by the provider ({@code Provider}, or {@code SourceName} as NXLog writes it), the channel, a Splunk
 * {@code source} or a {@code sourcetype} naming Sysmon. The event id gives the Sigma category: 1 process_creation, 3 network_connection, 7 image_load,
 * 11 file_event, 22 dns_query and the other categories Sigma names; the provider gives the product.
 * Time from {@code TimeCreated}, else {@code UtcTime}; key from computer, channel and record id.
 */
final class SysmonSource implements Source {
  private static final Map<String, String> CATEGORIES = Map.ofEntries(
      Map.entry("1", "process_creation"),
      Map.entry("2", "file_change"),
      Map.entry("3", "network_connection"),
      Map.entry("5", "process_termination"),
      Map.entry("6", "driver_load"),
      Map.entry("7", "image_load"),
      Map.entry("8", "create_remote_thread"),
      Map.entry("9", "raw_access_thread"),
      Map.entry("10", "process_access"),
      Map.entry("11", "file_event"),
      Map.entry("12", "registry_event"),
      Map.entry("13", "registry_set"),
      Map.entry("14", "registry_rename"),
      Map.entry("15", "create_stream_hash"),
      Map.entry("17", "pipe_created"),
      Map.entry("18", "pipe_created"),
      Map.entry("22", "dns_query"),
      Map.entry("23", "file_delete"),
      Map.entry("26", "file_delete"));

  @Override
  public boolean accepts(Fields f) {
    return f.is("Provider", "Microsoft-Windows-Sysmon") || f.is("Provider", "Linux-Sysmon")
        || f.is("SourceName", "Microsoft-Windows-Sysmon")
        || f.is("Channel", "Microsoft-Windows-Sysmon/Operational") || f.is("Channel", "Linux-Sysmon/Operational")
        || WindowsEvents.channel(f, "Microsoft-Windows-Sysmon/Operational")
        || f.contains("sourcetype", "sysmon");
  }

  @Override
  public void apply(Fields f, Row.Builder row) {
    boolean linux = f.is("Provider", "Linux-Sysmon") || f.is("Channel", "Linux-Sysmon/Operational")
        || f.contains("sourcetype", "linux");
    String id = WindowsEvents.eventId(f);
    String category = id == null ? null : CATEGORIES.get(id); // an event without an id is generic Sysmon
    row.logSource(new LogSource(category, linux ? "linux" : "windows", category == null ? "sysmon" : null));
    WindowsEvents.timeAndKey(f, row);
  }
}
