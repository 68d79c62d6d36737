package org.idetunnelrisk.alert;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.idetunnelrisk.modinput.KeyValues;
import org.idetunnelrisk.splunk.Log;
import org.idetunnelrisk.splunk.Redactor;

/**
 * The alert action's process entry. splunkd (the {@code sendalert} machinery) runs
 * {@code bin/ide_tunnel_risk_score.sh --execute}, writes the JSON payload to stdin, closes it, files every
 * stderr line in splunkd.log (component {@code sendmodalert}), and kills the process after {@code maxtime}.
 *
 * <p>Arguments: {@code --execute} may appear anywhere, any number of times; with no argument at all the
 * action still runs when stdin holds a payload. Any other argument, or no argument and empty stdin, is a
 * usage error ({@value #EXIT_USAGE}). Then: parse the {@link AlertPayload}, check {@link AlertSettings} and
 * the {@link ResultsFile}, log an INFO start line, call the {@link AlertScorer}, log an INFO summary line,
 * exit {@value #EXIT_OK}. Any failure: one {@code ERROR} line, exit {@value #EXIT_FAILURE}. stdout stays empty;
 * the session key is masked in every line.
 */
public final class AlertActionMain {
  public static final String ACTION = "ide_tunnel_risk_score";
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_USAGE = 2;
  /** Most bytes read from stdin. */
  static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
  private static final String USAGE = "usage: ide_tunnel_risk_score.sh --execute < payload.json";

  private final AlertScorer scorer;
  private final Clock clock;

  public AlertActionMain(AlertScorer scorer, Clock clock) {
    this.scorer = scorer;
    this.clock = clock;
  }

  /** Runs with the process's streams and environment. */
  public int run(String[] args) {
    return run(args, System.in, System.out, System.err, System.getenv());
  }

  public int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
    Redactor redactor = new Redactor();
    Log log = Log.lines(err, redactor);
    for (String arg : args) {
      if (!arg.equalsIgnoreCase("--execute")) {
        log.error("unknown argument '" + arg + "'; " + USAGE);
        return EXIT_USAGE;
      }
    }
    long start = clock.millis();
    try {
      String json = readPayload(in);
      if (args.length == 0 && json.isBlank()) {
        log.error("no payload on stdin; " + USAGE);
        return EXIT_USAGE;
      }
      AlertPayload payload = AlertPayload.parse(json);
      payload.sessionKey().ifPresent(redactor::add);
      AlertSettings settings = AlertSettings.from(payload.configuration());
      for (String key : settings.unknownKeys()) {
        log.warn("configuration: unknown parameter '" + key + "' ignored");
      }
      Path resultsFile = ResultsFile.fromEnvironment(env).check(payload.resultsFile());
      log.info(startLine(payload, settings, resultsFile));
      AlertSummary summary = scorer.score(payload, settings, resultsFile);
      log.info(doneLine(payload, summary, clock.millis() - start));
      return EXIT_OK;
    } catch (Exception e) {
      log.error(describe(e));
      return EXIT_FAILURE;
    } finally {
      out.flush();
    }
  }

  private static String readPayload(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
    if (bytes.length > MAX_PAYLOAD_BYTES) {
      throw new AlertException("payload: larger than " + MAX_PAYLOAD_BYTES + " bytes");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String startLine(AlertPayload payload, AlertSettings settings, Path resultsFile) {
    Map<String, String> kv = new LinkedHashMap<>();
    kv.put("action", ACTION);
    kv.put("status", "starting");
    kv.put("sid", payload.sid());
    kv.put("search_name", payload.searchName());
    kv.put("rules", settings.rules().confName());
    kv.put("index", settings.index());
    kv.put("results_file", resultsFile.toString());
    return KeyValues.format(kv);
  }

  private static String doneLine(AlertPayload payload, AlertSummary summary, long elapsedMillis) {
    Map<String, String> kv = new LinkedHashMap<>();
    kv.put("action", ACTION);
    kv.put("status", "ok");
    kv.put("sid", payload.sid());
    kv.put("rows_read", Long.toString(summary.rowsRead()));
    kv.put("hits", Long.toString(summary.hits()));
    kv.put("risk_events", Long.toString(summary.riskEvents()));
    kv.put("risk_events_written", Long.toString(summary.riskEventsWritten()));
    kv.put("duration_ms", Long.toString(elapsedMillis));
    return KeyValues.format(kv);
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return "failed with " + e.getClass().getSimpleName();
    }
    return message;
  }
}
