package org.idetunnelrisk.splunk;

import java.util.List;
import java.util.Map;

/**
 * Result rows read one at a time from a response body. Not thread-safe; close it (try-with-resources)
 * to release the connection even when not read to the end.
 */
public interface ResultStream extends AutoCloseable {

  /**
   * The next final row, field name to values (one value for single-valued fields), or null at the end.
   *
   * @throws SplunkException {@code SEARCH_ERROR} for a FATAL/ERROR message in the stream, {@code PROTOCOL}
   *     for a cut or malformed stream (the message says how many rows were read before)
   */
  Map<String, List<String>> next() throws SplunkException;

  /** Rows handed out so far. */
  long rowsRead();

  @Override
  void close();
}
