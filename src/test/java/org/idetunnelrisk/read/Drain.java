package org.idetunnelrisk.read;

import java.io.IOException;

/**
 * Test helper for fuzz and hostile-input tests: reads a reader to its end the way {@code scan} does
 * (going on after recoverable errors, stopping at a fatal one) and checks the reader's contract: every
 * error names the input, and the reader makes progress (a bounded number of results for the input's size,
 * so a reader that loops without consuming input fails instead of hanging).
 */
final class Drain {
  private Drain() {}

  /** Reads everything; returns the number of records and errors met. */
  static int drain(RecordReader reader, String origin, long inputBytes) throws IOException {
    return drain(reader, origin, inputBytes, false);
  }

  /**
   * As {@link #drain(RecordReader, String, long)} for an archive: records are named after its members
   * ({@code origin:member}), and {@code inputBytes} is what its members may hold in all.
   */
  static int drainMembers(RecordReader reader, String origin, long inputBytes) throws IOException {
    return drain(reader, origin, inputBytes, true);
  }

  private static int drain(RecordReader reader, String origin, long inputBytes, boolean members) throws IOException {
    long budget = 2 * inputBytes + 16;
    int seen = 0;
    try (reader) {
      while (true) {
        if (++seen > budget) {
          throw new AssertionError("reader made no progress: " + seen + " results from " + inputBytes + " bytes");
        }
        try {
          Record r = reader.next();
          if (r == null) {
            return seen - 1;
          }
          boolean named = members ? r.origin().startsWith(origin + ":") : r.origin().equals(origin);
          if (!named || r.line() < 1 || r.number() < 1) {
            throw new AssertionError("record without its place: " + r.location());
          }
        } catch (InputException e) {
          if (e.getMessage() == null || !e.getMessage().startsWith(origin + ":")) {
            throw new AssertionError("error message without the input's name: " + e.getMessage(), e);
          }
          if (!e.recoverable()) {
            return seen;
          }
        }
      }
    }
  }
}
