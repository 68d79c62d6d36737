package org.idetunnelrisk.splunk;

import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test helper: parses rendered stash text back into its pairs, one character at a time (a regular
 * expression recurses per character and overflows the stack on long values). The grammar is
 * {@code TIME (", " KEY "=\"" VALUE "\"")*} where VALUE holds {@code \\} and {@code \"} escapes;
 * anything else fails.
 */
final class StashPairs {
  private StashPairs() {}

  static List<Map.Entry<String, String>> parse(String raw) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    int i = 0;
    while (i < raw.length() && (Character.isDigit(raw.charAt(i)) || raw.charAt(i) == '.')) {
      i++;
    }
    if (i == 0) {
      throw new AssertionError("no leading time: " + raw);
    }
    out.add(new SimpleEntry<>("_time", raw.substring(0, i)));
    while (i < raw.length()) {
      if (!raw.startsWith(", ", i)) {
        throw new AssertionError("expected ', ' at " + i + ": " + raw.substring(i));
      }
      i += 2;
      int key = i;
      while (i < raw.length() && (Character.isLetterOrDigit(raw.charAt(i)) || raw.charAt(i) == '_' || raw.charAt(i) == '.')) {
        i++;
      }
      if (i == key || !raw.startsWith("=\"", i)) {
        throw new AssertionError("expected key=\" at " + key + ": " + raw.substring(key));
      }
      String name = raw.substring(key, i);
      i += 2;
      StringBuilder v = new StringBuilder();
      while (true) {
        if (i >= raw.length()) {
          throw new AssertionError("value of " + name + " not closed: " + raw);
        }
        char c = raw.charAt(i++);
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          if (i >= raw.length()) {
            throw new AssertionError("dangling backslash: " + raw);
          }
          v.append(raw.charAt(i++));
        } else {
          v.append(c);
        }
      }
      out.add(new SimpleEntry<>(name, v.toString()));
    }
    return out;
  }
}
