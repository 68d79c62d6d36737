package org.idetunnelrisk.source;

import java.util.List;
import java.util.Map;

/**
 * How a shipper laid out a Windows (or endpoint) event, told by the field names a record has, and what each layout's
 * names are in the Windows event XML's terms, which the sources read ({@code EventID}, {@code Channel},
 * {@code Provider}, {@code Computer}, {@code EventRecordID}, {@code TimeCreated}). Which name is the endpoint is
 * decided here, per layout, not by the field table's global order: NXLog's {@code Hostname} is the endpoint and its
 * {@code host} the collector; Winlogbeat's {@code winlog.computer_name} (else {@code host.name}) is the endpoint.
 *
 * <ul>
 *   <li>{@link #WINLOGBEAT}: Winlogbeat 7 and 8, and Elastic Agent's Windows integration ({@code winlog.event_id},
 *       {@code winlog.channel}, {@code winlog.provider_name}, {@code winlog.computer_name}, {@code winlog.record_id},
 *       {@code @timestamp}; the event's data under {@code winlog.event_data.*}, which the field table strips);
 *   <li>{@link #WINLOGBEAT_6}: Winlogbeat 6 ({@code event_id}, {@code log_name}, {@code source_name},
 *       {@code computer_name}, {@code record_number}, {@code @timestamp}, data under {@code event_data.*});
 *   <li>{@link #NXLOG}: NXLog's im_msvistalog as JSON ({@code Hostname}, {@code EventTime}, {@code SourceName},
 *       {@code Channel}, {@code EventID}, {@code RecordNumber}, the data at the top level; {@code EventTime}
 *       without a zone is the sender's local time, used as UTC only when the event has no {@code UtcTime});
 *   <li>{@link #ECS}: Elastic Agent / Elastic Defend endpoint events in ECS ({@code host.name},
 *       {@code event.category}, {@code process.*}, {@code dns.question.name}, {@code @timestamp}; the field table
 *       maps the ECS names);
 *   <li>{@link #WINEVENTLOG}: Splunk's classic {@code WinEventLog} (the Windows add-on with {@code renderXml = false}),
 *       as the text reader gives it and as a Splunk search over that sourcetype returns its rows: {@code EventCode},
 *       {@code LogName}, {@code ComputerName}, {@code RecordNumber}, {@code SourceName}, and the message's labels
 *       ({@code New_Process_Name}, {@code Process_Command_Line}, {@code Creator_Process_Name}, {@code Task_Name},
 *       {@code Task_Content}, {@code Account_Name}...), named as the XML names them ({@link #WINEVENTLOG_NAMES}):
 *       a 4688 or 4698 gives the row its XML form gives. A label the message repeats is taken in order:
 *       {@code Account_Name}'s first value is the subject's ({@code SubjectUserName}), its second the target's;
 *       {@code SourceName=Microsoft Windows security auditing.} is the provider
 *       {@code Microsoft-Windows-Security-Auditing};
 *   <li>{@link #NATIVE}: everything else, read as it is (Windows event XML, Splunk's XmlWinEventLog, CIM rows,
 *       CrowdStrike, Stream, flat JSON).
 * </ul>
 * A layout only ever adds the Windows names a record lacks; a record's own {@code EventID} or {@code Computer}
 * wins. The names it reads are listed in {@link #DERIVED}, so the raw prefilters count their values toward the
 * names they are copied to. Stateless.
 */
public enum Layout {
  WINLOGBEAT("winlogbeat"),
  WINLOGBEAT_6("winlogbeat-6"),
  NXLOG("nxlog"),
  ECS("ecs"),
  WINEVENTLOG("wineventlog"),
  NATIVE("native");

  /**
   * Classic WinEventLog names (header keys, then message labels as Splunk names them) and the event XML's names for
   * them, in the order they are copied; a name with two XML names gives its first value to the first and its second
 * to the second.
   */
  static final List<Map.Entry<String, List<String>>> WINEVENTLOG_NAMES = List.of(
      Map.entry("EventCode", List.of("EventID")),
      Map.entry("LogName", List.of("Channel")),
      Map.entry("ComputerName", List.of("Computer")),
      Map.entry("RecordNumber", List.of("EventRecordID")),
      Map.entry("New_Process_Name", List.of("NewProcessName")),
      Map.entry("New_Process_ID", List.of("NewProcessId")),
      Map.entry("Process_Command_Line", List.of("CommandLine")),
      Map.entry("Creator_Process_Name", List.of("ParentProcessName")),
      Map.entry("Creator_Process_ID", List.of("ProcessId")),
      Map.entry("Token_Elevation_Type", List.of("TokenElevationType")),
      Map.entry("Mandatory_Label", List.of("MandatoryLabel")),
      Map.entry("Task_Name", List.of("TaskName")),
      Map.entry("Task_Content", List.of("TaskContent")),
      Map.entry("Security_ID", List.of("SubjectUserSid", "TargetUserSid")),
      Map.entry("Account_Name", List.of("SubjectUserName", "TargetUserName")),
      Map.entry("Account_Domain", List.of("SubjectDomainName", "TargetDomainName")),
      Map.entry("Logon_ID", List.of("SubjectLogonId", "TargetLogonId")));

  /** How the Security log's provider is named in classic WinEventLog's {@code SourceName}. */
  private static final String SECURITY_AUDITING_TEXT = "Microsoft Windows security auditing.";

  /** Per layout-specific field name, the Windows names a layout may copy its value to. */
  static final Map<String, List<String>> DERIVED = derived();

  private static Map<String, List<String>> derived() {
    Map<String, List<String>> m = new java.util.HashMap<>();
    WINEVENTLOG_NAMES.forEach(e -> m.put(e.getKey(), e.getValue()));
    m.put("SourceName", List.of("Provider")); // NXLog's and classic WinEventLog's
    m.putAll(Map.ofEntries(
      Map.entry("winlog.event_id", List.of("EventID")),
      Map.entry("winlog.channel", List.of("Channel")),
      Map.entry("winlog.provider_name", List.of("Provider")),
      Map.entry("winlog.computer_name", List.of("Computer")),
      Map.entry("winlog.record_id", List.of("EventRecordID")),
      Map.entry("event.code", List.of("EventID")),
      Map.entry("host.name", List.of("Computer")),
      Map.entry("@timestamp", List.of("TimeCreated")),
      Map.entry("event_id", List.of("EventID")),
      Map.entry("log_name", List.of("Channel")),
      Map.entry("source_name", List.of("Provider")),
      Map.entry("computer_name", List.of("Computer")),
      Map.entry("record_number", List.of("EventRecordID")),
      Map.entry("Hostname", List.of("Computer")),
      Map.entry("EventTime", List.of("TimeCreated"))));
    return Map.copyOf(m);
  }

  private final String label;

  Layout(String label) {
    this.label = label;
  }

  /** The name {@code scan --summary} shows. */
  public String label() {
    return label;
  }

  /** The layout of a record with these field names. */
  public static Layout of(Map<String, ?> record) {
    if (record.containsKey("winlog.event_id") || record.containsKey("winlog.channel")
        || record.containsKey("winlog.provider_name")) {
      return WINLOGBEAT;
    }
    if (record.containsKey("event_id") && (record.containsKey("log_name") || record.containsKey("computer_name")
        || hasPrefix(record, "event_data."))) {
      return WINLOGBEAT_6;
    }
    if (record.containsKey("EventTime") && (record.containsKey("Hostname") || record.containsKey("SourceName")
        || record.containsKey("EventID"))
        || record.containsKey("Hostname") && record.containsKey("SourceName") && record.containsKey("EventID")) {
      return NXLOG;
    }
    if (record.containsKey("host.name") && (record.containsKey("event.category") || record.containsKey("event.code")
        || hasPrefix(record, "process."))) {
      return ECS;
    }
    if (record.containsKey("EventCode") && (record.containsKey("LogName") || record.containsKey("ComputerName")
        || record.containsKey("RecordNumber"))) {
      return WINEVENTLOG;
    }
    return NATIVE;
  }

  private static boolean hasPrefix(Map<String, ?> record, String prefix) {
    for (String k : record.keySet()) {
      if (k.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Adds to {@code f} the Windows names this layout's fields stand for, where {@code f} lacks them. */
  void apply(Fields f) {
    switch (this) {
      case WINLOGBEAT -> {
        copy(f, "EventID", "winlog.event_id", "event.code");
        copy(f, "Channel", "winlog.channel");
        copy(f, "Provider", "winlog.provider_name");
        copy(f, "Computer", "winlog.computer_name", "host.name");
        copy(f, "EventRecordID", "winlog.record_id");
        copy(f, "TimeCreated", "@timestamp");
      }
      case WINLOGBEAT_6 -> {
        copy(f, "EventID", "event_id");
        copy(f, "Channel", "log_name");
        copy(f, "Provider", "source_name");
        copy(f, "Computer", "computer_name");
        copy(f, "EventRecordID", "record_number");
        copy(f, "TimeCreated", "@timestamp");
      }
      case NXLOG -> {
        copy(f, "Computer", "Hostname");
        copy(f, "Provider", "SourceName");
        copy(f, "EventRecordID", "RecordNumber");
        String when = f.first("EventTime");
        if (when != null && (hasZone(when) || f.first("UtcTime") == null)) {
          copy(f, "TimeCreated", "EventTime");
        }
      }
      case ECS -> {
        copy(f, "Computer", "host.name");
        copy(f, "EventID", "event.code");
        copy(f, "TimeCreated", "@timestamp");
      }
      case WINEVENTLOG -> {
        for (Map.Entry<String, List<String>> names : WINEVENTLOG_NAMES) {
          List<String> values = f.map().get(names.getKey());
          List<String> to = names.getValue();
          for (int i = 0; values != null && i < Math.min(to.size(), values.size()); i++) {
            if (f.first(to.get(i)) == null) {
              f.add(to.get(i), values.get(i));
            }
          }
        }
        String provider = f.first("SourceName");
        if (provider != null && f.first("Provider") == null) {
          f.add("Provider", provider.equalsIgnoreCase(SECURITY_AUDITING_TEXT) ? "Microsoft-Windows-Security-Auditing"
              : provider);
        }
      }
      case NATIVE -> { }
      default -> throw new IllegalStateException(name());
    }
  }

  /**
   * Whether a time names its zone ({@code Z} or an offset after the time of day). NXLog's default
   * {@code EventTime} ({@code 2019-05-14 10:12:53}) is the sending host's local time without a zone: it is used,
   * as UTC, only when the event has no {@code UtcTime} (Sysmon's), which is always UTC.
   */
  private static boolean hasZone(String time) {
    String t = time.strip();
    if (t.endsWith("Z") || t.endsWith("z")) {
      return true;
    }
    int colon = t.indexOf(':');
    return colon > 0 && (t.indexOf('+', colon) > 0 || t.indexOf('-', colon) > 0);
  }

  private static void copy(Fields f, String to, String... from) {
    if (f.first(to) != null) {
      return;
    }
    String v = f.firstOf(from);
    if (v != null) {
      f.add(to, v);
    }
  }
}
