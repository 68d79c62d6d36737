package org.idetunnelrisk.splunk.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The emulator's own contract where no client code exercises it yet: the search head cluster endpoints a
 * standalone search head does not serve, and refused keys.
 */
class FakeSplunkTest {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private HttpResponse<String> post(URI uri, String auth, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(URI uri, String auth) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).header("Authorization", auth).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void clusterEndpointsAnswerAsStandaloneCaptainOrMember() throws Exception {
    try (FakeSplunk fake = FakeSplunk.http("K1")) {
      URI captain = fake.uri().resolve("/services/shcluster/captain/info?output_mode=json");
      URI member = fake.uri().resolve("/services/shcluster/member/info?output_mode=json");
      URI info = fake.uri().resolve("/services/server/info?output_mode=json");
      assertEquals(503, get(captain, "Splunk K1").statusCode());
      assertEquals(503, get(member, "Splunk K1").statusCode());
      assertTrue(get(captain, "Splunk K1").body().contains("not available"));
      assertTrue(get(info, "Splunk K1").body().contains("\"server_roles\":[\"license_master\",\"license_manager\","
          + "\"search_head\",\"kv_store\"]"));
      fake.cluster().member("sh3", "https://sh3:8089");
      assertTrue(get(info, "Splunk K1").body().contains("\"kv_store\",\"shc_member\"]"));
      assertTrue(get(captain, "Splunk K1").body().contains("\"peer_scheme_host_port\":\"https://sh3:8089\""));
      assertTrue(get(member, "Splunk K1").body().contains("\"is_registered\":true"));
      fake.cluster().captain();
      assertTrue(get(info, "Splunk K1").body().contains("\"kv_store\",\"shc_captain\"]"));
      assertEquals(401, get(info, "Splunk K2").statusCode());
    }
  }

  @Test
  void managementRoutesRefuseWrongAndExpiredKeys() throws Exception {
    try (FakeSplunk fake = FakeSplunk.http("K1")) {
      URI export = fake.uri().resolve("/services/search/jobs/export");
      assertEquals(401, post(export, "Splunk K2", "search=search+x&output_mode=json").statusCode());
      assertEquals(401, post(export, "Bearer K1", "search=search+x&output_mode=json").statusCode());
      assertEquals(200, post(export, "Splunk K1", "search=search+x&output_mode=json").statusCode());
      assertEquals(400, post(export, "Splunk K1", "search=index%3Dmain&output_mode=json").statusCode());
      fake.expireKey();
      assertEquals(401, post(export, "Splunk K1", "search=search+x&output_mode=json").statusCode());
      assertEquals(5, fake.requests().size());
    }
  }
}
