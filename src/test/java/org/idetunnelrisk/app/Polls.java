package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.idetunnelrisk.modinput.ModularInputMain;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;

/** Test helper: one run of the modular input (stanza {@code corp}) at {@link PollerTest#T} against an emulator. */
final class Polls {
  private Polls() {}

  /** Runs the input over {@code feeds} with the app at {@code home}; returns its stderr after asserting exit 0. */
  static String run(FakeSplunk fake, String key, Path dir, String feeds, AppHome home) throws IOException {
    fake.kvStore().declare("ide_tunnel_risk_state");
    fake.receivers().indexingLag(Duration.ZERO, () -> 0L);
    Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
    String definition = "<input><server_host>sh1</server_host><server_uri>" + fake.uri() + "</server_uri>"
        + "<session_key>" + key + "</session_key><checkpoint_dir>" + checkpoints + "</checkpoint_dir>"
        + "<configuration><stanza name=\"ide_tunnel_risk://corp\" app=\"ide_tunnel_risk\">"
        + "<param name=\"feeds\">" + feeds + "</param><param name=\"interval\">3600</param></stanza></configuration></input>";
    TestClock clock = new TestClock(PollerTest.T);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Poller poller = new Poller(home, clock, clock.sleeper(), b -> b.backoff(Duration.ofMillis(1), Duration.ofMillis(2)));
    int exit = new ModularInputMain(poller, clock).run(new String[0],
        new ByteArrayInputStream(definition.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String e = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, e);
    return e;
  }
}
