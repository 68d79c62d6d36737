package org.idetunnelrisk.source;

import java.util.Map;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;

/**
 * Sysmon for Windows (provider {@code Microsoft-Windows-Sysmon}) and for Linux ({@code Linux-Sysmon}).
 * Told by the provider ({@code Provider}, or {@code SourceName} as NXLog writes it), the channel, a Splunk
 * {@code source} or a {@code sourcetype} naming Sysmon. The event id gives the category of the Sigma taxonomy
 * (appendix "Sigma Taxonomy" 2.1.0, Windows folder): 1 process_creation, 2 file_change, 3 network_connection,
 * 4 and 16 sysmon_status, ... 24 clipboard_capture to 29 file_executable_detected, 255 sysmon_error; 12 is
 * registry_add or registry_delete by its {@code EventType} ({@code CreateKey}, {@code DeleteKey},
 * {@code DeleteValue}), 13 registry_set, 14 registry_rename, and a rule of category registry_event takes all
 * of them ({@link LogSource#accepts}). An event id the taxonomy does not name gets a category of its own
 * ({@code sysmon_event_<id>}), so only rules that name no category (or that very one) evaluate it: a process
 * rule never sees Sysmon's other events. The provider gives the product; a Sysmon event also has the service
 * {@code sysmon}. Time from {@code TimeCreated}, else {@code UtcTime}; key from computer, channel and record id.
 */
final class SysmonSource implements Source {
  private static final Map<String, String> CATEGORIES = Map.ofEntries(
      Map.entry("1", "process_creation"),
      Map.entry("2", "file_change"),
      Map.entry("3", "network_connection"),
      Map.entry("4", "sysmon_status"),
      Map.entry("5", "process_termination"),
      Map.entry("6", "driver_load"),
      Map.entry("7", "image_load"),
      Map.entry("8", "create_remote_thread"),
      Map.entry("9", "raw_access_thread"),
      Map.entry("10", "process_access"),
      Map.entry("11", "file_event"),
      Map.entry("13", "registry_set"),
      Map.entry("14", "registry_rename"),
      Map.entry("15", "create_stream_hash"),
      Map.entry("16", "sysmon_status"),
      Map.entry("17", "pipe_created"),
      Map.entry("18", "pipe_created"),
      Map.entry("19", "wmi_event"),
      Map.entry("20", "wmi_event"),
      Map.entry("21", "wmi_event"),
      Map.entry("22", "dns_query"),
      Map.entry("23", "file_delete"),
      Map.entry("24", "clipboard_capture"),
      Map.entry("25", "process_tampering"),
      Map.entry("26", "file_delete_detected"),
      Map.entry("27", "file_block_executable"),
      Map.entry("28", "file_block_shredding"),
      Map.entry("29", "file_executable_detected"),
      Map.entry("255", "sysmon_error"));

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
    row.logSource(new LogSource(category(id, f.first("EventType")), linux ? "linux" : "windows", "sysmon"));
    WindowsEvents.timeAndKey(f, row);
  }

  /** The taxonomy's category of a Sysmon event; null (unknown) for an event without an id. */
  static String category(String id, String eventType) {
    if (id == null) {
      return null;
    }
    if (id.equals("12")) {
      String t = eventType == null ? "" : eventType.strip().toLowerCase(java.util.Locale.ROOT);
      return t.startsWith("create") ? "registry_add" : t.startsWith("delete") ? "registry_delete" : "registry_event";
    }
    return CATEGORIES.getOrDefault(id, "sysmon_event_" + id);
  }
}
