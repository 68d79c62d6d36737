package org.idetunnelrisk.splunk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;

/** Shared test doubles: a recording sleeper and log, a client on a {@link FakeSplunk}, risk events. */
final class Fixtures {
  static final String KEY = "s3cr3t-Session-KEY-0123456789";

  private Fixtures() {}

  /** Records each requested delay instead of sleeping. */
  static final class FakeSleeper implements Sleeper {
    final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void sleep(Duration d) {
      slept.add(d);
    }
  }

  /** Keeps {@code LEVEL message} lines. */
  static final class RecordingLog implements Log {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void log(Level level, String message) {
      lines.add(level + " " + message);
    }
  }

  static FakeSplunk fake() {
    return FakeSplunk.http(KEY);
  }

  static SplunkRestClient client(Settings settings, SessionKey credential, Sleeper sleeper, Log log)
      throws SplunkException {
    return SplunkRestClient.create(settings, credential, log, sleeper, () -> 0.0);
  }

  static SplunkRestClient client(FakeSplunk fake, Sleeper sleeper, Log log) throws SplunkException {
    return client(Settings.builder(fake.uri()).build(), new SessionKey(KEY), sleeper, log);
  }

  static RiskEvent event(String id, String dest, Map<String, List<String>> extra) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    fields.put("dest", List.of(dest));
    fields.putAll(extra);
    return new RiskEvent(id, 1790860000.123, dest, "system", 20,
        "devtunnel.exe ran on " + dest, List.of("code.exe"), List.of("process"),
        "IDE Tunnel - Devtunnel Execution - Rule", "6c3b1d3e-0000-4000-8000-000000000001",
        "Devtunnel Execution", List.of("T1219.001"), List.of("IDE Tunnelling"), List.of(), fields);
  }

  static RiskEvent event(String id, String dest) {
    return event(id, dest, Map.of());
  }
}
