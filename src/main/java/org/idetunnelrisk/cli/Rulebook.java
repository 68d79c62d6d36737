package org.idetunnelrisk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.fields.FieldTableException;
import org.idetunnelrisk.sigma.RuleLoader;
import org.idetunnelrisk.sigma.RuleProblem;
import org.idetunnelrisk.sigma.RuleSet;

/**
 * Loads what a command needs before it reads any input: the field table (shipped, extended by
 * {@code --fields}) and the rules (shipped, or {@code --rules} folders). Any problem is printed as
 * {@code file:line: message}, sorted, and the command refuses to start.
 */
final class Rulebook {
  final FieldTable fields;
  final RuleSet rules;

  private Rulebook(FieldTable fields, RuleSet rules) {
    this.fields = fields;
    this.rules = rules;
  }

  /** The loaded rulebook, or null after printing every problem to {@code err}. */
  static Rulebook load(List<String> ruleDirs, String fieldsFile, PrintStream err) {
    FieldTable fields = FieldTable.shipped();
    if (fieldsFile != null) {
      Path p = Path.of(fieldsFile);
      if (!Files.isRegularFile(p)) {
        err.println(fieldsFile + ": no such field table file");
        return null;
      }
      try {
        fields = fields.extendedBy(p);
      } catch (FieldTableException e) {
        err.println(e.getMessage());
        return null;
      } catch (IOException e) {
        err.println(fieldsFile + ": cannot read: " + e.getMessage());
        return null;
      }
    }
    RuleLoader loader = new RuleLoader(fields);
    RuleSet set;
    if (ruleDirs.isEmpty()) {
      set = loader.loadShipped();
    } else {
      List<Path> paths = new ArrayList<>();
      for (String d : ruleDirs) {
        Path p = Path.of(d);
        if (!Files.exists(p)) {
          err.println(d + ": no such rule folder or file");
          return null;
        }
        paths.add(p);
      }
      set = loader.load(paths);
    }
    if (!set.problems().isEmpty()) {
      printProblems(set.problems(), err);
      err.println(set.problems().size() + " rule problem(s); nothing was scanned");
      return null;
    }
    printWarnings(set.warnings(), err);
    return new Rulebook(fields, set);
  }

  /** Warnings (a filter naming no loaded rule...) as {@code file:line: warning: message}, sorted; loading went on. */
  static void printWarnings(List<RuleProblem> warnings, PrintStream to) {
    warnings.stream().map(w -> (w.line() > 0 ? w.file() + ":" + w.line() : w.file()) + ": warning: " + w.message())
        .sorted().forEach(to::println);
  }

  static void printProblems(List<RuleProblem> problems, PrintStream to) {
    problems.stream().map(RuleProblem::toString).sorted().forEach(to::println);
  }
}
