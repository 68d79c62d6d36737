package org.idetunnelrisk.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test helper: a rules folder holding one process rule ({@code Image} ending in {@code \devtunnel.exe}, score 15
 * from its level), and {@link Main} run with stdout and stderr kept as text.
 */
final class ScanRun {
  static final String RULE = String.join("\n",
      "title: Devtunnel Test",
      "id: 11111111-2222-3333-4444-555555555555",
      "logsource: {category: process_creation}",
      "detection:",
      "  sel:",
      "    Image|endswith: '\\devtunnel.exe'",
      "  condition: sel",
      "level: low",
      "");

  final Path rules;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Writes the rule into {@code dir/rules}. */
  ScanRun(Path dir) throws IOException {
    rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("devtunnel.yml"), RULE);
  }

  /** {@code scan --rules RULES args...}; returns the exit code. */
  int scan(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "scan";
    all[1] = "--rules";
    all[2] = rules.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
