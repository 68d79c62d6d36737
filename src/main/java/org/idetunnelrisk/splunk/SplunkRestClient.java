package org.idetunnelrisk.splunk;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.idetunnelrisk.engine.RiskEvent;

/**
 * {@link SplunkClient} over {@code java.net.http} (HTTP/1.1) and gson. Build it once per process with
 * {@link SplunkClient#connect} and share it; it is thread-safe. The credential goes only into the
 * {@code Authorization} header and is registered with the {@link Redactor} of every message.
 */
final class SplunkRestClient implements SplunkClient {
  static final String EXPORT_PATH = "/services/search/jobs/export";
  static final String RECEIVERS_PATH = "/services/receivers/simple";
  static final String KV_PATH = "/servicesNS/nobody/" + APP + "/storage/collections/data/";
  static final String SERVER_INFO_PATH = "/services/server/info";
  static final String CAPTAIN_INFO_PATH = "/services/shcluster/captain/info";
  private static final Pattern GENERATING = Pattern.compile("^\\s*(\\||search(\\s|$))");
  private static final Pattern COLLECTION = Pattern.compile("[A-Za-z0-9_.-]+");

  private final Settings settings;
  private final SessionKey credential;
  private final Log log;
  private final Transport transport;

  private SplunkRestClient(Settings settings, SessionKey credential, Log log, Transport transport) {
    this.settings = settings;
    this.credential = credential;
    this.log = log;
    this.transport = transport;
  }

  /**
   * Builds the client; logs one WARN when TLS verification is off.
   *
   * @throws SplunkException ({@link SplunkException.Kind#TLS}) when the CA file cannot be used
   */
  static SplunkRestClient create(Settings settings, SessionKey credential, Log log, Sleeper sleeper,
      DoubleSupplier random) throws SplunkException {
    Redactor redactor = new Redactor().add(credential);
    Log redacting = (level, message) -> log.log(level, redactor.redact(message));
    SSLContext ssl = Tls.context(settings);
    if (!settings.verifyTls()) {
      redacting.warn("TLS verification is off for " + settings.serverUri()
          + ": any certificate and host name are accepted");
    }
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        .sslContext(ssl)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    return new SplunkRestClient(settings, credential, redacting,
        new Transport(http, settings, redactor, sleeper, random, redacting));
  }

  /** The {@code search} form value: a leading {@code search } unless it starts with {@code search} or {@code |}. */
  static String searchText(String spl) {
    return GENERATING.matcher(spl).lookingAt() ? spl : "search " + spl;
  }

  @Override
  public ResultStream export(String spl, String earliestTime, String latestTime) throws SplunkException {
    String body = new Form().add("search", searchText(spl)).add("earliest_time", earliestTime)
        .add("latest_time", latestTime).add("output_mode", "json").add("preview", "false").encode();
    HttpRequest request = request(settings.serverUri(), EXPORT_PATH, credential)
        .timeout(settings.exportTimeout())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    String endpoint = "POST " + EXPORT_PATH;
    try {
      HttpResponse<InputStream> response = transport.send(endpoint, request, Transport.Mode.IDEMPOTENT);
      return new ExportResults(endpoint, new IdleTimeoutStream(response.body(), settings.exportTimeout()), log,
          transport.redactor());
    } catch (SplunkException e) {
      if (e.status() == 400) {
        throw new SplunkException(SplunkException.Kind.SEARCH_ERROR, e.endpoint(), 400,
            e.getMessage().substring((e.endpoint() + ": HTTP 400: ").length()));
      }
      throw e;
    }
  }

  /**
   * {@code receivers/simple}, one event per request (see the package notes on stash line breaking); stops at
   * AUTH/FORBIDDEN/TLS (the next event would meet the same refusal: a TLS handshake that failed fails again, and
   * is never retried) and records the rest as not written.
   */
  @Override
  public WriteResult writeRiskEvents(List<RiskEvent> events, RiskWriteOptions options) {
    List<String> written = new ArrayList<>();
    List<WriteResult.FailedBatch> failed = new ArrayList<>();
    SplunkException stop = null;
    for (RiskEvent event : events) {
      List<String> ids = List.of(event.id());
      if (stop != null) {
        failed.add(new WriteResult.FailedBatch(ids, stop));
        continue;
      }
      try {
        send(event, options);
        written.add(event.id());
      } catch (SplunkException e) {
        failed.add(new WriteResult.FailedBatch(ids, e));
        log.error(e.outcomeUnknown()
            ? "risk events sent without a clear answer (1; they may already be indexed): " + e.getMessage()
            : "risk events not written (1): " + e.getMessage());
        if (e.kind() == SplunkException.Kind.AUTH || e.kind() == SplunkException.Kind.FORBIDDEN
            || e.kind() == SplunkException.Kind.TLS) {
          stop = e;
        }
      }
    }
    return new WriteResult(written, failed);
  }

  private void send(RiskEvent event, RiskWriteOptions options) throws SplunkException {
    String endpoint = "POST " + RECEIVERS_PATH;
    String text;
    try {
      text = RiskEventText.render(event, options, System.currentTimeMillis() / 1000.0);
    } catch (IllegalArgumentException e) {
      throw new SplunkException(SplunkException.Kind.REJECTED, endpoint, 0, e.getMessage());
    }
    String query = new Form().add("index", options.index()).add("sourcetype", "stash")
        .add("source", event.searchName()).add("host", options.host()).encode();
    HttpRequest request = request(settings.serverUri(), RECEIVERS_PATH + "?" + query, credential)
        .timeout(settings.requestTimeout())
        .header("Content-Type", "text/plain; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build();
    drain(transport.send(endpoint, request, Transport.Mode.ONCE));
  }

  @Override
  public Optional<JsonObject> kvGet(String collection, String key) throws SplunkException {
    String path = kvPath(collection, key);
    String endpoint = "GET " + path;
    HttpRequest request = request(settings.serverUri(), path, credential).timeout(settings.requestTimeout())
        .GET().build();
    HttpResponse<InputStream> response;
    try {
      response = transport.send(endpoint, request, Transport.Mode.IDEMPOTENT, 0);
    } catch (SplunkException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    String body = readAll(endpoint, response);
    try {
      JsonElement root = JsonParser.parseString(body);
      if (root.isJsonObject()) {
        return Optional.of(root.getAsJsonObject());
      }
    } catch (JsonParseException e) {
      // reported below
    }
    throw new SplunkException(SplunkException.Kind.PROTOCOL, endpoint, response.statusCode(),
        "expected a JSON object but got: " + Transport.messagesText(body));
  }

  @Override
  public void kvPut(String collection, String key, JsonObject record) throws SplunkException {
    JsonObject withKey = record.deepCopy();
    withKey.addProperty("_key", key);
    String path = kvPath(collection, key);
    try {
      drain(transport.send("POST " + path, jsonPost(path, withKey), Transport.Mode.ONCE, 0));
    } catch (SplunkException e) {
      if (e.status() != 404) {
        throw e;
      }
      String base = kvPath(collection, null);
      drain(transport.send("POST " + base, jsonPost(base, withKey), Transport.Mode.ONCE, 0));
    }
  }

  @Override
  public ClusterRole clusterRole() throws SplunkException {
    String endpoint = "GET " + SERVER_INFO_PATH;
    JsonObject content = firstEntryContent(endpoint, transport.send(endpoint,
        get(SERVER_INFO_PATH + "?output_mode=json"), Transport.Mode.IDEMPOTENT));
    JsonElement roles = content.get("server_roles");
    List<String> serverRoles = new ArrayList<>();
    if (roles != null && roles.isJsonArray()) {
      roles.getAsJsonArray().forEach(r -> serverRoles.add(r.isJsonPrimitive() ? r.getAsString() : r.toString()));
    } else if (roles != null && roles.isJsonPrimitive()) {
      serverRoles.add(roles.getAsString());
    } else {
      throw new SplunkException(SplunkException.Kind.PROTOCOL, endpoint, 200, "the answer has no server_roles");
    }
    ClusterRole.Kind kind = ClusterRole.of(serverRoles);
    return new ClusterRole(kind, serverRoles, kind == ClusterRole.Kind.MEMBER ? captain() : "");
  }

  /** {@code sh2 at https://sh2:8089}, or {@code unknown (<why>)}: only ever quoted in a message. */
  private String captain() {
    String endpoint = "GET " + CAPTAIN_INFO_PATH;
    try {
      JsonObject c = firstEntryContent(endpoint, transport.send(endpoint, get(CAPTAIN_INFO_PATH + "?output_mode=json"),
          Transport.Mode.IDEMPOTENT, 0));
      String label = c.has("label") && c.get("label").isJsonPrimitive() ? c.get("label").getAsString() : "?";
      String uri = c.has("peer_scheme_host_port") && c.get("peer_scheme_host_port").isJsonPrimitive()
          ? c.get("peer_scheme_host_port").getAsString() : "?";
      return label + " at " + uri;
    } catch (SplunkException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  /** {@code entry[0].content} of a JSON answer in splunkd's feed shape. */
  private JsonObject firstEntryContent(String endpoint, HttpResponse<InputStream> response) throws SplunkException {
    String body = readAll(endpoint, response);
    try {
      JsonElement root = JsonParser.parseString(body);
      if (root.isJsonObject() && root.getAsJsonObject().has("entry") && root.getAsJsonObject().get("entry").isJsonArray()
          && !root.getAsJsonObject().getAsJsonArray("entry").isEmpty()) {
        JsonElement first = root.getAsJsonObject().getAsJsonArray("entry").get(0);
        if (first.isJsonObject() && first.getAsJsonObject().has("content")
            && first.getAsJsonObject().get("content").isJsonObject()) {
          return first.getAsJsonObject().getAsJsonObject("content");
        }
      }
    } catch (JsonParseException e) {
      // reported below
    }
    throw new SplunkException(SplunkException.Kind.PROTOCOL, endpoint, response.statusCode(),
        "expected a JSON object with entry[0].content but got: " + transport.redactor().redact(Transport.messagesText(body)));
  }

  private HttpRequest get(String pathAndQuery) {
    return request(settings.serverUri(), pathAndQuery, credential).timeout(settings.requestTimeout()).GET().build();
  }

  private HttpRequest jsonPost(String path, JsonObject body) {
    return request(settings.serverUri(), path, credential).timeout(settings.requestTimeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
  }

  private static String kvPath(String collection, String key) {
    if (collection == null || !COLLECTION.matcher(collection).matches()) {
      throw new IllegalArgumentException("KV store collection name '" + collection + "' is not allowed");
    }
    return KV_PATH + collection + (key == null ? "" : "/" + Form.segment(key));
  }

  private static HttpRequest.Builder request(URI base, String pathAndQuery, SessionKey credential) {
    String root = base.toString().replaceAll("/+$", "");
    return HttpRequest.newBuilder(URI.create(root + pathAndQuery))
        .header("Authorization", credential.authorization())
        .header("User-Agent", "ide_tunnel_risk");
  }

  private static void drain(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the status already said 2xx; the body is not used
    }
  }

  private String readAll(String endpoint, HttpResponse<InputStream> response) throws SplunkException {
    try (InputStream in = response.body()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SplunkException(SplunkException.Kind.PROTOCOL, endpoint, response.statusCode(),
          "body cut: " + transport.redactor().redact(String.valueOf(e.getMessage())));
    }
  }

  @Override
  public void close() {
    // java.net.http.HttpClient has no close() on Java 17; its threads end with the JVM
  }

  @Override
  public String toString() {
    return "SplunkRestClient[" + settings.serverUri() + ", " + credential + "]";
  }
}
