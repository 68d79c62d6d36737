package org.idetunnelrisk.source;

import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;

/**
 * Splunk Stream wire data, told by {@code sourcetype}: {@code stream:dns} is Sigma's dns_query,
 * {@code stream:http} its proxy category; other Stream protocols are of unknown category. Time from
 * {@code _time}, else Stream's own {@code timestamp}, else {@code endtime}.
 */
final class StreamSource implements Source {
  private static final LogSource DNS = new LogSource("dns_query", null, null);
  private static final LogSource PROXY = new LogSource("proxy", null, null);

  @Override
  public boolean accepts(Fields f) {
    String st = f.first("sourcetype");
    return st != null && st.startsWith("stream:");
  }

  @Override
  public void apply(Fields f, Row.Builder row) {
    String st = f.first("sourcetype");
    row.logSource(st.equals("stream:dns") ? DNS : st.equals("stream:http") ? PROXY : LogSource.ANY);
    row.time(Times.first(Times.splunk(f.first("_time")), Times.iso(f.first("timestamp")), Times.iso(f.first("endtime"))));
  }
}
