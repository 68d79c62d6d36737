package org.idetunnelrisk.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What an analyst wants named from a tunnel's or a persistence tool's command line, as fields of their own for
 * threat objects and messages:
 * <ul>
 *   <li>{@code tunnel_name}, {@code tunnel_id}, {@code tunnel_port}: the VS Code CLI's {@code tunnel --name N}; the
 *       Dev Tunnels CLI's tunnel id (the word after {@code host}, {@code create}, {@code show}, {@code connect},
 *       {@code delete}, or {@code port create}, when it is not an option) and its ports ({@code -p}/
 *       {@code --port-numbers}, several at once as {@code -p 80 443} or {@code -p 80,443});
 *   <li>{@code persisted_name} and {@code persisted_command}: what {@code schtasks /create /tn N /tr C} and
 *       {@code sc create|config N binPath= C} make persistent, and the command it runs; for Security 4698 and
 *       System 7045 the task or service name and its command as the event gives them.
 * </ul>
 * These fields are derived after the field table has named the row's fields, are only ever added (a row's own
 * field of the same name wins), and are read by risk blocks, never by a detection: they do not widen what a rule
 * matches, so the raw prefilters need not know them. The command line is split as Windows does for a C program
 * (double quotes group, {@code \"} is a quote). Stateless.
 */
final class CommandLineFacts {
  static final String TUNNEL_NAME = "tunnel_name";
  static final String TUNNEL_ID = "tunnel_id";
  static final String TUNNEL_PORT = "tunnel_port";
  static final String PERSISTED_NAME = "persisted_name";
  static final String PERSISTED_COMMAND = "persisted_command";
  /** Every field this class may add. */
  static final List<String> FIELDS = List.of(TUNNEL_NAME, TUNNEL_ID, TUNNEL_PORT, PERSISTED_NAME, PERSISTED_COMMAND);

  private static final Set<String> DEVTUNNEL_ID_VERBS = Set.of("host", "create", "show", "connect", "delete", "update",
      "access", "token");
  private static final Set<String> CODE_CLIS = Set.of("code", "code-insiders", "code-tunnel", "code-tunnel-insiders",
      "cursor", "windsurf");
  /** How long a command line may be before it is not looked at (Windows' own limit is 32,767 characters). */
  static final int MAX_CHARS = 32_768;

  private CommandLineFacts() {}

  /**
   * Adds the facts of one row. {@code get} reads a canonical field's first value (null when absent); {@code add}
   * adds one value to a field.
   */
  static void derive(java.util.function.Function<String, String> get, BiConsumer<String, String> add) {
    String commandLine = get.apply("process");
    String image = get.apply("process_name");
    if (commandLine != null && commandLine.length() <= MAX_CHARS) {
      List<String> words = split(commandLine);
      String program = image != null ? image : words.isEmpty() ? "" : basename(words.get(0));
      String name = stem(program);
      if (name.equals("devtunnel")) {
        devtunnel(words, get, add);
      } else if (name.equals("schtasks")) {
        flagged(words, Map.of("/tn", PERSISTED_NAME, "-tn", PERSISTED_NAME, "/tr", PERSISTED_COMMAND,
            "-tr", PERSISTED_COMMAND), get, add);
      } else if (name.equals("sc")) {
        service(words, get, add);
      } else if (CODE_CLIS.contains(name) || words.contains("tunnel")) {
        codeTunnel(words, get, add);
      }
    }
    addIfAbsent(PERSISTED_NAME, get.apply("task_name"), get, add);
    String taskCommand = get.apply("task_command");
    if (taskCommand != null) {
      String args = get.apply("task_arguments");
      addIfAbsent(PERSISTED_COMMAND, args == null || args.isEmpty() ? taskCommand : taskCommand + " " + args, get, add);
    }
    addIfAbsent(PERSISTED_NAME, get.apply("service_name"), get, add);
    addIfAbsent(PERSISTED_COMMAND, get.apply("service_path"), get, add);
  }

  private static void devtunnel(List<String> words, java.util.function.Function<String, String> get,
      BiConsumer<String, String> add) {
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      String lower = w.toLowerCase(Locale.ROOT);
      if (lower.equals("-p") || lower.equals("--port-numbers") || lower.equals("--port")) {
        for (int j = i + 1; j < words.size() && !words.get(j).startsWith("-"); j++) {
          for (String port : words.get(j).split(",")) {
            if (port.matches("\\d{1,5}")) {
              add.accept(TUNNEL_PORT, port);
            }
          }
        }
      } else if (lower.startsWith("--port-numbers=") || lower.startsWith("-p=")) {
        for (String port : w.substring(w.indexOf('=') + 1).split(",")) {
          if (port.matches("\\d{1,5}")) {
            add.accept(TUNNEL_PORT, port);
          }
        }
      } else if ((lower.equals("--tunnel-id") || lower.equals("--id")) && i + 1 < words.size()) {
        addIfAbsent(TUNNEL_ID, words.get(i + 1), get, add);
      } else if (DEVTUNNEL_ID_VERBS.contains(lower) && i + 1 < words.size() && isId(words.get(i + 1))
          && (i == 1 || words.get(i - 1).equalsIgnoreCase("port") || !words.get(i - 1).startsWith("-"))) {
        addIfAbsent(TUNNEL_ID, words.get(i + 1), get, add);
      }
    }
  }

  private static void codeTunnel(List<String> words, java.util.function.Function<String, String> get,
      BiConsumer<String, String> add) {
    flagged(words, Map.of("--name", TUNNEL_NAME, "-n", TUNNEL_NAME), get, add);
  }

  private static void service(List<String> words, java.util.function.Function<String, String> get,
      BiConsumer<String, String> add) {
    for (int i = 1; i < words.size(); i++) {
      String lower = words.get(i).toLowerCase(Locale.ROOT);
      if ((lower.equals("create") || lower.equals("config")) && i + 1 < words.size()) {
        addIfAbsent(PERSISTED_NAME, words.get(i + 1), get, add);
      } else if (lower.equals("binpath=") && i + 1 < words.size()) {
        addIfAbsent(PERSISTED_COMMAND, words.get(i + 1), get, add);
      } else if (lower.startsWith("binpath=") && lower.length() > "binpath=".length()) {
        addIfAbsent(PERSISTED_COMMAND, words.get(i).substring("binpath=".length()), get, add);
      }
    }
  }

  /** For each flag in {@code flags} (case-insensitive), the word after it, or the text after {@code flag=}. */
  private static void flagged(List<String> words, Map<String, String> flags,
      java.util.function.Function<String, String> get, BiConsumer<String, String> add) {
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      String lower = w.toLowerCase(Locale.ROOT);
      String field = flags.get(lower);
      if (field != null && i + 1 < words.size()) {
        addIfAbsent(field, words.get(i + 1), get, add);
      } else {
        int eq = lower.indexOf('=');
        if (eq > 0 && flags.containsKey(lower.substring(0, eq)) && eq + 1 < w.length()) {
          addIfAbsent(flags.get(lower.substring(0, eq)), w.substring(eq + 1), get, add);
        }
      }
    }
  }

  private static boolean isId(String w) {
    return !w.isEmpty() && !w.startsWith("-") && !w.startsWith("/") && w.length() <= 128;
  }

  private static void addIfAbsent(String field, String value, java.util.function.Function<String, String> get,
      BiConsumer<String, String> add) {
    if (value != null && !value.isBlank() && get.apply(field) == null) {
      add.accept(field, value);
    }
  }

  /** The words of a Windows command line: whitespace separates, double quotes group, {@code \"} is a quote. */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        word.append('"');
        inWord = true;
        i++;
      } else if (c == '"') {
        quoted = !quoted;
        inWord = true;
      } else if (!quoted && Character.isWhitespace(c)) {
        if (inWord) {
          out.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      out.add(word.toString());
    }
    return out;
  }

  private static String basename(String path) {
    int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
    return path.substring(cut + 1);
  }

  /** A program's name without folder and {@code .exe}/{@code .cmd}, lower case. */
  private static String stem(String program) {
    String b = basename(program).toLowerCase(Locale.ROOT);
    for (String ext : List.of(".exe", ".cmd", ".bat")) {
      if (b.endsWith(ext)) {
        return b.substring(0, b.length() - ext.length());
      }
    }
    return b;
  }
}
