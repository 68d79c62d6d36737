package org.idetunnelrisk.source;

import org.idetunnelrisk.engine.Row;

/**
 * One kind of telemetry source. {@link Normalizer} asks each in turn whether it {@link #accepts} a record
 * and lets the first that does {@link #apply} its rules: set the log source, time and event key on the
 * row, and add, move or drop fields before the field table makes the names canonical. Implementations
 * are stateless and thread-safe.
 */
sealed interface Source
    permits SysmonSource, WinSecuritySource, WinSystemSource, WindowsSource, CrowdStrikeSource, StreamSource,
        CimSource, EcsSource, GenericSource {
  boolean accepts(Fields f);

  void apply(Fields f, Row.Builder row);
}
