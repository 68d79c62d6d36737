package org.idetunnelrisk.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rest of the hostile-input matrix for the alert action (the first part is in {@link AlertPayloadTest}
 * and {@link ResultsFileTest}): wrong-typed and null required keys, odd top-level values, and
 * {@code results_file} values that reach outside Splunk's dispatch folder through a linked folder, a
 * sibling folder with a longer name, a Windows {@code ..}, or characters no path may hold.
 */
class AlertHostileTest {
  private static final String BASE = "\"server_uri\":\"u\",\"session_key\":\"k\",\"results_file\":\"/r\"";

  @TempDir Path home;
  Path dispatch;
  ResultsFile guard;

  @BeforeEach
  void splunkHome() throws IOException {
    dispatch = Files.createDirectories(home.resolve("var/run/splunk/dispatch"));
    guard = new ResultsFile(home);
  }

  private static String payloadError(String json) {
    return assertThrows(AlertException.class, () -> AlertPayload.parse(json)).getMessage();
  }

  private String refused(String path) {
    return assertThrows(AlertException.class, () -> guard.check(path)).getMessage();
  }

  @Test
  void requiredKeysOfTheWrongType() {
    assertEquals("payload: 'session_key' must be a string but was a number",
        payloadError("{\"server_uri\":\"u\",\"session_key\":1,\"results_file\":\"/r\"}"));
    assertEquals("payload: 'results_file' must be a string but was an object",
        payloadError("{\"server_uri\":\"u\",\"session_key\":\"k\",\"results_file\":{\"path\":\"/r\"}}"));
    assertEquals("payload: 'server_uri' must be a string but was an array",
        payloadError("{\"server_uri\":[\"u\"],\"session_key\":\"k\",\"results_file\":\"/r\"}"));
  }

  @Test
  void nullRequiredKeyIsMissing() {
    assertEquals("payload: missing 'session_key'",
        payloadError("{\"server_uri\":\"u\",\"session_key\":null,\"results_file\":\"/r\"}"));
  }

  @Test
  void topLevelValuesThatAreNotObjects() {
    assertEquals("payload: expected a JSON object but was a string", payloadError("\"x\""));
    assertEquals("payload: expected a JSON object but was a number", payloadError("42"));
    assertEquals("payload: expected a JSON object but was null", payloadError("null"));
  }

  @Test
  void resultListHoldingNullOrObject() {
    assertEquals("payload: 'result.dest' must be a list of strings but held null",
        payloadError("{" + BASE + ",\"result\":{\"dest\":[\"a\",null]}}"));
    assertEquals("payload: 'result.dest' must be a list of strings but held an object",
        payloadError("{" + BASE + ",\"result\":{\"dest\":[{}]}}"));
  }

  @Test
  void configurationValueThatIsAnObject() {
    assertEquals("payload: 'configuration.index' must be a string but was an object",
        payloadError("{" + BASE + ",\"configuration\":{\"index\":{\"name\":\"main\"}}}"));
  }

  @Test
  void singleQuotedOrCommentedJsonIsMalformed() {
    assertEquals("payload: malformed JSON (at line 1 column 3 path $.)", payloadError("{'server_uri':'u'}"));
  }

  @Test
  void folderLinkedFromInsideDispatchToOutsideIsRefused() throws IOException {
    Path outside = Files.createDirectories(home.resolve("etc"));
    Files.writeString(outside.resolve("results.csv.gz"), "x");
    Path job = Files.createSymbolicLink(dispatch.resolve("scheduler__evil"), outside);
    String path = job.resolve("results.csv.gz").toString();
    assertEquals("results_file: '" + path + "' is outside Splunk's dispatch folder '" + dispatch.toRealPath() + "'",
        refused(path));
  }

  @Test
  void siblingFolderWhoseNameStartsLikeDispatchIsRefused() throws IOException {
    Path sibling = Files.createDirectories(home.resolve("var/run/splunk/dispatch-evil"));
    Path file = Files.writeString(sibling.resolve("results.csv.gz"), "x");
    assertEquals("results_file: '" + file + "' is outside Splunk's dispatch folder '" + dispatch.toRealPath() + "'",
        refused(file.toString()));
  }

  @Test
  void parentSegmentsThatClimbOutAreRefused() {
    String up = dispatch + "/../../../../etc/passwd";
    assertEquals("results_file: '" + up + "' contains '..'", refused(up));
    String windows = dispatch + "\\..\\..\\secrets.txt";
    assertEquals("results_file: '" + windows + "' contains '..'", refused(windows));
    assertEquals("results_file: '..' contains '..'", refused(".."));
  }

  @Test
  void nulInThePathIsRefused() {
    String path = dispatch + "/job/results.csv.gz\u0000.txt";
    assertEquals("results_file: '" + path + "' is not a valid path", refused(path));
  }

  @Test
  void deviceOutsideDispatchIsRefused() throws IOException {
    assertEquals("results_file: '/dev/zero' is outside Splunk's dispatch folder '" + dispatch.toRealPath() + "'",
        refused("/dev/zero"));
  }
}
