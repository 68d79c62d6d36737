package org.idetunnelrisk.cli;

import java.util.Arrays;

/**
 * MINIMAL PLACEHOLDER from the modinput branch, to be replaced by the lead's {@code Main} (scan, rules
 * check): dispatches {@code modinput} and {@code alert} to {@link AppEntryPoints}. Merge by keeping the
 * lead's class and adding its two cases.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length > 0) {
      String[] rest = Arrays.copyOfRange(args, 1, args.length);
      switch (args[0]) {
        case "modinput" -> {
          return AppEntryPoints.modinput(rest);
        }
        case "alert" -> {
          return AppEntryPoints.alert(rest);
        }
        default -> {
          // usage below
        }
      }
    }
    System.err.println("usage: java -jar ide-tunnel-risk.jar (modinput [--scheme|--validate-arguments] | alert --execute)");
    return 2;
  }
}
