package org.idetunnelrisk.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code java -jar ide-tunnel-risk.jar <command> ...}: dispatches to one class per command.
 *
 * <pre>
 *   scan [--app DIR] [--rules DIR]... [--fields FILE] [--summary] FILE...
 *                                                               score exported telemetry, risk events as JSON lines
 *   rules check [--app DIR] [--fields FILE] [--strict] [DIR...] validate and review rules, file:line: per finding
 *   rules savedsearches|filter-macros [DIR...]                  the rules as saved searches / their filter macros
 *   modinput [--scheme | --validate-arguments]                  the modular input, as splunkd runs it (bin/ launcher)
 *   alert --execute                                             the custom alert action, as splunkd runs it
 * </pre>
 */
public final class Main {
  static final String USAGE = String.join("\n",
      "usage: ide-tunnel-risk <command> [options]",
      "commands:",
      "  scan [--app DIR] [--rules DIR]... [--fields FILE] [--summary] FILE...",
      "      score exported telemetry (Windows event XML, JSON lines, Splunk CSV; .gz read transparently);",
      "      writes one JSON risk event per line on stdout; --app DIR applies that app's local/ tuning",
      "  rules check [--app DIR] [--fields FILE] [--strict] [DIR...]",
      "      load and review rule files; prints file:line: message per problem, file:line: warning: ... per",
      "      finding (unknown field, log source no feed carries, a shipped rule's id)",
      "  rules savedsearches [DIR...] | rules filter-macros [DIR...]",
      "      print each rule as a scheduled search (savedsearches.conf), or their filter macros (macros.conf)",
      "  modinput [--scheme | --validate-arguments]",
      "      the modular input ide_tunnel_risk, as splunkd runs it through bin/ide_tunnel_risk.sh",
      "  alert --execute",
      "      the alert action ide_tunnel_risk_score, as splunkd runs it through bin/ide_tunnel_risk_score.sh",
      "run '<command> --help' for a command's options");

  private Main() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = run(args, out, err);
    out.flush();
    System.exit(code);
  }

  /** Runs one command with the given streams; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(USAGE);
      return ExitCode.USAGE;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (args[0]) {
        case "scan":
          return new ScanCommand(out, err).run(rest);
        case "rules":
          if (rest.length > 0 && rest[0].equals("check")) {
            return new RulesCheckCommand(out, err).run(Arrays.copyOfRange(rest, 1, rest.length));
          }
          if (rest.length > 0 && (rest[0].equals("savedsearches") || rest[0].equals("filter-macros"))) {
            return new RulesConfCommand(out, err, rest[0].equals("filter-macros"))
                .run(Arrays.copyOfRange(rest, 1, rest.length));
          }
          err.println("ide-tunnel-risk: 'rules' needs a subcommand: check, savedsearches or filter-macros");
          err.println(USAGE);
          return ExitCode.USAGE;
        case "modinput":
          return AppEntryPoints.modinput(rest);
        case "alert":
          return AppEntryPoints.alert(rest);
        case "-h":
        case "--help":
        case "help":
          out.println(USAGE);
          return ExitCode.OK;
        default:
          err.println("ide-tunnel-risk: unknown command '" + args[0] + "'");
          err.println(USAGE);
          return ExitCode.USAGE;
      }
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // Never a JVM stack trace: one line naming what failed. (Known causes of deep recursion and memory
      // growth are bounded by the readers and the rule loader; this is the last line of defence.)
      err.println("ide-tunnel-risk: internal error: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return ExitCode.INTERNAL;
    }
  }
}
