package org.idetunnelrisk.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.sigma.RuleSet;

/**
 * {@code rules check DIR...}: loads every rule file under the folders (or the files named), prints each
 * problem as {@code file:line: message} on stderr and a one-line count on stdout. Exit 1 when any rule is
 * invalid, 2 on bad usage.
 */
final class RulesCheckCommand {
  private final PrintStream out;
  private final PrintStream err;

  RulesCheckCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      (args.length == 0 ? err : out).println("usage: ide-tunnel-risk rules check DIR...");
      return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
    }
    List<Path> paths = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("-")) {
        err.println("rules check: unknown option '" + a + "'");
        return ExitCode.USAGE;
      }
      Path p = Path.of(a);
      if (!Files.exists(p)) {
        err.println(a + ": no such rule folder or file");
        return ExitCode.USAGE;
      }
      paths.add(p);
    }
    RuleSet set = new RuleLoader(FieldTable.shipped()).load(paths);
    Rulebook.printProblems(set.problems(), err);
    Rulebook.printWarnings(set.warnings(), err);
    int correlations = set.correlations().rules().size();
    out.println(set.rules().size() + " rule(s) valid, " + set.problems().size() + " problem(s)"
        + (correlations > 0 ? ", " + correlations + " correlation rule(s)" : "")
        + (set.warnings().isEmpty() ? "" : ", " + set.warnings().size() + " warning(s)"));
    return set.problems().isEmpty() ? ExitCode.OK : ExitCode.INPUT_ERROR;
  }
}
