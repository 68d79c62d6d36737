package org.idetunnelrisk.source;

import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;

/** Any other Windows event log channel (an event with a {@code System} part): product windows only. */
final class WindowsSource implements Source {
  private static final LogSource WINDOWS = new LogSource(null, "windows", null);

  @Override
  public boolean accepts(Fields f) {
    return f.has("EventRecordID") && (f.has("Channel") || f.has("Provider"));
  }

  @Override
  public void apply(Fields f, Row.Builder row) {
    row.logSource(WINDOWS);
    WindowsEvents.timeAndKey(f, row);
  }
}
