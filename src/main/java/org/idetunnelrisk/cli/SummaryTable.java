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
 * The human table {@code scan --summary} prints on stderr: per input, what was read and whether the rules could
 * evaluate it (format, layouts, records read, evaluated, not evaluable, skipped by the prefilter), in reading
 * order; then per rule and per risk object, count, total score and first and last seen (UTC), highest total score
 * first (ties by count, then name), so the host to look at first is on top. And the warning {@code scan} prints
 * with or without {@code --summary} for an input whose records were read and none could be evaluated.
 */
final class SummaryTable {
  private SummaryTable() {}

  /** @param allowlist whether an allowlist was applied ({@code scan --app}): its count is printed then */
  static void print(ScanStats s, int files, long errors, boolean allowlist, PrintStream to) {
    to.printf("files %d, records %d, unreadable %d, risk events %d, duplicates dropped %d, suppressed by score %d,"
        + " hits without risk object %d%s%n",
        files, s.records(), errors, s.riskEvents(), s.duplicates(), s.suppressed(), s.unattributed(),
        allowlist ? ", allowlisted " + s.allowlisted() : "");
    inputs(to, s.byInput());
    section(to, "rule", s.byRule());
    section(to, "risk object", s.byRiskObject());
    if (!s.unattributedByRule().isEmpty()) {
      to.println();
      to.println("hits without a risk object (not written):");
      s.unattributedByRule().forEach((rule, n) -> to.printf("  %6d  %s%n", n, rule));
      s.unattributedExamples().forEach(x -> to.println("    e.g. " + x));
    }
  }

  /**
   * One line per input whose records were read and none could be evaluated: {@code FILE: warning: ...}, naming the
   * first such record's fields, so an export in a layout nobody maps is never scored as silently clean.
   */
  static void warnUnevaluated(ScanStats s, PrintStream to) {
    s.byInput().forEach((name, in) -> {
      if (in.read() > 0 && in.evaluated() == 0) {
        to.println(name + ": warning: " + in.read() + (in.read() == 1 ? " record" : " records")
            + " read and none could be evaluated: no source or layout recognised and no field a rule tests"
            + " (the first has " + String.join(", ", in.unevaluableFields().stream().map(SummaryTable::cut).toList())
            + (in.unevaluableFields().size() == ScanStats.Input.EXAMPLE_FIELDS ? ", ..." : "")
            + "); see the README's formats and layouts, or map the names with --fields");
      }
    });
  }

  /** A field name as the warning quotes it: at most 40 characters (text read as a CSV header can be a paragraph). */
  private static String cut(String name) {
    return name.length() <= 40 ? name : name.substring(0, 40) + "...";
  }

  private static void inputs(PrintStream to, Map<String, ScanStats.Input> inputs) {
    to.println();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"input", "format", "layouts", "read", "evaluated", "not evaluable", "prefiltered"});
    inputs.forEach((name, in) -> rows.add(new String[] {name, in.format(), layouts(in.layouts()),
        Long.toString(in.read()), Long.toString(in.evaluated()), Long.toString(in.notEvaluable()),
        Long.toString(in.prefiltered())}));
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        String cell = i < 3 ? String.format("%-" + width[i] + "s", r[i]) : String.format("%" + width[i] + "s", r[i]);
        line.append(i == 0 ? "" : "  ").append(cell);
      }
      to.println(line.toString().stripTrailing());
    }
  }

  /** {@code native}, or {@code winlogbeat 3, unknown 2} when an input holds several. */
  private static String layouts(Map<String, Long> layouts) {
    if (layouts.size() == 1) {
      return layouts.keySet().iterator().next();
    }
    List<String> parts = new ArrayList<>();
    layouts.forEach((l, n) -> parts.add(l + " " + n));
    return parts.isEmpty() ? "-" : String.join(", ", parts);
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
