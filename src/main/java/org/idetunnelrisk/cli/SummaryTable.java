package org.idetunnelrisk.cli;

import java.io.PrintStream;
import java.util.Map;
import org.idetunnelrisk.scoring.ScanStats;

/** The human table {@code scan --summary} prints on stderr: per rule and per risk object, count and score. */
final class SummaryTable {
  private SummaryTable() {}

  /** @param allowlist whether an allowlist was applied ({@code scan --app}): its count is printed then */
  static void print(ScanStats s, int files, long errors, boolean allowlist, PrintStream to) {
    to.printf("files %d, records %d, unreadable %d, risk events %d, duplicates dropped %d, suppressed by score %d,"
        + " hits without risk object %d%s%n",
        files, s.records(), errors, s.riskEvents(), s.duplicates(), s.suppressed(), s.unattributed(),
        allowlist ? ", allowlisted " + s.allowlisted() : "");
    section(to, "rule", s.byRule());
    section(to, "risk object", s.byRiskObject());
    if (!s.unattributedByRule().isEmpty()) {
      to.println();
      to.println("hits without a risk object (not written):");
      s.unattributedByRule().forEach((rule, n) -> to.printf("  %6d  %s%n", n, rule));
      s.unattributedExamples().forEach(x -> to.println("    e.g. " + x));
    }
  }

  private static void section(PrintStream to, String title, Map<String, ScanStats.Tally> rows) {
    to.println();
    int width = Math.max(title.length(), rows.keySet().stream().mapToInt(String::length).max().orElse(0));
    String fmt = "%-" + width + "s  %8s  %8s%n";
    to.printf(fmt, title, "count", "score");
    rows.forEach((k, t) -> to.printf(fmt, k, t.count(), t.score()));
    if (rows.isEmpty()) {
      to.println("(none)");
    }
  }
}
