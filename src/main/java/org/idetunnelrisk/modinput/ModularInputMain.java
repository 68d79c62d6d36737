package org.idetunnelrisk.modinput;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.idetunnelrisk.spl.Feed;
import org.idetunnelrisk.splunk.Log;
import org.idetunnelrisk.splunk.Redactor;

/**
 * The modular input's process entry, called by splunkd through {@code bin/ide_tunnel_risk.sh} in one of three
 * modes chosen by the first argument (compared case-insensitively):
 * <ul>
 *   <li>{@code --scheme}: at splunkd start-up; prints {@link Scheme#toXml()}, exit 0.</li>
 *   <li>{@code --validate-arguments}: when an admin creates or edits an input; reads a
 *       {@link ValidationDefinition}, checks its {@link Settings}; prints nothing and exits 0 when valid,
 *       else prints {@code <error><message>...</message></error>} (Splunk Web shows the message) and exits 1.</li>
 *   <li>no argument: every {@code interval}; reads the {@link InputDefinition}, and per stanza checks the
 *       settings, calls the {@link StanzaRunner}, and writes one run-summary event (sourcetype
 *       {@value #RUN_SOURCETYPE}, index the stanza's {@code index} if set, else {@value #RUN_INDEX}). Every run
 *       leaves one: when the settings are bad or the runner throws (its configuration, allowlist, rules or CA
 *       did not load) the event says {@code status=failed reason="..."} with zero counts, and an input
 *       definition that cannot be read gives one such event in {@value #RUN_INDEX}. Exit 0 if every stanza
 *       succeeded, else 1 with one {@code ERROR <stanza>: <message>} line per failure.</li>
 * </ul>
 * Anything else: one {@code ERROR} line, exit 1. stderr carries only {@code LEVEL message} lines, session
 * key masked, never a stack trace. Thread-safe if the runner is; normally used once per process.
 */
public final class ModularInputMain {
  public static final String RUN_SOURCETYPE = "ide_tunnel_risk:run";
  public static final String RUN_INDEX = "_internal";

  private final Scheme scheme;
  private final StanzaRunner runner;
  private final Clock clock;

  public ModularInputMain(StanzaRunner runner, Clock clock) {
    this.scheme = Scheme.ideTunnelRisk();
    this.runner = runner;
    this.clock = clock;
  }

  /** Runs with the process's streams. */
  public int run(String[] args) {
    return run(args, System.in, System.out, System.err);
  }

  public int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    Redactor redactor = new Redactor();
    Log log = Log.lines(err, redactor);
    if (args.length == 0) {
      return stream(in, out, log, redactor);
    }
    switch (args[0].toLowerCase(Locale.ROOT)) {
      case "--scheme" -> {
        out.print(scheme.toXml());
        out.flush();
        return 0;
      }
      case "--validate-arguments" -> {
        return validate(in, out, redactor);
      }
      default -> {
        String given = String.join(" ", args);
        log.error("Invalid arguments to modular input " + Scheme.NAME + ": '" + given
            + "'; expected --scheme, --validate-arguments, or no argument");
        return 1;
      }
    }
  }

  private int validate(InputStream in, PrintStream out, Redactor redactor) {
    try {
      ValidationDefinition definition = ValidationDefinition.parse(in);
      definition.metadata().sessionKey().ifPresent(redactor::add);
      Settings.from(definition.name(), definition.parameters());
      return 0;
    } catch (ModularInputException e) {
      out.print("<error><message>" + Xml.escapeText(redactor.redact(e.getMessage())) + "</message></error>\n");
      out.flush();
      return 1;
    }
  }

  private int stream(InputStream in, PrintStream out, Log log, Redactor redactor) {
    EventWriter writer = new EventWriter(out, log);
    try {
      InputDefinition definition;
      try {
        definition = InputDefinition.parse(in);
      } catch (ModularInputException e) {
        log.error(e.getMessage());
        Map<String, String> data = summaryData(null, null, NOTHING, redactor.redact(e.getMessage()), 0);
        writer.write(Event.of(KeyValues.format(data)).withTime(clock.millis() / 1000.0).withSource(Scheme.NAME)
            .withSourcetype(RUN_SOURCETYPE).withIndex(RUN_INDEX));
        return 1;
      }
      definition.metadata().sessionKey().ifPresent(redactor::add);
      if (definition.stanzas().isEmpty()) {
        log.warn("input definition has no stanza; nothing to do");
        return 0;
      }
      int failures = 0;
      for (Stanza stanza : definition.stanzas()) {
        if (!runStanza(definition, stanza, writer, redactor)) {
          failures++;
        }
      }
      return failures == 0 ? 0 : 1;
    } finally {
      writer.close();
    }
  }

  private boolean runStanza(InputDefinition definition, Stanza stanza, EventWriter writer, Redactor redactor) {
    long start = clock.millis();
    Settings settings = null;
    try {
      settings = Settings.from(stanza.name(), stanza.parameters());
      RunSummary summary = runner.run(definition, settings, writer);
      writer.write(summaryEvent(definition, stanza,
          summaryData(settings.name(), settings, summary, null, clock.millis() - start)));
      return summary.ok();
    } catch (Exception e) {
      String reason = describe(e);
      writer.log().error(stanza.name() + ": " + reason);
      writer.write(summaryEvent(definition, stanza, summaryData(Scheme.shortName(stanza.name()), settings, NOTHING,
          redactor.redact(reason), clock.millis() - start)));
      return false;
    }
  }

  /** The counts of a run that stopped before it polled. */
  private static final RunSummary NOTHING = RunSummary.of(0, 0, 0, 0);

  /**
   * The summary's {@code key=value} pairs: {@code status} ({@code failed} with a {@code reason} when the run could
   * not start), the input and its settings when known, the counts, then the summary's extra pairs.
   */
  private static Map<String, String> summaryData(String input, Settings settings, RunSummary summary, String reason,
      long elapsedMillis) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("status", reason != null ? "failed" : summary.extra().getOrDefault(RunSummary.STATUS, RunSummary.OK));
    if (reason != null) {
      data.put("reason", reason);
    }
    if (input != null) {
      data.put("input", input);
    }
    if (settings != null) {
      data.put("feeds", settings.feeds().stream().map(Feed::id).collect(Collectors.joining(",")));
      data.put("window", settings.window());
      data.put("lag", settings.lag());
      data.put("dry_run", settings.dryRun() ? "1" : "0");
    }
    data.put("rows_read", Long.toString(summary.rowsRead()));
    data.put("hits", Long.toString(summary.hits()));
    data.put("risk_events", Long.toString(summary.riskEvents()));
    data.put("risk_events_written", Long.toString(summary.riskEventsWritten()));
    data.put("duration_ms", Long.toString(elapsedMillis));
    summary.extra().forEach(data::putIfAbsent);
    return data;
  }

  /** The stanza's run-summary event: to the stanza's {@code index} when one is set, else {@value #RUN_INDEX}. */
  private Event summaryEvent(InputDefinition definition, Stanza stanza, Map<String, String> data) {
    String index = stanza.parameters().get("index").map(String::strip).filter(i -> !i.isEmpty())
        .filter(i -> !i.equals("default")).orElse(RUN_INDEX);
    String host = stanza.parameters().get("host").map(String::strip).filter(h -> !h.isEmpty())
        .orElse(definition.metadata().serverHost().isEmpty() ? null : definition.metadata().serverHost());
    return Event.of(KeyValues.format(data))
        .withStanza(stanza.name())
        .withTime(clock.millis() / 1000.0)
        .withSource(stanza.name())
        .withSourcetype(RUN_SOURCETYPE)
        .withIndex(index)
        .withHost(host);
  }

  /** The exception's message for the ERROR line; its type when it has none. */
  static String describe(Exception e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return "failed with " + e.getClass().getSimpleName();
    }
    return message;
  }
}
