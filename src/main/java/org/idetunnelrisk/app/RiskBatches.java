package org.idetunnelrisk.app;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.splunk.CheckpointException;
import org.idetunnelrisk.splunk.RiskWriteOptions;
import org.idetunnelrisk.splunk.SplunkClient;
import org.idetunnelrisk.splunk.SplunkException;
import org.idetunnelrisk.splunk.WriteResult;

/**
 * Risk events on their way to the risk index, in batches, for both entry points: the modular input's poll of
 * one window ({@link Poller}) and the alert action's results file ({@link ResultsScorer}). Events are held until
 * {@code batchSize} of them are and the caller flushes them between rows, then written by the write-ahead thread ({@link WriteAhead}) while the caller
 * goes on scoring rows: at most one batch is being written and one filled, batches in order, so memory grows
 * with neither rows nor hits.
 *
 * <p>What the two callers keep about each batch is their {@link Ledger}: the modular input saves its checkpoint
 * before each batch (the batch's ids in flight) and, after a batch not wholly written, saves the ids sent
 * without a clear answer as still in flight and stops the poll; the alert action keeps nothing and stops with
 * the count of what was and was not written. A ledger's exception is thrown, as it was thrown, by the next
 * {@link #flush} or by {@link #finish}.
 *
 * <p>For one caller thread; the ledger and the client run on the write-ahead thread.
 */
final class RiskBatches implements AutoCloseable {

  /** What a caller records about each batch; its methods run on the write-ahead thread, one batch at a time. */
  interface Ledger {
    /** Before the batch is sent. */
    void sending(List<RiskEvent> events) throws CheckpointException;

    /** After the batch's answer: records what was written, and throws when not all of it was. */
    void answered(List<RiskEvent> events, WriteResult result) throws IOException, SplunkException, CheckpointException;
  }

  /** Makes the client at the first batch. */
  @FunctionalInterface
  interface Connection {
    SplunkClient connect() throws SplunkException;
  }

  private final int batchSize;
  private final Connection connection;
  /** Whether the client is this writer's own (made at the first batch), to close with it. */
  private final boolean ownsClient;
  private final RiskWriteOptions options;
  private final Ledger ledger;
  private final WriteAhead ahead = new WriteAhead();
  private SplunkClient client;
  private List<RiskEvent> batch = new ArrayList<>();
  private long added;
  /** Risk events written: added to by the write-ahead thread. */
  private final AtomicLong written = new AtomicLong();

  private RiskBatches(int batchSize, Connection connection, boolean ownsClient, RiskWriteOptions options,
      Ledger ledger) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive but was " + batchSize);
    }
    this.batchSize = batchSize;
    this.connection = connection;
    this.ownsClient = ownsClient;
    this.options = options;
    this.ledger = ledger;
  }

  /** Writes through the caller's client, which stays open when this writer closes. */
  static RiskBatches through(SplunkClient client, int batchSize, RiskWriteOptions options, Ledger ledger) {
    return new RiskBatches(batchSize, () -> client, false, options, ledger);
  }

  /**
   * Connects at the first batch (risk events to write; none, no connection) and closes that client with this
   * writer.
   */
  static RiskBatches connectingAtFirstBatch(Connection connection, int batchSize, RiskWriteOptions options,
      Ledger ledger) {
    return new RiskBatches(batchSize, connection, true, options, ledger);
  }

  /** Holds the event until {@link #flush}; callers flush when {@link #full} between rows. */
  void add(RiskEvent event) {
    batch.add(event);
    added++;
  }

  /** Whether a batch's worth is held. */
  boolean full() {
    return batch.size() >= batchSize;
  }

  /** Risk events added: written, being written or held. */
  long added() {
    return added;
  }

  /** Risk events written so far; all of them once {@link #finish} returned. */
  long written() {
    return written.get();
  }

  /** Hands what is held, if anything, to the write-ahead thread, once the batch before it is written. */
  void flush() throws IOException, SplunkException, CheckpointException {
    if (batch.isEmpty()) {
      return;
    }
    if (client == null) {
      client = connection.connect();
    }
    List<RiskEvent> events = batch;
    batch = new ArrayList<>();
    ahead.submit(() -> write(events));
  }

  /** Waits for the last batch; throws when some of it was not written. */
  void finish() throws IOException, SplunkException, CheckpointException {
    ahead.finish();
  }

  private void write(List<RiskEvent> events) throws IOException, SplunkException, CheckpointException {
    ledger.sending(events);
    WriteResult result = client.writeRiskEvents(events, options);
    written.addAndGet(result.writtenIds().size());
    ledger.answered(events, result);
  }

  /** Waits for a batch still being written (so its ledger entries are made), then ends the thread. */
  @Override
  public void close() {
    ahead.close();
    if (ownsClient && client != null) {
      client.close();
    }
  }
}
