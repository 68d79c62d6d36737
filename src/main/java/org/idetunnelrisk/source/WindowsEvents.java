package org.idetunnelrisk.source;

import org.idetunnelrisk.engine.Row;

/** What every Windows event log source shares: event id, channel tests, time and event key. Stateless. */
final class WindowsEvents {
  private WindowsEvents() {}

  /** The event id: {@code EventID} from the XML, or {@code EventCode} as Splunk's Windows add-on names it. */
  static String eventId(Fields f) {
    return f.firstOf("EventID", "EventCode");
  }

  /** Whether the channel is {@code channel}, from {@code Channel} or a Splunk source such as {@code XmlWinEventLog:Security}. */
  static boolean channel(Fields f, String channel) {
    if (f.is("Channel", channel) || f.is("LogName", channel)) {
      return true;
    }
    String source = f.first("source");
    return source != null && source.regionMatches(true, source.indexOf(':') + 1, channel, 0, channel.length())
        && source.length() == source.indexOf(':') + 1 + channel.length();
  }

  /**
   * Sets the time ({@code TimeCreated}, else {@code UtcTime}, else {@code _time}) and the key
   * {@code Computer|Channel|EventRecordID|second} ({@link EventIdentity#windows}).
   */
  static void timeAndKey(Fields f, Row.Builder row) {
    double time = Times.first(Times.iso(f.first("TimeCreated")), Times.iso(f.first("UtcTime")),
        Times.splunk(f.first("_time")));
    row.time(time);
    EventIdentity.windows(f, row, time);
  }
}
