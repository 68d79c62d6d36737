package org.idetunnelrisk.cli;

import java.time.Clock;
import org.idetunnelrisk.app.AppHome;
import org.idetunnelrisk.app.Poller;
import org.idetunnelrisk.app.ResultsScorer;
import org.idetunnelrisk.alert.AlertActionMain;
import org.idetunnelrisk.alert.AlertScorer;
import org.idetunnelrisk.modinput.ModularInputMain;
import org.idetunnelrisk.modinput.StanzaRunner;

/**
 * The jar's Splunk-facing commands, called by {@code Main} for {@code modinput} (from
 * {@code bin/ide_tunnel_risk.sh}) and {@code alert} (from {@code bin/ide_tunnel_risk_score.sh}). Each returns
 * the process exit code. The overloads taking a runner or scorer let tests run the protocols with stand-ins.
 */
public final class AppEntryPoints {
  private AppEntryPoints() {}

  /** The modular input: run mode polls Splunk with the {@link Poller} of the app this jar is installed in. */
  public static int modinput(String[] args) {
    return modinput(args, new Poller(AppHome.ofRunningJar(), Clock.systemUTC()));
  }

  public static int modinput(String[] args, StanzaRunner runner) {
    return new ModularInputMain(runner, Clock.systemUTC()).run(args);
  }

  /** The alert action: scores the results file with the {@link ResultsScorer} of the app this jar is in. */
  public static int alert(String[] args) {
    return alert(args, new ResultsScorer(AppHome.ofRunningJar(), Clock.systemUTC(), System.err));
  }

  public static int alert(String[] args, AlertScorer scorer) {
    return new AlertActionMain(scorer, Clock.systemUTC()).run(args);
  }
}
