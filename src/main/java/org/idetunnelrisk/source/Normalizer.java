package org.idetunnelrisk.source;

import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.FieldIndex;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.Record;

/**
 * Turns a {@link Record} into an engine {@link Row}: finds the source the record came from, lets that
 * source set the Sigma log source, the event time (epoch seconds) and the event key and adjust its fields,
 * then writes the fields under canonical names through the {@link FieldTable} (which also derives
 * {@code process_name} from {@code Image} and drops Sysmon's {@code -}), then adds what the command line tells
 * an analyst ({@link CommandLineFacts}: tunnel name, id and ports; what was made persistent). What identifies the event, for the
 * ids of its risk events, is {@link EventIdentity}'s to say.
 *
 * <p>First the record's {@link Layout} (Winlogbeat, NXLog, ECS) adds the Windows names its own names stand for.
 * Sources, first match wins: Sysmon (Windows, Linux), Windows Security, Windows System, other Windows
 * channels, CrowdStrike ({@code event_simpleName}), Splunk Stream ({@code sourcetype=stream:*}), CIM
 * datamodel rows, Elastic endpoint events in ECS, and anything else as unknown ({@code LogSource.ANY}). The row's raw text is the
 * record's, or its {@code _raw} field (which is then not kept as a field).
 *
 * <p>Example: {@code Row row = new Normalizer(FieldTable.shipped()).toRow(record);}
 * Immutable and thread-safe.
 */
public final class Normalizer {
  private static final List<Source> SOURCES = List.of(
      new SysmonSource(), new WinSecuritySource(), new WinSystemSource(), new WindowsSource(),
      new CrowdStrikeSource(), new StreamSource(), new CimSource(), new EcsSource(), new GenericSource());

  /**
   * The record fields a source derives other fields from, with the fields it derives from them (Windows
   * Security 4688 moves {@code ProcessId} to {@code ParentProcessId}; 4698 parses {@code TaskContent} into
   * {@code TaskCommand} and {@code TaskArguments}). A filter that reads raw records must count a value of
   * such a field toward the derived ones too. Every derivation a source makes is listed here, and the sources
   * name their fields through these constants.
   */
  public static final Map<String, List<String>> DERIVED_FIELDS = derivedFields();

  private static Map<String, List<String>> derivedFields() {
    Map<String, List<String>> m = new java.util.HashMap<>(Layout.DERIVED);
    m.put(WinSecuritySource.PROCESS_ID, List.of(WinSecuritySource.PARENT_PROCESS_ID));
    m.put(WinSecuritySource.TASK_CONTENT, List.of(WinSecuritySource.TASK_COMMAND, WinSecuritySource.TASK_ARGUMENTS));
    return Map.copyOf(m);
  }

  /**
   * Fields the normalizer adds to a row after the field table ({@link CommandLineFacts}): risk blocks may name
   * them (threat objects, messages); no detection should, since no source record carries them.
   */
  public static final List<String> ANALYST_FIELDS = CommandLineFacts.FIELDS;

  private final FieldTable fields;
  private final FieldIndex index;

  /** Rows whose fields an engine finds by name. */
  public Normalizer(FieldTable fields) {
    this(fields, FieldIndex.NONE);
  }

  /** Rows built for the engine whose {@link org.idetunnelrisk.engine.Engine#fieldIndex()} is {@code index}. */
  public Normalizer(FieldTable fields, FieldIndex index) {
    this.fields = fields;
    this.index = index;
  }

  /** The layout a record's shipper gave it ({@link Layout}), as {@link #toRow} reads it. */
  public static Layout layout(Record r) {
    return Layout.of(r.fields());
  }

  public Row toRow(Record r) {
    return toRow(r, Layout.of(r.fields()));
  }

  /** As {@link #toRow(Record)}, for a record whose {@link #layout} the caller has already told. */
  public Row toRow(Record r, Layout layout) {
    Fields f = new Fields(r.fields());
    layout.apply(f);
    Row.Builder row = Row.builder(index).identity(EventIdentity.GENERAL);
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
    CommandLineFacts.derive(row::first, row::addDerived);
    return row.build();
  }
}
