package org.idetunnelrisk.modinput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: reads a Splunk .conf or .conf.spec file into stanzas of ordered {@code key -> value}, skipping
 * comments; for spec files it also keeps each key's first {@code *} bullet line.
 */
public final class ConfText {
  public final Map<String, Map<String, String>> stanzas = new LinkedHashMap<>();
  public final Map<String, Map<String, String>> firstBullets = new LinkedHashMap<>();

  private ConfText() {}

  public static ConfText read(Path file) throws IOException {
    ConfText conf = new ConfText();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String stanza = "";
    String lastKey = null;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        stanza = line.substring(1, line.length() - 1);
        conf.stanzas.putIfAbsent(stanza, new LinkedHashMap<>());
        conf.firstBullets.putIfAbsent(stanza, new LinkedHashMap<>());
        lastKey = null;
      } else if (line.startsWith("*")) {
        if (lastKey != null) {
          conf.firstBullets.get(stanza).putIfAbsent(lastKey, line);
        }
      } else if (line.contains("=") && !Character.isWhitespace(raw.charAt(0))) {
        int eq = line.indexOf('=');
        lastKey = line.substring(0, eq).strip();
        conf.stanzas.computeIfAbsent(stanza, s -> new LinkedHashMap<>()).put(lastKey, line.substring(eq + 1).strip());
        conf.firstBullets.computeIfAbsent(stanza, s -> new LinkedHashMap<>());
      }
    }
    return conf;
  }

  public Map<String, String> stanza(String name) {
    Map<String, String> s = stanzas.get(name);
    if (s == null) {
      throw new AssertionError("no stanza [" + name + "]; stanzas are " + stanzas.keySet());
    }
    return s;
  }
}
