package org.idetunnelrisk.read;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A stream of records from one input. Not thread-safe.
 *
 * <p>{@link #next()} returns the next record, or null at the end. A malformed record raises
 * {@link InputException}; when {@link InputException#recoverable()} the reader has skipped it and the
 * caller may go on calling {@code next()}, otherwise the rest of the input is lost and the caller stops.
 */
public interface RecordReader extends Closeable {
  Record next() throws IOException;

  /** The format name, for summaries: {@code xml}, {@code evtx}, {@code jsonl}, {@code csv}. */
  String format();

  /** Records skipped unparsed because a {@link LineFilter} rejected them (0 for readers without one). */
  default long skipped() {
    return 0;
  }

  /**
   * The format of the record {@link #next()} returned last: {@link #format()}, or for a member of an archive the
   * archive's and the member's ({@code zip/jsonl}).
   */
  default String recordFormat() {
    return format();
  }

  /**
   * For an input made of inputs (an archive), the records {@link #skipped()} counts per member that had any, by the
   * members' origins ({@code logs.zip:day1.jsonl}), in reading order; empty for an input that is one input.
   * Complete once {@link #next()} has returned null.
   */
  default Map<String, Long> skippedByMember() {
    return Map.of();
  }

  /**
   * Notes about the input that are not errors, each one line naming it ({@code file: ...}): text skipped
   * before an XML document, a file header that miscounts its chunks. Complete once {@link #next()} has
   * returned null.
   */
  default List<String> notes() {
    return List.of();
  }
}
