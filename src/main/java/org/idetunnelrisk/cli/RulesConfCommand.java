package org.idetunnelrisk.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.idetunnelrisk.app.AppRulebook;
import org.idetunnelrisk.spl.SavedSearchConf;

/**
 * {@code rules savedsearches [DIR...]} and {@code rules filter-macros [DIR...]}: print the saved searches, or
 * their filter macros, generated from the rules (the shipped set when no folder is named), in conf form.
 * The app's {@code default/savedsearches.conf} and the generated block of {@code default/macros.conf} are
 * this output for the shipped rules; content teams run it over their own rule folders for {@code local/}.
 */
final class RulesConfCommand {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean macros;

  RulesConfCommand(PrintStream out, PrintStream err, boolean macros) {
    this.out = out;
    this.err = err;
    this.macros = macros;
  }

  int run(String[] args) {
    List<String> dirs = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("-")) {
        err.println("rules " + (macros ? "filter-macros" : "savedsearches") + ": unknown option '" + a + "'");
        return ExitCode.USAGE;
      }
      dirs.add(a);
    }
    AppRulebook book = Loading.read("rules", null, dirs, null, err);
    if (book == null || Loading.refused(book, "nothing was scanned", err)) {
      return ExitCode.USAGE;
    }
    out.print(macros ? SavedSearchConf.filterMacros(book.rules().rules())
        : SavedSearchConf.savedSearches(book.rules().rules(), book.tactics()));
    return ExitCode.OK;
  }
}
