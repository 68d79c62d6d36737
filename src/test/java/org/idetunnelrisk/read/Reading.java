package org.idetunnelrisk.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: reads a whole input, collecting records and the messages of the errors met on the way. */
final class Reading {
  final List<Record> records = new ArrayList<>();
  final List<String> errors = new ArrayList<>();
  List<String> notes = List.of();
  String format;
  boolean fatal;
  long skippedCount;

  static Reading of(RecordReader r) throws IOException {
    Reading out = new Reading();
    out.format = r.format();
    try (r) {
      while (true) {
        try {
          Record rec = r.next();
          if (rec == null) {
            break;
          }
          out.records.add(rec);
        } catch (InputException e) {
          out.errors.add(e.getMessage());
          if (!e.recoverable()) {
            out.fatal = true;
            break;
          }
        }
      }
      out.notes = r.notes();
    }
    return out;
  }

  static Reading text(String text, String origin) throws IOException {
    return of(Readers.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), origin));
  }

  static Reading resource(String name) throws IOException {
    InputStream in = Reading.class.getResourceAsStream("/read/" + name);
    if (in == null) {
      throw new UncheckedIOException(new IOException("missing test resource /read/" + name));
    }
    return of(Readers.open(in, name));
  }

  Record only() {
    if (records.size() != 1) {
      throw new AssertionError("expected one record but read " + records.size() + ": " + records);
    }
    return records.get(0);
  }
}
