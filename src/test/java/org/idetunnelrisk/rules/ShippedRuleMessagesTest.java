package org.idetunnelrisk.rules;

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

/** Every shipped rule's risk message names its fields whole: each {@code $} opens or closes a {@code $field$}. */
class ShippedRuleMessagesTest {
  private static final Pattern MESSAGE = Pattern.compile("^\\s*message:\\s*\"(.*)\"\\s*$");
  private static final Pattern TOKEN = Pattern.compile("\\$\\$|\\$[A-Za-z0-9_.]+\\$");

  @Test
  void everyDollarBelongsToAFieldToken() throws IOException {
    List<String> bad = new ArrayList<>();
    int messages = 0;
    try (Stream<Path> files = Files.list(Path.of("app/rules"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = MESSAGE.matcher(lines.get(i));
          if (m.matches()) {
            messages++;
            String rest = TOKEN.matcher(m.group(1)).replaceAll("");
            if (rest.contains("$")) {
              bad.add(f.getFileName() + ":" + (i + 1) + ": " + m.group(1));
            }
          }
        }
      }
    }
    assertTrue(messages >= 10, "messages found: " + messages);
    assertEquals(List.of(), bad);
  }
}
