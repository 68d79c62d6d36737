package org.idetunnelrisk.modinput;

import java.util.ArrayList;
import java.util.List;

/** A working stand-in for the poller: records each call, optionally writes an event, returns fixed counts. */
final class FakeStanzaRunner implements StanzaRunner {
  final List<Settings> calls = new ArrayList<>();
  RunSummary summary = RunSummary.of(42, 3, 3, 2);
  Exception failure;

  @Override
  public RunSummary run(InputDefinition definition, Settings stanza, EventWriter out) throws Exception {
    calls.add(stanza);
    if (failure != null) {
      throw failure;
    }
    out.log().info("polling " + stanza.name() + " with key "
        + definition.metadata().sessionKey().map(k -> k.secret()).orElse(""));
    return summary;
  }
}
