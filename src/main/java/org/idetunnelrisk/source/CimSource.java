package org.idetunnelrisk.source;

import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;

/**
 * Rows from Splunk's CIM datamodels, as {@code tstats} returns them ({@code Processes.process_name}) or
 * after {@code drop_dm_object_name}: Endpoint.Processes rows ({@code Processes.*}, or {@code process_name}
 * with {@code process} and no event id) are process_creation; Network_Resolution rows ({@code DNS.*},
 * {@code Network_Resolution.*}, or {@code query} with {@code src}) dns_query; Endpoint.Filesystem rows
 * file_event; Web rows proxy. Time from {@code _time}; identity from that time and the fields that tell the
 * event apart, never tstats' aggregates ({@link EventIdentity#datamodel}).
 */
final class CimSource implements Source {
  private static final LogSource PROCESS = new LogSource("process_creation", null, null);
  private static final LogSource DNS = new LogSource("dns_query", null, null);
  private static final LogSource FILE = new LogSource("file_event", null, null);
  private static final LogSource PROXY = new LogSource("proxy", null, null);

  @Override
  public boolean accepts(Fields f) {
    return category(f) != null;
  }

  private static LogSource category(Fields f) {
    boolean eventId = f.has("EventID") || f.has("EventCode");
    if (f.hasPrefix("Processes.") || (!eventId && f.has("process_name") && f.has("process"))) {
      return PROCESS;
    }
    if (f.hasPrefix("DNS.") || f.hasPrefix("Network_Resolution.") || (!eventId && f.has("query") && f.has("src"))) {
      return DNS;
    }
    if (f.hasPrefix("Filesystem.")) {
      return FILE;
    }
    if (f.hasPrefix("Web.")) {
      return PROXY;
    }
    return null;
  }

  @Override
  public void apply(Fields f, Row.Builder row) {
    LogSource category = category(f);
    row.logSource(category);
    row.time(Times.splunk(f.first("_time")));
    row.identity(EventIdentity.datamodel(category));
  }
}
