package org.idetunnelrisk.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertPayloadTest {
  static final String FULL = """
      {"app": "ide_tunnel_risk", "owner": "admin", "server_host": "sh1",
       "server_uri": "https://127.0.0.1:8089", "session_key": "SeCrEtKeY123",
       "sid": "scheduler__admin__RMD5_at_1790860000_12", "search_name": "IDE Tunnel - Devtunnel - Rule",
       "results_file": "/opt/splunk/var/run/splunk/dispatch/sid/results.csv.gz",
       "results_link": "https://sh1:8000/app/x", "search_uri": "/servicesNS/admin/x",
       "extra_key": {"anything": [1, 2]},
       "configuration": {"risk_score": "20", "index": "risk", "max_rows": 500, "verify_ssl": true},
       "result": {"dest": "ws1", "process_name": ["devtunnel.exe", "code.exe"], "count": 1, "user": null}}
      """;

  private static String message(String json) {
    return assertThrows(AlertException.class, () -> AlertPayload.parse(json)).getMessage();
  }

  @Test
  void readsEveryKnownKey() {
    AlertPayload p = AlertPayload.parse(FULL);
    assertEquals("ide_tunnel_risk", p.app());
    assertEquals("admin", p.owner());
    assertEquals("sh1", p.serverHost());
    assertEquals("https://127.0.0.1:8089", p.serverUri());
    assertEquals("SeCrEtKeY123", p.sessionKey().get().secret());
    assertEquals("scheduler__admin__RMD5_at_1790860000_12", p.sid());
    assertEquals("IDE Tunnel - Devtunnel - Rule", p.searchName());
    assertEquals("/opt/splunk/var/run/splunk/dispatch/sid/results.csv.gz", p.resultsFile());
    assertEquals("https://sh1:8000/app/x", p.resultsLink());
    assertEquals("/servicesNS/admin/x", p.searchUri());
    assertEquals(Map.of("risk_score", "20", "index", "risk", "max_rows", "500", "verify_ssl", "true"),
        p.configuration());
    assertEquals(Map.of("dest", "ws1", "process_name", "devtunnel.exe\ncode.exe", "count", "1", "user", ""),
        p.result());
  }

  @Test
  void toStringHidesSessionKey() {
    String text = AlertPayload.parse(FULL).toString();
    assertFalse(text.contains("SeCrEtKeY123"), text);
  }

  @Test
  void optionalKeysMayBeMissing() {
    AlertPayload p = AlertPayload.parse(
        "{\"server_uri\":\"https://h:8089\",\"session_key\":\"k\",\"results_file\":\"/r.csv.gz\",\"sid\":null}");
    assertEquals("", p.app());
    assertEquals("", p.sid());
    assertEquals(Map.of(), p.configuration());
    assertEquals(Map.of(), p.result());
  }

  @Test
  void missingRequiredKeysNamed() {
    assertEquals("payload: missing 'server_uri'", message("{\"session_key\":\"k\",\"results_file\":\"/r\"}"));
    assertEquals("payload: missing 'session_key'", message("{\"server_uri\":\"u\",\"results_file\":\"/r\"}"));
    assertEquals("payload: missing 'results_file'",
        message("{\"server_uri\":\"u\",\"session_key\":null}".replace("null", "\"k\"")));
    assertEquals("payload: 'results_file' is empty",
        message("{\"server_uri\":\"u\",\"session_key\":\"k\",\"results_file\":\" \"}"));
  }

  @Test
  void wrongTypesNamedWithTypeFound() {
    String base = "\"server_uri\":\"u\",\"session_key\":\"k\",\"results_file\":\"/r\"";
    assertEquals("payload: 'server_uri' must be a string but was a number",
        message("{\"server_uri\":8089,\"session_key\":\"k\",\"results_file\":\"/r\"}"));
    assertEquals("payload: 'sid' must be a string but was an array", message("{" + base + ",\"sid\":[\"a\"]}"));
    assertEquals("payload: 'search_name' must be a string but was a boolean",
        message("{" + base + ",\"search_name\":true}"));
    assertEquals("payload: 'configuration' must be an object but was a string",
        message("{" + base + ",\"configuration\":\"x\"}"));
    assertEquals("payload: 'configuration.index' must be a string but was an array",
        message("{" + base + ",\"configuration\":{\"index\":[\"risk\"]}}"));
    assertEquals("payload: 'result.dest' must be a string or a list of strings but was an object",
        message("{" + base + ",\"result\":{\"dest\":{}}}"));
    assertEquals("payload: 'result.dest' must be a list of strings but held a number",
        message("{" + base + ",\"result\":{\"dest\":[1]}}"));
  }

  @Test
  void notAnObject() {
    assertEquals("payload: expected a JSON object but was an array", message("[]"));
  }

  @Test
  void emptyPayload() {
    assertEquals("payload: no JSON on stdin", message("  \n"));
  }

  @Test
  void malformedJsonNamesPlace() {
    assertEquals("payload: malformed JSON (End of input at line 1 column 16 path $.server_uri)",
        message("{\"server_uri\": "));
  }

  @Test
  void trailingValueRefused() {
    assertEquals("payload: more than one JSON value on stdin",
        message("{\"server_uri\":\"u\",\"session_key\":\"k\",\"results_file\":\"/r\"} {}"));
  }

  @Test
  void deepNestingRefused() {
    String deep = "{\"result\":" + "[".repeat(40) + "]".repeat(40) + "}";
    assertEquals("payload: malformed JSON (Nesting limit 32 reached at line 1 column 43 path $.result[0][0][0][0]"
        + "[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0])", message(deep));
  }
}
