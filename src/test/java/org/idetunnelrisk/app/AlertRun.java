package org.idetunnelrisk.app;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.idetunnelrisk.alert.AlertActionMain;
import org.idetunnelrisk.splunk.Sleeper;

/**
 * The alert action run in process as splunkd runs it: the payload on stdin, {@code --execute}, and
 * {@code SPLUNK_HOME} (where the results file and splunkd's CA are looked for) the test's Splunk tree.
 *
 * @param exit the exit code
 * @param out what it wrote to stdout
 * @param err what it wrote to stderr (splunkd's log lines)
 */
record AlertRun(int exit, String out, String err) {

  /**
   * @param configuration the members of the payload's {@code configuration} object, e.g. {@code "rules":"auto"}
   */
  static AlertRun run(AppHome app, URI serverUri, String key, String sid, String searchName, Path results,
      String configuration, Path splunkHome, Clock clock) {
    return run(app, serverUri, key, sid, searchName, results, configuration, splunkHome, clock, wait -> { });
  }

  /** With the sleeper that waits out {@code landed_check_delay} (a test's advances its clock). */
  static AlertRun run(AppHome app, URI serverUri, String key, String sid, String searchName, Path results,
      String configuration, Path splunkHome, Clock clock, Sleeper sleeper) {
    String payload = "{\"app\":\"ide_tunnel_risk\",\"owner\":\"admin\",\"server_host\":\"sh1\",\"server_uri\":\""
        + serverUri + "\",\"session_key\":\"" + key + "\",\"sid\":\"" + sid + "\",\"search_name\":\"" + searchName
        + "\",\"results_file\":\"" + results.toString().replace("\\", "\\\\") + "\",\"results_link\":\"x\","
        + "\"configuration\":{" + configuration + "},\"result\":{}}";
    Map<String, String> env = Map.of("SPLUNK_HOME", splunkHome.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    int exit = new AlertActionMain(new ResultsScorer(app, clock, sleeper, errStream, env), clock).run(
        new String[] {"--execute"}, new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), errStream, env);
    return new AlertRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
