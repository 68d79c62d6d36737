package org.idetunnelrisk.splunk;

import java.util.Optional;

/** Loads and saves {@link Checkpoint}s by key. Implementations are thread-safe. */
public interface CheckpointStore {

  /** The checkpoint for the key, empty when none was ever saved. */
  Optional<Checkpoint> load(String key) throws CheckpointException;

  /** Saves the checkpoint under its key, replacing what was there; durable when this returns. */
  void save(Checkpoint checkpoint) throws CheckpointException;
}
