package org.idetunnelrisk.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.idetunnelrisk.scoring.ScanStats;

/**
 * The human table {@code scan --summary} prints on stderr: per rule and per risk object, count, total score and
 * first and last seen (UTC), highest total score first (ties by count, then name), so the host to look at first
 * is on top.
 */
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

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private static void section(PrintStream to, String title, Map<String, ScanStats.Tally> rows) {
    to.println();
    int width = Math.max(title.length(), rows.keySet().stream().mapToInt(String::length).max().orElse(0));
    String fmt = "%-" + width + "s  %8s  %8s  %-19s  %-19s%n";
    to.printf(fmt, title, "count", "score", "first seen (UTC)", "last seen (UTC)");
    List<Map.Entry<String, ScanStats.Tally>> sorted = new ArrayList<>(rows.entrySet());
    sorted.sort(Comparator.comparingLong((Map.Entry<String, ScanStats.Tally> e) -> e.getValue().score()).reversed()
        .thenComparing(Comparator.comparingLong((Map.Entry<String, ScanStats.Tally> e) -> e.getValue().count())
            .reversed())
        .thenComparing(Map.Entry::getKey));
    sorted.forEach(e -> to.printf(fmt, e.getKey(), e.getValue().count(), e.getValue().score(),
        when(e.getValue().first()), when(e.getValue().last())));
    if (rows.isEmpty()) {
      to.println("(none)");
    }
  }

  private static String when(double t) {
    return Double.isNaN(t) ? "-" : TIME.format(Instant.ofEpochMilli(Math.round(t * 1000)));
  }
}
