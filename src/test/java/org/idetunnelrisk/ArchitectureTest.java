package org.idetunnelrisk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Guards the arrows: the engine is pure (JDK only, no I/O), and inner rooms never import outer ones. */
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

  @Test
  void engineUsesTheJdkOnlyAndDoesNoIo() throws IOException {
    assertEquals(List.of(), violations("engine", List.of("java.io", "java.net", "java.nio.file", "java.nio.channels",
        "com.google", "org.snakeyaml", "org.apache", "org.idetunnelrisk.sigma", "org.idetunnelrisk.fields",
        "org.idetunnelrisk.read", "org.idetunnelrisk.source", "org.idetunnelrisk.splunk", "org.idetunnelrisk.cli",
        "org.idetunnelrisk.modinput", "org.idetunnelrisk.alert", "org.idetunnelrisk.output")));
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
}
