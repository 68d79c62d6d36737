package org.idetunnelrisk.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.idetunnelrisk.engine.TacticTable;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.idetunnelrisk.splunk.emulator.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives every failure path with a server that echoes the secrets back, then greps every log line,
 * exception message and {@code toString()} for the session key.
 */
class SecretLeakTest {
  @TempDir java.nio.file.Path dir;

  @Test
  void noSecretInAnyLogLineExceptionOrToString() throws Exception {
    List<String> texts = new ArrayList<>();
    Fixtures.FakeSleeper sleeper = new Fixtures.FakeSleeper();
    Fixtures.RecordingLog log = new Fixtures.RecordingLog();
    String echo = "token " + Fixtures.KEY + " rejected";
    try (FakeSplunk fake = Fixtures.fake()) {
      Settings settings = Settings.builder(fake.uri()).verifyTls(false).build();
      try (SplunkRestClient c = Fixtures.client(settings, new SessionKey(Fixtures.KEY), sleeper, log)) {
        texts.add(c.toString());
        texts.add(settings.toString());
        fake.export().enqueue(Reply.messages(500, "ERROR", echo), Reply.messages(500, "ERROR", echo),
            Reply.messages(500, "ERROR", echo), Reply.messages(500, "ERROR", echo));
        texts.add(assertThrows(SplunkException.class, () -> c.export("index=main", "0", "now")).getMessage());
        fake.export().enqueue(Reply.messages(400, "FATAL", echo));
        texts.add(assertThrows(SplunkException.class, () -> c.export("index=main", "0", "now")).getMessage());
        fake.export().stream("{\"preview\":false,\"messages\":[{\"type\":\"WARN\",\"text\":\"" + echo
            + "\"},{\"type\":\"FATAL\",\"text\":\"" + echo + "\"}]}");
        try (ResultStream s = c.export("index=main", "0", "now")) {
          texts.add(assertThrows(SplunkException.class, s::next).getMessage());
        }
        fake.export().stream("{\"preview\":false,\"result\":{\"" + Fixtures.KEY + "\" \"x\"}}");
        try (ResultStream s = c.export("index=main", "0", "now")) {
          texts.add(assertThrows(SplunkException.class, s::next).getMessage());
        }
        fake.receivers().enqueue(Reply.messages(400, "ERROR", echo));
        WriteResult w = c.writeRiskEvents(List.of(Fixtures.event("e1", "ws1")),
            new RiskWriteOptions("risk", "sh1", TacticTable.EMPTY, RiskOrigin.NONE));
        w.failed().forEach(f -> texts.add(f.error().getMessage()));
        texts.add(w.toString());
        fake.kvStore().enqueue(Reply.messages(500, "ERROR", echo));
        KvStoreCheckpoints store = new KvStoreCheckpoints(c, new FileCheckpoints(dir), log);
        texts.add(assertThrows(CheckpointException.class,
            () -> store.save(new Checkpoint("k", 1, List.of(), 2))).getMessage());
        fake.expireKey();
        texts.add(assertThrows(SplunkException.class, () -> c.kvGet("ide_tunnel_risk_state", "k")).getMessage());
      }
    }
    texts.addAll(log.lines);
    texts.add(new SessionKey(Fixtures.KEY).toString());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Log.lines(new PrintStream(bytes, true, StandardCharsets.UTF_8), new Redactor().add(new SessionKey(Fixtures.KEY)))
        .error("login with " + Fixtures.KEY + "\nfailed");
    texts.add(bytes.toString(StandardCharsets.UTF_8));
    assertEquals("ERROR login with **** failed\n", bytes.toString(StandardCharsets.UTF_8));

    for (String text : texts) {
      assertFalse(text.contains(Fixtures.KEY), "secret leaked in: " + text);
    }
    assertEquals("POST /services/receivers/simple: HTTP 400: ERROR: token **** rejected", texts.get(6));
  }
}
