package org.idetunnelrisk.splunk;

import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checkpoints in a {@link FileCheckpoints} file and in the KV store collection {@value #COLLECTION} of the
 * app (one record per key), with one truth between them:
 * <ul>
 *   <li>Every save gets the key's next {@link Checkpoint#seq() seq} and is written to the file first, then to
 *       the KV store. The file therefore always holds this host's newest save; the KV store holds it too, or
 *       an older one when a KV write failed, or a newer one saved by another host sharing the collection.</li>
 *   <li>A load reads both and keeps the {@linkplain Checkpoint#newer newer}: the higher {@code seq}.</li>
 *   <li>KV store calls are made once, never retried. When the KV store does not answer (503 such as "KV Store
 *       is initializing", a timeout) or splunkd cannot be reached at all (no connection), the store says so
 *       once, as a WARN naming which of the two it was and the reason, and goes on with the file alone, asking
 *       again at most every {@link #PROBE_EVERY}; when it answers again that is said once, at INFO. A down KV
 *       store therefore costs one request per {@link #PROBE_EVERY}, not a retry storm per save.</li>
 *   <li>Other failures (401, 403, 500, and a refused TLS handshake, which is a setting to fix and not an
 *       outage) are {@link CheckpointException}s carrying the cause's message.</li>
 * </ul>
 * Thread-safe.
 */
public final class KvStoreCheckpoints implements CheckpointStore {
  public static final String COLLECTION = "ide_tunnel_risk_state";
  /** How often a KV store that did not answer is asked again. */
  public static final Duration PROBE_EVERY = Duration.ofSeconds(30);

  private final SplunkClient client;
  private final FileCheckpoints file;
  private final Log log;
  private final Clock clock;
  private final Map<String, Long> seqs = new ConcurrentHashMap<>();
  /** While the KV store is not answering: when to ask it again (clock millis); -1 while it answers. */
  private long retryAt = -1;

  public KvStoreCheckpoints(SplunkClient client, FileCheckpoints file, Log log) {
    this(client, file, log, Clock.systemUTC());
  }

  public KvStoreCheckpoints(SplunkClient client, FileCheckpoints file, Log log, Clock clock) {
    this.client = client;
    this.file = file;
    this.log = log;
    this.clock = clock;
  }

  @Override
  public Optional<Checkpoint> load(String key) throws CheckpointException {
    Optional<Checkpoint> fromFile = file.load(key);
    Optional<Checkpoint> fromKv = Optional.empty();
    if (kvWorthAsking()) {
      Optional<JsonObject> record;
      try {
        record = client.kvGet(COLLECTION, key);
        answered();
      } catch (SplunkException e) {
        if (!unavailable(e)) {
          throw new CheckpointException("cannot read checkpoint '" + key + "' from the KV store: " + e.getMessage(), e);
        }
        notAnswering(e);
        record = Optional.empty();
      }
      try {
        fromKv = record.map(o -> Checkpoint.fromJson(key, o));
      } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
        throw new CheckpointException("KV store record '" + key + "' in " + COLLECTION
            + " is not a checkpoint record: " + e.getMessage(), e);
      }
    }
    Optional<Checkpoint> chosen = fromKv.isPresent() && fromFile.isPresent()
        ? Optional.of(Checkpoint.newer(fromFile.get(), fromKv.get()))
        : fromKv.isPresent() ? fromKv : fromFile;
    seqs.merge(key, chosen.map(Checkpoint::seq).orElse(0L), Math::max);
    return chosen;
  }

  @Override
  public void save(Checkpoint checkpoint) throws CheckpointException {
    String key = checkpoint.key();
    if (!seqs.containsKey(key)) {
      load(key);
    }
    Checkpoint numbered = checkpoint.withSeq(seqs.merge(key, 1L, (a, b) -> a + 1));
    file.save(numbered);
    if (!kvWorthAsking()) {
      return;
    }
    try {
      client.kvPut(COLLECTION, key, numbered.toJson());
      answered();
    } catch (SplunkException e) {
      if (!unavailable(e)) {
        throw new CheckpointException("cannot save checkpoint '" + key + "' to the KV store (it is saved in "
            + file.fileFor(key) + "): " + e.getMessage(), e);
      }
      notAnswering(e);
    }
  }

  /** Whether the failure is an outage the file covers: the KV store or splunkd not answering; never TLS. */
  private static boolean unavailable(SplunkException e) {
    return e.kind() == SplunkException.Kind.UNAVAILABLE || e.kind() == SplunkException.Kind.CONNECTION
        || e.kind() == SplunkException.Kind.TIMEOUT;
  }

  private synchronized boolean kvWorthAsking() {
    return retryAt < 0 || clock.millis() >= retryAt;
  }

  private synchronized void answered() {
    if (retryAt >= 0) {
      retryAt = -1;
      log.info("KV store answers again: checkpoints are saved there as well as in their files");
    }
  }

  private synchronized void notAnswering(SplunkException e) {
    if (retryAt < 0) {
      String who = e.kind() == SplunkException.Kind.CONNECTION
          ? "splunkd could not be reached for the KV store call" : "KV store did not answer";
      log.warn(who + " (" + e.getMessage() + "): checkpoints are kept in their files (always"
          + " written first) until it answers again; asking it again at most every " + PROBE_EVERY.toSeconds() + " s");
    }
    retryAt = clock.millis() + PROBE_EVERY.toMillis();
  }
}
