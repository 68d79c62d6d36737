package org.idetunnelrisk.source;

import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;

/**
 * A record of unknown origin, such as a bare Sysmon {@code EventData} without its {@code System} part:
 * log source {@link LogSource#ANY} (every rule applies), time from whatever time field is there
 * ({@code _time}, {@code TimeCreated}, {@code UtcTime}, {@code timestamp}, {@code @timestamp}, {@code EventTime}), no key (the engine derives one).
 */
final class GenericSource implements Source {
  @Override
  public boolean accepts(Fields f) {
    return true;
  }

  @Override
  public void apply(Fields f, Row.Builder row) {
    row.logSource(LogSource.ANY);
    row.time(Times.first(Times.splunk(f.first("_time")), Times.iso(f.first("TimeCreated")),
        Times.iso(f.first("UtcTime")), Times.iso(f.first("timestamp")), Times.iso(f.first("@timestamp")),
        Times.iso(f.first("EventTime"))));
  }
}
