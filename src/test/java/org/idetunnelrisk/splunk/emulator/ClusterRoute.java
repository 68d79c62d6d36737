package org.idetunnelrisk.splunk.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /services/server/info} and {@code GET /services/shcluster/{captain,member}/info}, answering as a
 * standalone search head (the default), a search head cluster's captain, or another member of it
 * ({@link #standalone()}, {@link #captain()}, {@link #member}); JSON in splunkd's feed shape
 * ({@code entry[0].content}), whatever {@code output_mode} says.
 * <ul>
 *   <li>{@code server_roles}: as splunkd 9.0 lists them for a search head outside a cluster
 *       ({@code license_master, license_manager, search_head, kv_store}), then {@code shc_captain} on the captain
 *       or {@code shc_member} on another member (the roles seen on an orchestrated 9.0.0 cluster, quoted in a
 *       public upgrade tool; solnlib's {@code ServerInfo.is_captain} reads {@code shc_captain} the same way).</li>
 *   <li>{@code shcluster/captain/info}: on a member and the captain, the captain's {@code label},
 *       {@code peer_scheme_host_port}, {@code service_ready_flag}... (fields as splunk-operator's client reads
 *       them); on a standalone search head, 503, as solnlib and other Splunk-side code expect. The message text is
 *       composed here: the real one is unconfirmed beyond containing "not available" (what solnlib tests for).</li>
 *   <li>{@code shcluster/member/info}: {@code is_registered}, {@code status} on a member; 503 on a standalone.</li>
 * </ul>
 */
public final class ClusterRoute extends Route {
  /** Where the emulated search head stands. */
  public enum Place { STANDALONE, CAPTAIN, MEMBER }

  private static final List<String> SEARCH_HEAD_ROLES = List.of("license_master", "license_manager", "search_head", "kv_store");
  private static final String NOT_CLUSTERED =
      "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"Search head clustering is not enabled on this node. REST endpoint is not available\"}]}";

  private volatile Place place = Place.STANDALONE;
  private volatile String captainLabel = "sh1";
  private volatile String captainUri = "https://sh1:8089";

  ClusterRoute(FakeSplunk splunk) {
    super(splunk);
  }

  /** Not in a search head cluster. */
  public ClusterRoute standalone() {
    place = Place.STANDALONE;
    return this;
  }

  /** This search head is the cluster's captain (label {@code sh1}). */
  public ClusterRoute captain() {
    place = Place.CAPTAIN;
    captainLabel = "sh1";
    captainUri = splunk.uri().toString();
    return this;
  }

  /** This search head is a member; the captain is another one. */
  public ClusterRoute member(String captainLabel, String captainUri) {
    place = Place.MEMBER;
    this.captainLabel = captainLabel;
    this.captainUri = captainUri;
    return this;
  }

  public Place place() {
    return place;
  }

  @Override
  void serve(HttpExchange ex, RecordedRequest r) throws IOException {
    Place p = place;
    switch (r.path()) {
      case "/services/server/info" -> {
        JsonObject c = new JsonObject();
        c.addProperty("serverName", p == Place.MEMBER ? "sh2" : "sh1");
        c.addProperty("version", "9.4.0");
        JsonArray roles = new JsonArray();
        SEARCH_HEAD_ROLES.forEach(roles::add);
        if (p == Place.CAPTAIN) {
          roles.add("shc_captain");
        } else if (p == Place.MEMBER) {
          roles.add("shc_member");
        }
        c.add("server_roles", roles);
        send(ex, 200, feed("server-info", r.path(), c), null);
      }
      case "/services/shcluster/captain/info" -> {
        if (p == Place.STANDALONE) {
          send(ex, 503, NOT_CLUSTERED, null);
          return;
        }
        JsonObject c = new JsonObject();
        c.addProperty("elected_captain", 1790860000L);
        c.addProperty("id", "9CA04BAD-0C24-4703-8A88-E20345833508");
        c.addProperty("initialized_flag", true);
        c.addProperty("label", captainLabel);
        c.addProperty("maintenance_mode", false);
        c.addProperty("mgmt_uri", captainUri);
        c.addProperty("min_peers_joined_flag", true);
        c.addProperty("peer_scheme_host_port", captainUri);
        c.addProperty("rolling_restart_flag", false);
        c.addProperty("service_ready_flag", true);
        c.addProperty("start_time", 1790850000L);
        send(ex, 200, feed("captain", r.path(), c), null);
      }
      case "/services/shcluster/member/info" -> {
        if (p == Place.STANDALONE) {
          send(ex, 503, NOT_CLUSTERED, null);
          return;
        }
        JsonObject c = new JsonObject();
        c.addProperty("is_registered", true);
        c.addProperty("status", "Up");
        c.addProperty("adhoc_searchhead", false);
        send(ex, 200, feed("member", r.path(), c), null);
      }
      default -> send(ex, 404, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"Not Found\"}]}", null);
    }
  }

  private String feed(String name, String path, JsonObject content) {
    JsonObject entry = new JsonObject();
    entry.addProperty("name", name);
    entry.addProperty("id", splunk.uri() + path + "/" + name);
    entry.add("content", content);
    JsonArray entries = new JsonArray();
    entries.add(entry);
    JsonObject root = new JsonObject();
    root.addProperty("origin", splunk.uri() + path);
    root.add("entry", entries);
    JsonObject paging = new JsonObject();
    paging.addProperty("total", 1);
    paging.addProperty("perPage", 30);
    paging.addProperty("offset", 0);
    root.add("paging", paging);
    root.add("messages", new JsonArray());
    return root.toString();
  }
}
