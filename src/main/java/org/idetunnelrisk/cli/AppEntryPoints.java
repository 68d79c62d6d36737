package org.idetunnelrisk.cli;

import java.time.Clock;
import org.idetunnelrisk.alert.AlertActionMain;
import org.idetunnelrisk.alert.AlertScorer;
import org.idetunnelrisk.modinput.ModularInputMain;
import org.idetunnelrisk.modinput.StanzaRunner;

/**
 * The jar's Splunk-facing commands, called by {@code Main} for {@code modinput} (from
 * {@code bin/ide_tunnel_risk.sh}) and {@code alert} (from {@code bin/ide_tunnel_risk_score.sh}). Each returns
 * the process exit code. The overloads taking a runner or scorer are where the application wires in the
 * poller and the scorer; the one-argument forms use stand-ins that refuse to run (so {@code --scheme} and
 * {@code --validate-arguments} work before the poller exists).
 */
public final class AppEntryPoints {
  /** Stand-in until the poller is wired: run mode fails with a clear ERROR line. */
  static final StanzaRunner NOT_WIRED_RUNNER = (definition, stanza, out) -> {
    throw new UnsupportedOperationException("run mode is not available in this build");
  };
  /** Stand-in until the scorer is wired. */
  static final AlertScorer NOT_WIRED_SCORER = (payload, settings, resultsFile) -> {
    throw new UnsupportedOperationException("scoring is not available in this build");
  };

  private AppEntryPoints() {}

  public static int modinput(String[] args) {
    return modinput(args, NOT_WIRED_RUNNER);
  }

  public static int modinput(String[] args, StanzaRunner runner) {
    return new ModularInputMain(runner, Clock.systemUTC()).run(args);
  }

  public static int alert(String[] args) {
    return alert(args, NOT_WIRED_SCORER);
  }

  public static int alert(String[] args, AlertScorer scorer) {
    return new AlertActionMain(scorer, Clock.systemUTC()).run(args);
  }
}
