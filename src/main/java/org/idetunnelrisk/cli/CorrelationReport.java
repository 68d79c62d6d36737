package org.idetunnelrisk.cli;

import java.io.PrintStream;
import org.idetunnelrisk.correlation.Correlator;
import org.idetunnelrisk.scoring.ScanStats;

/**
 * What {@code scan} says of its correlations: on stderr, always, each kind of hit that was not correlated (past
 * the cap, without time, without a group-by value), so a cut is never silent; with {@code --summary}, the count
 * of correlation risk events too.
 */
final class CorrelationReport {
  private CorrelationReport() {}

  static void warn(Correlator c, Correlator.Settings settings, PrintStream err) {
    Correlator.Counts n = c.counts();
    if (n.overCap() > 0) {
      err.println("scan: correlation state held its cap of " + settings.maxHeldEvents() + " events: " + n.overCap()
          + " later hit(s) of correlated rules were not correlated; scan fewer files at once");
    }
    if (n.untimed() > 0) {
      err.println("scan: " + n.untimed() + " hit(s) of correlated rules had no event time and were not correlated");
    }
    if (n.ungrouped() > 0) {
      err.println("scan: " + n.ungrouped() + " hit(s) of correlated rules lacked a group-by field and were not"
          + " correlated");
    }
  }

  /** One line after the tables, when a correlation gave a risk event or a hit was not correlated. */
  static void summary(ScanStats stats, Correlator c, PrintStream to) {
    Correlator.Counts n = c.counts();
    if (stats.correlationRiskEvents() == 0 && n.overCap() + n.untimed() + n.ungrouped() == 0) {
      return;
    }
    to.printf("%ncorrelations %d, correlation risk events %d, hits not correlated: past the cap %d, without time %d,"
        + " without a group-by value %d%n", c.correlations().rules().size(), stats.correlationRiskEvents(),
        n.overCap(), n.untimed(), n.ungrouped());
  }
}
