package org.idetunnelrisk.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.InputException;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;

/** Test helper: a test resource read and normalised with the shipped field table; any read error fails. */
final class Rows {
  static final Normalizer NORMALIZER = new Normalizer(FieldTable.shipped());

  private Rows() {}

  static List<Row> of(String resource) throws IOException {
    InputStream in = Rows.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("missing test resource " + resource);
    }
    return of(Readers.open(in, resource));
  }

  static List<Row> of(RecordReader reader) throws IOException {
    List<Row> out = new ArrayList<>();
    try (reader) {
      for (Record r; (r = reader.next()) != null; ) {
        out.add(NORMALIZER.toRow(r));
      }
    } catch (InputException e) {
      throw new AssertionError("unexpected read error: " + e.getMessage(), e);
    }
    return out;
  }

  static List<String> values(Row row, String field) {
    return List.of(row.values(field));
  }
}
