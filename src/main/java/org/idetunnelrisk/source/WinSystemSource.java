package org.idetunnelrisk.source;

import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;

/** The Windows System log, among it 7045 (a service was installed): product windows, service system. */
final class WinSystemSource implements Source {
  private static final LogSource SYSTEM = new LogSource(null, "windows", "system");

  @Override
  public boolean accepts(Fields f) {
    return WindowsEvents.channel(f, "System") || f.is("Provider", "Service Control Manager");
  }

  @Override
  public void apply(Fields f, Row.Builder row) {
    row.logSource(SYSTEM);
    WindowsEvents.timeAndKey(f, row);
  }
}
