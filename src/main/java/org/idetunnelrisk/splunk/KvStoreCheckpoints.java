package org.idetunnelrisk.splunk;

import com.google.gson.JsonObject;
import java.util.Optional;

/**
 * Checkpoints in the KV store collection {@value #COLLECTION} of the app, one record per key, with a
 * {@link FileCheckpoints} fallback: when the KV store is unavailable (503 or no connection) a save goes to
 * the file and a load reads the file; the first fallback is logged as a WARN. A load with both present
 * returns the one with the later {@code latest} (so a save made to the file during an outage is not lost).
 * Other KV store failures (401, 403, 500) are {@link CheckpointException}s. Thread-safe.
 */
public final class KvStoreCheckpoints implements CheckpointStore {
  public static final String COLLECTION = "ide_tunnel_risk_state";

  private final SplunkClient client;
  private final FileCheckpoints fallback;
  private final Log log;
  private volatile boolean warned;

  public KvStoreCheckpoints(SplunkClient client, FileCheckpoints fallback, Log log) {
    this.client = client;
    this.fallback = fallback;
    this.log = log;
  }

  @Override
  public Optional<Checkpoint> load(String key) throws CheckpointException {
    Optional<Checkpoint> fromFile = fallback.load(key);
    Optional<JsonObject> record;
    try {
      record = client.kvGet(COLLECTION, key);
    } catch (SplunkException e) {
      if (unavailable(e)) {
        fellBack(e);
        return fromFile;
      }
      throw new CheckpointException("cannot read checkpoint '" + key + "' from the KV store: " + e.getMessage(), e);
    }
    Optional<Checkpoint> fromKv;
    try {
      fromKv = record.map(o -> Checkpoint.fromJson(key, o));
    } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
      throw new CheckpointException("KV store record '" + key + "' in " + COLLECTION
          + " is not a checkpoint record: " + e.getMessage(), e);
    }
    if (fromKv.isPresent() && fromFile.isPresent()) {
      return fromFile.get().latest() > fromKv.get().latest() ? fromFile : fromKv;
    }
    return fromKv.isPresent() ? fromKv : fromFile;
  }

  @Override
  public void save(Checkpoint checkpoint) throws CheckpointException {
    try {
      client.kvPut(COLLECTION, checkpoint.key(), checkpoint.toJson());
    } catch (SplunkException e) {
      if (!unavailable(e)) {
        throw new CheckpointException("cannot save checkpoint '" + checkpoint.key() + "' to the KV store: "
            + e.getMessage(), e);
      }
      fellBack(e);
      fallback.save(checkpoint);
    }
  }

  private static boolean unavailable(SplunkException e) {
    return e.kind() == SplunkException.Kind.UNAVAILABLE || e.kind() == SplunkException.Kind.CONNECTION;
  }

  private void fellBack(SplunkException e) {
    if (!warned) {
      warned = true;
      log.warn("KV store unavailable, using checkpoint files instead: " + e.getMessage());
    }
  }
}
