package org.idetunnelrisk.splunk;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where one poller stands: the end of the last fully committed window, the ids of the risk events already
 * written for the window being committed (so a re-run after a crash mid-window skips them), and the risk
 * events {@linkplain InFlight in flight}: sent, or being sent, without a clear answer (the next run asks the
 * risk index which of them landed before sending any of them again).
 *
 * <p>{@code seq} orders the saves of one key: {@link KvStoreCheckpoints} gives every save the next number and
 * writes it to the checkpoint file before the KV store, so of two copies the one with the higher {@code seq}
 * is the newer, whatever their {@code latest} says. A copy saved before {@code seq} existed reads as 0.
 *
 * <p>Stored as {@code {"_key":..,"seq":..,"latest":..,"written_ids":[..],"in_flight_ids":[..],
 * "in_flight_earliest":..,"in_flight_latest":..,"in_flight_settled":..,"updated":..}}, and for the modular
 * input's correlations ({@code <stanza>:correlations}) {@code "correlation_state":"<JSON text>"}: text, not a
 * nested object, because the state's map keys hold characters (NUL, dots) the KV store refuses in field names.
 *
 * @param key stanza and feed, e.g. {@code corp_endpoints:sysmon}
 * @param seq number of this save among the key's saves (0 before it is stamped by the store)
 * @param latest epoch seconds: every event before this has been scored and written
 * @param writtenIds ids of risk events written in the window after {@code latest} (empty once it is committed)
 * @param inFlight risk events whose write has no known outcome yet
 * @param updated epoch seconds of this save
 * @param correlationState the correlator's state as JSON text; empty for a feed's checkpoint
 */
public record Checkpoint(String key, long seq, long latest, List<String> writtenIds, InFlight inFlight, long updated,
    String correlationState) {

  public Checkpoint {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(inFlight, "inFlight");
    Objects.requireNonNull(correlationState, "correlationState");
    writtenIds = List.copyOf(writtenIds);
  }

  /** A feed's checkpoint: no correlation state. */
  public Checkpoint(String key, long seq, long latest, List<String> writtenIds, InFlight inFlight, long updated) {
    this(key, seq, latest, writtenIds, inFlight, updated, "");
  }

  /** A checkpoint not yet numbered, with these ids in flight and no time range known for them. */
  public Checkpoint(String key, long latest, List<String> writtenIds, List<String> inFlightIds, long updated) {
    this(key, 0, latest, writtenIds, new InFlight(inFlightIds, 0, 0, 0), updated);
  }

  /** A checkpoint not yet numbered, with nothing in flight. */
  public Checkpoint(String key, long latest, List<String> writtenIds, long updated) {
    this(key, 0, latest, writtenIds, InFlight.NONE, updated);
  }

  private static final Gson GSON = new Gson();

  /** A correlator's snapshot (maps, lists, text, numbers) as the text {@link #correlationState} holds. */
  public static String stateText(Map<String, Object> snapshot) {
    return GSON.toJson(snapshot);
  }

  /**
   * {@link #correlationState} read back as maps, lists, text and numbers; empty when there is none.
   *
   * @throws IllegalArgumentException when the text is not a JSON object
   */
  public Map<String, Object> correlationSnapshot() {
    if (correlationState.isEmpty()) {
      return Map.of();
    }
    try {
      Map<String, Object> m = GSON.fromJson(correlationState, new TypeToken<Map<String, Object>>() { }.getType());
      if (m == null) {
        throw new IllegalArgumentException("correlation state: expected a JSON object but found nothing");
      }
      return m;
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("correlation state: not a JSON object (" + e.getMessage() + ")", e);
    }
  }

  /** The same checkpoint numbered {@code n}. */
  public Checkpoint withSeq(long n) {
    return new Checkpoint(key, n, latest, writtenIds, inFlight, updated, correlationState);
  }

  /**
   * Risk events whose write has no known outcome: the batch being sent when the run stopped, or writes that
   * were sent and got no clear answer (a timeout, a dropped connection, a 5xx other than 503).
   *
   * @param ids their risk_event_ids
   * @param earliestTime the earliest of their own event times, epoch seconds (0 when none had a time)
   * @param latestTime the latest of their own event times (0 when none had a time)
   * @param settledAt epoch seconds after which none of them can still be sent: when the batch had been
   *     answered; 0 when the run stopped while sending them (the sends may have gone on until it died)
   */
  public record InFlight(List<String> ids, long earliestTime, long latestTime, long settledAt) {
    public static final InFlight NONE = new InFlight(List.of(), 0, 0, 0);

    public InFlight {
      ids = List.copyOf(ids);
    }

    public boolean isEmpty() {
      return ids.isEmpty();
    }
  }

  /**
   * Of two copies of one key's checkpoint (file and KV store), the newer: the higher {@code seq}. Copies with
   * the same {@code seq} were one save unless they predate numbering; then the later {@code latest} wins,
   * and for the same {@code latest} both are true at once, so their written ids are merged (an id either
   * copy lists as written was written) and so are their ids in flight.
   */
  static Checkpoint newer(Checkpoint a, Checkpoint b) {
    if (a.seq != b.seq) {
      return a.seq > b.seq ? a : b;
    }
    if (a.latest != b.latest) {
      return a.latest > b.latest ? a : b;
    }
    Set<String> written = new LinkedHashSet<>(a.writtenIds);
    written.addAll(b.writtenIds);
    Set<String> flying = new LinkedHashSet<>(a.inFlight.ids());
    flying.addAll(b.inFlight.ids());
    flying.removeAll(written);
    InFlight merged = new InFlight(List.copyOf(flying), minKnown(a.inFlight.earliestTime(), b.inFlight.earliestTime()),
        Math.max(a.inFlight.latestTime(), b.inFlight.latestTime()),
        a.inFlight.settledAt() == 0 || b.inFlight.settledAt() == 0 ? 0
            : Math.max(a.inFlight.settledAt(), b.inFlight.settledAt()));
    return new Checkpoint(a.key, a.seq, a.latest, List.copyOf(written), merged, Math.max(a.updated, b.updated),
        a.correlationState.isEmpty() ? b.correlationState : a.correlationState);
  }

  private static long minKnown(long x, long y) {
    return x == 0 ? y : y == 0 ? x : Math.min(x, y);
  }

  JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("_key", key);
    o.addProperty("seq", seq);
    o.addProperty("latest", latest);
    o.add("written_ids", array(writtenIds));
    o.add("in_flight_ids", array(inFlight.ids()));
    o.addProperty("in_flight_earliest", inFlight.earliestTime());
    o.addProperty("in_flight_latest", inFlight.latestTime());
    o.addProperty("in_flight_settled", inFlight.settledAt());
    o.addProperty("updated", updated);
    if (!correlationState.isEmpty()) {
      o.addProperty("correlation_state", correlationState);
    }
    return o;
  }

  private static JsonArray array(List<String> ids) {
    JsonArray a = new JsonArray();
    ids.forEach(a::add);
    return a;
  }

  /**
   * Reads the stored form; fields added after the first release ({@code seq}, the in-flight range) read as 0
   * when absent.
   *
   * @throws IllegalArgumentException naming the missing or wrong field
   */
  static Checkpoint fromJson(String key, JsonObject o) {
    long latest = number(o, "latest");
    InFlight inFlight = new InFlight(strings(o, "in_flight_ids"), optional(o, "in_flight_earliest"),
        optional(o, "in_flight_latest"), optional(o, "in_flight_settled"));
    JsonElement state = o.get("correlation_state");
    if (state != null && !state.isJsonNull() && !(state.isJsonPrimitive() && state.getAsJsonPrimitive().isString())) {
      throw new IllegalArgumentException("correlation_state is not text");
    }
    return new Checkpoint(key, optional(o, "seq"), latest, strings(o, "written_ids"), inFlight, optional(o, "updated"),
        state == null || state.isJsonNull() ? "" : state.getAsString());
  }

  private static long optional(JsonObject o, String name) {
    return o.has(name) && !o.get(name).isJsonNull() ? number(o, name) : 0;
  }

  private static List<String> strings(JsonObject o, String name) {
    List<String> ids = new ArrayList<>();
    JsonElement w = o.get(name);
    if (w != null && !w.isJsonNull()) {
      if (!w.isJsonArray()) {
        throw new IllegalArgumentException(name + " is not an array");
      }
      for (JsonElement e : w.getAsJsonArray()) {
        ids.add(e.getAsString());
      }
    }
    return ids;
  }

  private static long number(JsonObject o, String name) {
    JsonElement e = o.get(name);
    if (e == null || !e.isJsonPrimitive()) {
      throw new IllegalArgumentException("field " + name + " is missing");
    }
    try {
      return (long) Double.parseDouble(e.getAsString());
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("field " + name + " is not a number: '" + e.getAsString() + "'");
    }
  }
}
