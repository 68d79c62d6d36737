package org.idetunnelrisk.splunk.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The emulator's own contract where no client code exercises it yet: auth/login and HEC's error codes. */
class FakeSplunkTest {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private HttpResponse<String> post(URI uri, String auth, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void loginReturnsTheSessionKeyOr401() throws Exception {
    try (FakeSplunk fake = FakeSplunk.http("K1", "B1", "H1")) {
      URI login = fake.uri().resolve("/services/auth/login");
      HttpResponse<String> ok = post(login, null, "username=admin&password=changeme");
      assertEquals(200, ok.statusCode());
      assertEquals("<response>\n  <sessionKey>K1</sessionKey>\n</response>\n", ok.body());
      assertEquals(401, post(login, null, "username=admin&password=nope").statusCode());
    }
  }

  @Test
  void hecAnswersItsReplyCodes() throws Exception {
    try (FakeSplunk fake = FakeSplunk.http("K1", "B1", "H1")) {
      URI hec = fake.uri().resolve("/services/collector/event");
      assertEquals("{\"text\":\"Token is required\",\"code\":2}", post(hec, null, "{}").body());
      assertEquals("{\"text\":\"Invalid authorization\",\"code\":3}", post(hec, "H1", "{}").body());
      assertEquals("{\"text\":\"Invalid token\",\"code\":4}", post(hec, "Splunk H2", "{}").body());
      assertEquals("{\"text\":\"No data\",\"code\":5}", post(hec, "Splunk H1", "").body());
      assertEquals("{\"text\":\"Invalid data format\",\"code\":6}", post(hec, "Splunk H1", "{\"event\":").body());
      assertEquals("{\"text\":\"Event field is required\",\"code\":12}", post(hec, "Splunk H1", "{\"time\":1}").body());
      assertEquals("{\"text\":\"Success\",\"code\":0}", post(hec, "Splunk H1", "{\"event\":{\"a\":\"1\"}}{\"event\":\"x\"}").body());
      assertEquals(2, fake.hec().events().size());
    }
  }

  @Test
  void managementRoutesRefuseWrongAndExpiredKeys() throws Exception {
    try (FakeSplunk fake = FakeSplunk.http("K1", "B1", "H1")) {
      URI export = fake.uri().resolve("/services/search/jobs/export");
      assertEquals(401, post(export, "Splunk K2", "search=search+x&output_mode=json").statusCode());
      assertEquals(200, post(export, "Bearer B1", "search=search+x&output_mode=json").statusCode());
      assertEquals(400, post(export, "Splunk K1", "search=index%3Dmain&output_mode=json").statusCode());
      fake.expireKey();
      assertEquals(401, post(export, "Splunk K1", "search=search+x&output_mode=json").statusCode());
      assertEquals(4, fake.requests().size());
    }
  }
}
