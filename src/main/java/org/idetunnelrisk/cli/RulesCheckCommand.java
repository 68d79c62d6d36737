package org.idetunnelrisk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.idetunnelrisk.app.AppHome;
import org.idetunnelrisk.app.AppRulebook;
import org.idetunnelrisk.app.RuleReview;
import org.idetunnelrisk.sigma.RuleSet;

/**
 * {@code rules check [--app DIR] [--fields FILE] [--strict] [DIR...]}: loads every rule file under the folders
 * (or the files named), or everything the app {@code DIR} loads (its rule folders, conf files, field tables and
 * allowlists, plus the folders named, as {@code scan --app} does), and prints on stderr:
 * <ul>
 *   <li>each problem as {@code file:line: message} (what makes the modular input and {@code scan} refuse to
 *       start);
 *   <li>each {@link RuleReview} finding and, with {@code --app}, each conf setting that changes nothing and each
 *       expired allowlist row, as {@code file:line: warning: message} or {@code file:line: info: message};
 * </ul>
 * then a one-line count on stdout. Exit 1 when any problem was found, or any warning with {@code --strict};
 * 0 otherwise (information never counts); 2 on bad usage.
 */
final class RulesCheckCommand {
  private final PrintStream out;
  private final PrintStream err;
  /** Today's date, for the allowlist's expiry. */
  private final Clock clock;

  RulesCheckCommand(PrintStream out, PrintStream err) {
    this(out, err, Clock.systemUTC());
  }

  RulesCheckCommand(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("app").hasArg().argName("DIR")
        .desc("check everything the unpacked app DIR loads (rule folders, local/ overrides, fields, allowlist)").get());
    o.addOption(Option.builder().longOpt("fields").hasArg().argName("FILE")
        .desc("extend the field table with FILE, as scan --fields does").get());
    o.addOption(Option.builder().longOpt("strict").desc("exit 1 when there is any warning").get());
    o.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
    return o;
  }

  int run(String[] args) {
    CommandLine cl;
    try {
      cl = new DefaultParser().parse(options(), args);
    } catch (ParseException e) {
      err.println("rules check: " + e.getMessage());
      usage(err);
      return ExitCode.USAGE;
    }
    if (cl.hasOption("help")) {
      usage(out);
      return ExitCode.OK;
    }
    String app = cl.getOptionValue("app");
    List<String> dirs = cl.getArgList();
    if (dirs.isEmpty() && app == null) {
      usage(err);
      return ExitCode.USAGE;
    }
    AppRulebook book = Loading.read("rules check", app, dirs, cl.getOptionValue("fields"), err);
    if (book == null) {
      return ExitCode.USAGE;
    }
    if (!book.setupProblems().isEmpty()) {
      book.setupProblems().forEach(err::println);
      out.println("0 rule(s) valid, " + book.setupProblems().size() + " problem(s) in ide_tunnel_risk.conf, the field"
          + " tables or the allowlist (the rules were not loaded)");
      return ExitCode.INPUT_ERROR;
    }
    List<String> problems = book.ruleProblems();
    problems.forEach(err::println);
    List<String> warnings = new ArrayList<>();
    List<RuleReview.Finding> findings;
    if (app != null) {
      book.warnings(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).forEach(w -> warnings.add(Loading.warning(w)));
      findings = RuleReview.ofApp(book);
    } else {
      RuleSet shipped;
      try {
        shipped = AppHome.withoutApp(List.of()).read(List.of(), List.of()).shipped();
      } catch (IOException e) {
        err.println("rules check: cannot read the shipped rules: " + e.getMessage());
        return ExitCode.INTERNAL;
      }
      findings = RuleReview.ofFolders(book, shipped);
    }
    book.rules().warnings().forEach(w -> warnings.add(Loading.warning(w.toString())));
    warnings.forEach(err::println);
    findings.forEach(err::println);
    long warned = warnings.size() + findings.stream().filter(f -> f.severity() == RuleReview.Severity.WARNING).count();
    int correlations = book.rules().correlations().rules().size();
    out.println(book.rules().rules().size() + " rule(s) valid, " + problems.size() + " problem(s), " + warned
        + " warning(s)" + (correlations > 0 ? ", " + correlations + " correlation rule(s)" : ""));
    if (!problems.isEmpty() || cl.hasOption("strict") && warned > 0) {
      return ExitCode.INPUT_ERROR;
    }
    return ExitCode.OK;
  }

  private static void usage(PrintStream to) {
    to.println("usage: ide-tunnel-risk rules check [--app DIR] [--fields FILE] [--strict] [DIR...]");
    to.println("Loads rules and prints file:line: message per problem, file:line: warning: ... per finding.");
    for (Option o : options().getOptions()) {
      String flag = (o.getOpt() == null ? "    " : "-" + o.getOpt() + ", ") + "--" + o.getLongOpt()
          + (o.hasArg() ? " " + o.getArgName() : "");
      to.printf("  %-20s %s%n", flag, o.getDescription());
    }
    to.println("Exit 0: no problem (warnings allowed unless --strict); 1: a problem, or a warning with --strict;"
        + " 2: bad usage.");
  }
}
