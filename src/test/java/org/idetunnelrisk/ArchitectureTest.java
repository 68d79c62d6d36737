package org.idetunnelrisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the arrows: the engine is pure (JDK and the JDK-only literal search, no I/O), literal search is
 * JDK only, the prefilters use no adapter, and inner rooms never import outer ones.
 */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/org/idetunnelrisk");
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\n]*", Pattern.DOTALL);
  private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])((?:java|javax|com|org)\\.[a-z0-9_.]+\\.[A-Z]\\w*)");
  private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

  private static List<String> violations(String room, List<String> forbiddenPrefixes) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN.resolve(room))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        String text = Files.readString(f);
        Matcher m = IMPORT.matcher(text);
        while (m.find()) {
          String imp = m.group(2);
          for (String bad : forbiddenPrefixes) {
            if (imp.startsWith(bad)) {
              out.add(MAIN.relativize(f) + ": imports " + imp);
            }
          }
        }
        String code = COMMENT.matcher(text).replaceAll(" ");
        Matcher q = QUALIFIED.matcher(code);
        while (q.find()) {
          for (String bad : forbiddenPrefixes) {
            if (q.group(1).startsWith(bad)) {
              out.add(MAIN.relativize(f) + ": uses " + q.group(1));
            }
          }
        }
      }
    }
    return out;
  }

  private static final List<String> NO_IO = List.of("java.io", "java.net", "java.nio.file", "java.nio.channels");

  /** Every package of ours but {@code except}. */
  private static List<String> oursBut(String... except) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> rooms = Files.list(MAIN)) {
      for (Path room : (Iterable<Path>) rooms.filter(Files::isDirectory).sorted()::iterator) {
        String name = room.getFileName().toString();
        if (!List.of(except).contains(name)) {
          out.add("org.idetunnelrisk." + name + ".");
        }
      }
    }
    return out;
  }

  private static List<String> plus(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  @Test
  void engineUsesTheJdkAndLiteralSearchOnlyAndDoesNoIo() throws IOException {
    List<String> forbidden = plus(NO_IO, List.of("com.", "org.snakeyaml", "org.apache", "javax."));
    assertEquals(List.of(), violations("engine", plus(forbidden, oursBut("engine", "literal"))));
  }

  @Test
  void literalSearchUsesTheJdkOnlyAndDoesNoIo() throws IOException {
    List<String> forbidden = plus(NO_IO, List.of("com.", "org.snakeyaml", "org.apache", "javax."));
    assertEquals(List.of(), violations("literal", plus(forbidden, oursBut("literal"))));
  }

  @Test
  void prefiltersUseNoAdapterAndDoNoIo() throws IOException {
    assertEquals(List.of(), violations("prefilter", plus(NO_IO, List.of("org.idetunnelrisk.cli.",
        "org.idetunnelrisk.modinput.", "org.idetunnelrisk.alert.", "org.idetunnelrisk.app.", "org.idetunnelrisk.splunk.",
        "org.idetunnelrisk.scoring.", "org.idetunnelrisk.sigma.", "org.idetunnelrisk.spl.", "org.idetunnelrisk.bench.",
        "org.idetunnelrisk.output.", "org.idetunnelrisk.tuning.", "com.", "org.snakeyaml", "org.apache"))));
  }

  @Test
  void theGuardsSeeEveryRoom() throws IOException {
    List<String> rooms = oursBut();
    for (String room : List.of("engine", "literal", "prefilter", "read", "scoring", "spl")) {
      assertTrue(rooms.contains("org.idetunnelrisk." + room + "."), room);
    }
  }

  @Test
  void correlationUsesTheJdkAndTheEngineOnly() throws IOException {
    assertEquals(List.of(), violations("correlation", List.of("java.io", "java.net", "java.nio.file",
        "java.nio.channels", "com.google", "org.snakeyaml", "org.apache", "org.idetunnelrisk.sigma",
        "org.idetunnelrisk.fields", "org.idetunnelrisk.read", "org.idetunnelrisk.source", "org.idetunnelrisk.splunk",
        "org.idetunnelrisk.cli", "org.idetunnelrisk.modinput", "org.idetunnelrisk.alert", "org.idetunnelrisk.output",
        "org.idetunnelrisk.scoring", "org.idetunnelrisk.app", "org.idetunnelrisk.tuning", "org.idetunnelrisk.spl")));
  }

  @Test
  void engineDoesNotKnowCorrelations() throws IOException {
    assertEquals(List.of(), violations("engine", List.of("org.idetunnelrisk.correlation")));
  }

  @Test
  void innerRoomsDoNotImportAdapters() throws IOException {
    List<String> adapters = List.of("org.idetunnelrisk.cli", "org.idetunnelrisk.modinput", "org.idetunnelrisk.alert",
        "org.idetunnelrisk.splunk");
    for (String room : List.of("sigma", "fields", "read", "source")) {
      if (Files.isDirectory(MAIN.resolve(room))) {
        assertEquals(List.of(), violations(room, adapters), room);
      }
    }
  }

  @Test
  void theReportKnowsOnlyTheEngine() throws IOException {
    assertEquals(List.of(), violations("report", List.of("java.net", "java.nio.file", "com.google", "org.snakeyaml",
        "org.apache", "org.idetunnelrisk.sigma", "org.idetunnelrisk.fields", "org.idetunnelrisk.read",
        "org.idetunnelrisk.source", "org.idetunnelrisk.splunk", "org.idetunnelrisk.cli", "org.idetunnelrisk.modinput",
        "org.idetunnelrisk.alert", "org.idetunnelrisk.app", "org.idetunnelrisk.scoring")));
  }

  @Test
  void readersKnowNothingOfRulesOrSources() throws IOException {
    assertEquals(List.of(), violations("read", List.of("org.idetunnelrisk.sigma", "org.idetunnelrisk.source",
        "org.idetunnelrisk.engine", "org.idetunnelrisk.fields")));
  }

  /**
   * Every room of ours, with the rooms and libraries it may use: a whitelist, so a new arrow (or a new room) is a
   * decision made here, in review, not an accident. Inner rooms first: the engine and the pure rooms around it, then
   * the readers and normalizers, then the Splunk protocol adapters, then the entry points ({@code app},
   * {@code cli}) that wire them.
   */
  private static final java.util.Map<String, List<String>> ALLOWED = java.util.Map.ofEntries(
      java.util.Map.entry("literal", List.of()),
      java.util.Map.entry("engine", List.of("literal")),
      java.util.Map.entry("correlation", List.of("engine")),
      java.util.Map.entry("report", List.of("engine")),
      java.util.Map.entry("spl", List.of("engine")),
      java.util.Map.entry("fields", List.of("engine")),
      java.util.Map.entry("read", List.of("com.google.gson")),
      java.util.Map.entry("tuning", List.of("engine", "read")),
      java.util.Map.entry("source", List.of("engine", "fields", "read")),
      java.util.Map.entry("sigma", List.of("engine", "correlation", "fields", "com.google.re2j", "org.snakeyaml.engine")),
      java.util.Map.entry("prefilter", List.of("engine", "literal", "fields", "read", "source")),
      java.util.Map.entry("scoring", List.of("engine", "correlation", "fields", "read", "source")),
      java.util.Map.entry("splunk", List.of("engine", "com.google.gson")),
      java.util.Map.entry("output", List.of("engine", "splunk", "com.google.gson")),
      java.util.Map.entry("modinput", List.of("spl", "splunk")),
      java.util.Map.entry("alert", List.of("modinput", "splunk", "com.google.gson")),
      java.util.Map.entry("app", List.of("alert", "correlation", "engine", "fields", "modinput", "prefilter", "read",
          "scoring", "sigma", "source", "spl", "splunk", "tuning")),
      java.util.Map.entry("cli", List.of("alert", "app", "correlation", "engine", "modinput", "output", "prefilter",
          "read", "report", "scoring", "sigma", "spl", "tuning", "org.apache.commons.cli")));

  private static final Pattern OURS = Pattern.compile("(?<![\\w.])org\\.idetunnelrisk\\.([a-z]+)\\.");
  private static final Pattern LIBRARY = Pattern.compile("(?<![\\w.])((?:com|org)\\.[a-z0-9]+\\.[a-z0-9]+(?:\\.[a-z0-9]+)?)\\.");

  /** Per room, the rooms of ours it uses (imports and qualified names), comments left out. */
  private static java.util.Map<String, java.util.Set<String>> arrows(java.util.function.BiConsumer<String, String> library)
      throws IOException {
    java.util.Map<String, java.util.Set<String>> out = new java.util.TreeMap<>();
    try (Stream<Path> rooms = Files.list(MAIN)) {
      for (Path room : (Iterable<Path>) rooms.filter(Files::isDirectory).sorted()::iterator) {
        String name = room.getFileName().toString();
        java.util.Set<String> uses = new java.util.TreeSet<>();
        try (Stream<Path> files = Files.walk(room)) {
          for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
            String code = COMMENT.matcher(Files.readString(f)).replaceAll(" ");
            Matcher m = OURS.matcher(code);
            while (m.find()) {
              if (!m.group(1).equals(name)) {
                uses.add(m.group(1));
              }
            }
            Matcher l = LIBRARY.matcher(code);
            while (l.find()) {
              if (!l.group(1).startsWith("org.idetunnelrisk")) {
                library.accept(name, MAIN.relativize(f) + "\u0000" + l.group(1));
              }
            }
          }
        }
        out.put(name, uses);
      }
    }
    return out;
  }

  @Test
  void everyRoomUsesOnlyTheRoomsAndLibrariesItIsAllowed() throws IOException {
    List<String> libraryUses = new ArrayList<>();
    java.util.Map<String, java.util.Set<String>> arrows = arrows((room, use) -> libraryUses.add(room + "\u0000" + use));
    List<String> wrong = new ArrayList<>();
    for (var e : arrows.entrySet()) {
      List<String> allowed = ALLOWED.get(e.getKey());
      if (allowed == null) {
        wrong.add(e.getKey() + ": a room the whitelist does not know; add it to ALLOWED with its arrows");
        continue;
      }
      for (String used : e.getValue()) {
        if (!allowed.contains(used)) {
          wrong.add(e.getKey() + " -> " + used + ": not an allowed arrow");
        }
      }
    }
    for (String u : libraryUses) {
      String[] parts = u.split("\u0000");
      List<String> allowed = ALLOWED.getOrDefault(parts[0], List.of());
      if (allowed.stream().noneMatch(a -> a.contains(".") && parts[2].startsWith(a))) {
        wrong.add(parts[1] + ": uses library " + parts[2] + ", which " + parts[0] + " may not");
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void theRoomsHaveNoCycle() throws IOException {
    java.util.Map<String, java.util.Set<String>> arrows = arrows((room, use) -> { });
    List<String> cycles = new ArrayList<>();
    for (String start : arrows.keySet()) {
      java.util.Deque<List<String>> paths = new java.util.ArrayDeque<>();
      paths.push(List.of(start));
      java.util.Set<String> seen = new java.util.HashSet<>();
      while (!paths.isEmpty()) {
        List<String> path = paths.pop();
        for (String next : arrows.getOrDefault(path.get(path.size() - 1), java.util.Set.of())) {
          List<String> longer = plus(path, List.of(next));
          if (next.equals(start)) {
            cycles.add(String.join(" -> ", longer));
          } else if (seen.add(next)) {
            paths.push(longer);
          }
        }
      }
    }
    assertEquals(List.of(), cycles);
  }

  @Test
  void theWhitelistItselfHasNoCycle() {
    java.util.Map<String, java.util.Set<String>> declared = new java.util.TreeMap<>();
    ALLOWED.forEach((room, uses) -> declared.put(room,
        uses.stream().filter(u -> !u.contains(".")).collect(java.util.stream.Collectors.toSet())));
    for (String room : declared.keySet()) {
      java.util.Deque<String> todo = new java.util.ArrayDeque<>(declared.get(room));
      java.util.Set<String> reach = new java.util.HashSet<>();
      while (!todo.isEmpty()) {
        String r = todo.pop();
        if (reach.add(r)) {
          todo.addAll(declared.getOrDefault(r, java.util.Set.of()));
        }
      }
      assertTrue(!reach.contains(room), room + " reaches itself through the allowed arrows");
    }
  }
}
