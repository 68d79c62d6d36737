package org.idetunnelrisk.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.idetunnelrisk.splunk.emulator.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SplunkClient#clusterRole()} against the emulator answering as a standalone search head, a search head
 * cluster captain and another member: what is asked, what is concluded, and what a failure looks like.
 */
class ClusterRoleTest {
  private final FakeSplunk fake = Fixtures.fake();
  private final Fixtures.FakeSleeper sleeper = new Fixtures.FakeSleeper();
  private final Fixtures.RecordingLog log = new Fixtures.RecordingLog();

  @AfterEach
  void stop() {
    fake.close();
  }

  private ClusterRole role() throws SplunkException {
    try (SplunkRestClient c = Fixtures.client(fake, sleeper, log)) {
      return c.clusterRole();
    }
  }

  private List<String> paths() {
    return fake.requests().stream().map(r -> r.method() + " " + r.path() + "?" + r.rawQuery()).toList();
  }

  @Test
  void aStandaloneSearchHeadPolls() throws Exception {
    ClusterRole role = role();
    assertEquals(ClusterRole.Kind.STANDALONE, role.kind());
    assertTrue(role.polls());
    assertEquals(List.of("license_master", "license_manager", "search_head", "kv_store"), role.serverRoles());
    assertEquals(List.of("GET /services/server/info?output_mode=json"), paths());
    assertEquals("Splunk " + Fixtures.KEY, fake.requests().get(0).header("Authorization"));
  }

  @Test
  void theCaptainPolls() throws Exception {
    fake.cluster().captain();
    ClusterRole role = role();
    assertEquals(ClusterRole.Kind.CAPTAIN, role.kind());
    assertTrue(role.polls());
    assertEquals("captain", role.word());
    assertEquals(List.of("GET /services/server/info?output_mode=json"), paths(), "the captain asks nothing more");
  }

  @Test
  void aMemberStandsAsideAndNamesTheCaptain() throws Exception {
    fake.cluster().member("sh3", "https://sh3.corp:8089");
    ClusterRole role = role();
    assertEquals(ClusterRole.Kind.MEMBER, role.kind());
    assertFalse(role.polls());
    assertEquals("sh3 at https://sh3.corp:8089", role.captain());
    assertEquals(List.of("GET /services/server/info?output_mode=json",
        "GET /services/shcluster/captain/info?output_mode=json"), paths());
  }

  @Test
  void aMemberThatCannotNameTheCaptainStillStandsAside() throws Exception {
    fake.cluster().member("sh3", "https://sh3.corp:8089");
    fake.cluster().failWhen(r -> r.path().endsWith("/captain/info"), Reply.unavailable("1"));
    ClusterRole role = role();
    assertEquals(ClusterRole.Kind.MEMBER, role.kind());
    assertEquals("unknown (GET /services/shcluster/captain/info: HTTP 503: ERROR: Service Unavailable)", role.captain());
    assertEquals(List.of(), sleeper.slept, "the captain's name is not worth a wait");
  }

  @Test
  void serverInfoFailuresAreRetriedThenThrown() {
    fake.cluster().failWhen(r -> r.path().equals("/services/server/info"), Reply.status(500));
    SplunkException e = assertThrows(SplunkException.class, this::role);
    assertEquals(SplunkException.Kind.HTTP, e.kind());
    assertEquals("GET /services/server/info: HTTP 500: ERROR: HTTP 500 from FakeSplunk (gave up after 4 attempts)",
        e.getMessage());
    assertEquals(3, sleeper.slept.size());
  }

  @Test
  void anAnswerWithoutServerRolesIsAProtocolError() {
    fake.cluster().failWhen(r -> true, new Reply(200, null, "{\"entry\":[{\"name\":\"server-info\",\"content\":{}}]}"));
    SplunkException e = assertThrows(SplunkException.class, this::role);
    assertEquals(SplunkException.Kind.PROTOCOL, e.kind());
    assertEquals("GET /services/server/info: HTTP 200: the answer has no server_roles", e.getMessage());
  }

  @Test
  void theCaptainRoleWinsOverTheMemberRole() {
    assertEquals(ClusterRole.Kind.CAPTAIN, ClusterRole.of(List.of("search_head", "shc_member", "shc_captain")));
    assertEquals(ClusterRole.Kind.MEMBER, ClusterRole.of(List.of("search_head", "shc_member")));
    assertEquals(ClusterRole.Kind.STANDALONE, ClusterRole.of(List.of("search_head", "shc_deployer")));
  }
}
