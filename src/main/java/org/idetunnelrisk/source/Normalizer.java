package org.idetunnelrisk.source;

import java.util.List;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.Record;

/**
 * Turns a {@link Record} into an engine {@link Row}: finds the source the record came from, lets that
 * source set the Sigma log source, the event time (epoch seconds) and the event key and adjust its fields,
 * then writes the fields under canonical names through the {@link FieldTable} (which also derives
 * {@code process_name} from {@code Image} and drops Sysmon's {@code -}).
 *
 * <p>Sources, first match wins: Sysmon (Windows, Linux), Windows Security, Windows System, other Windows
 * channels, CrowdStrike ({@code event_simpleName}), Splunk Stream ({@code sourcetype=stream:*}), CIM
 * datamodel rows, and anything else as unknown ({@code LogSource.ANY}). The row's raw text is the
 * record's, or its {@code _raw} field (which is then not kept as a field).
 *
 * <p>Example: {@code Row row = new Normalizer(FieldTable.shipped()).toRow(record);}
 * Immutable and thread-safe.
 */
public final class Normalizer {
  private static final List<Source> SOURCES = List.of(
      new SysmonSource(), new WinSecuritySource(), new WinSystemSource(), new WindowsSource(),
      new CrowdStrikeSource(), new StreamSource(), new CimSource(), new GenericSource());

  private final FieldTable fields;

  public Normalizer(FieldTable fields) {
    this.fields = fields;
  }

  public Row toRow(Record r) {
    Fields f = new Fields(r.fields());
    Row.Builder row = Row.builder();
    for (Source s : SOURCES) {
      if (s.accepts(f)) {
        s.apply(f, row);
        break;
      }
    }
    List<String> rawField = f.remove("_raw");
    String raw = r.raw() != null ? r.raw() : rawField == null || rawField.isEmpty() ? null : rawField.get(0);
    row.raw(raw);
    fields.normalize(f.map(), row);
    return row.build();
  }
}
