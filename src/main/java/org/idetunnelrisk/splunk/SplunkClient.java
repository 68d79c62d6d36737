package org.idetunnelrisk.splunk;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;
import org.idetunnelrisk.engine.RiskEvent;

/**
 * The Splunk REST calls the app makes, and nothing else. {@link #connect} gives the implementation over
 * {@code java.net.http}; adapters depend on this interface only. Implementations are thread-safe.
 */
public interface SplunkClient extends AutoCloseable {

  /** The app's namespace for KV store collections. */
  String APP = "ide_tunnel_risk";

  /**
   * Runs {@code POST /services/search/jobs/export} ({@code output_mode=json}, {@code preview=false}) and
   * streams the final result rows; memory stays flat. {@code spl} gets a leading {@code search } unless it
   * starts with {@code search} or {@code |}. Retries happen only before the first row.
   *
   * @param earliestTime epoch seconds or relative time ({@code -70m@m})
   * @param latestTime epoch seconds or relative time ({@code now})
   */
  ResultStream export(String spl, String earliestTime, String latestTime) throws SplunkException;

  /**
   * Writes risk events into the risk index: one event per {@code receivers/simple} request. An event counts
   * as written only on a 2xx. Stops
   * at a 401/403 and reports the rest as not written. A failed write that may have been indexed all the same
   * ({@link SplunkException#outcomeUnknown()}) is reported apart ({@link WriteResult#unknownIds()}).
   */
  WriteResult writeRiskEvents(List<RiskEvent> events, RiskWriteOptions options);

  /**
   * Reads one KV store record of {@code /servicesNS/nobody/ide_tunnel_risk/storage/collections/data/<collection>};
   * empty on 404. One attempt, no retries: callers fall back rather than wait.
   */
  Optional<JsonObject> kvGet(String collection, String key) throws SplunkException;

  /**
   * Inserts or replaces a KV store record: {@code POST <base>/<key>}, and on 404 {@code POST <base>} with
   * {@code _key}. One attempt each, no retries.
   */
  void kvPut(String collection, String key, JsonObject record) throws SplunkException;

  /**
   * Where this search head stands in a search head cluster: {@code GET /services/server/info} (its
   * {@code server_roles}), with retries; for a member, also {@code GET /services/shcluster/captain/info} (one
   * attempt) to name the captain. See {@link ClusterRole}.
   */
  ClusterRole clusterRole() throws SplunkException;

  /** Nothing to release beyond open result streams; present so callers can use try-with-resources. */
  @Override
  void close();

  /** The client over {@code java.net.http}, real sleeps and random jitter. */
  static SplunkClient connect(Settings settings, SessionKey key, Log log) throws SplunkException {
    return SplunkRestClient.create(settings, key, log, Sleeper.REAL, Math::random);
  }
}
