package org.idetunnelrisk.tuning;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Splunk {@code .conf} file: {@code [stanza]} headers, {@code key = value} lines, {@code #} comments, and
 * a trailing backslash continuing a value on the next line. Keys before any stanza belong to
 * {@code default}. A later key in the same stanza replaces an earlier one, as Splunk does; {@link #layer}
 * puts one file over another (local over default). Immutable once parsed.
 */
public final class ConfFile {
  private final Map<String, Map<String, String>> stanzas;

  private ConfFile(Map<String, Map<String, String>> stanzas) {
    this.stanzas = stanzas;
  }

  public static ConfFile empty() {
    return new ConfFile(new LinkedHashMap<>());
  }

  /**
   * Parses conf text.
   *
   * @param origin the file name for messages
   * @throws TuningException naming {@code origin:line} for a line that is neither a stanza, a key nor a comment
   */
  public static ConfFile parse(String text, String origin) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    String stanza = "default";
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i];
      while (line.endsWith("\\") && i + 1 < lines.length) {
        line = line.substring(0, line.length() - 1) + "\n" + lines[++i];
      }
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      if (t.startsWith("[")) {
        if (!t.endsWith("]")) {
          throw new TuningException(origin + ":" + lineNo + ": stanza header '" + t + "' lacks its closing ']'");
        }
        stanza = t.substring(1, t.length() - 1).strip();
        out.computeIfAbsent(stanza, k -> new LinkedHashMap<>());
        continue;
      }
      int eq = t.indexOf('=');
      if (eq <= 0) {
        throw new TuningException(origin + ":" + lineNo + ": expected 'key = value' but was '" + t + "'");
      }
      out.computeIfAbsent(stanza, k -> new LinkedHashMap<>()).put(t.substring(0, eq).strip(), t.substring(eq + 1).strip());
    }
    return new ConfFile(out);
  }

  /** This file with {@code over}'s keys replacing or adding to it, stanza by stanza. */
  public ConfFile layer(ConfFile over) {
    Map<String, Map<String, String>> m = new LinkedHashMap<>();
    stanzas.forEach((k, v) -> m.put(k, new LinkedHashMap<>(v)));
    over.stanzas.forEach((k, v) -> m.computeIfAbsent(k, x -> new LinkedHashMap<>()).putAll(v));
    return new ConfFile(m);
  }

  /** Stanza names in file order. */
  public Iterable<String> stanzaNames() {
    return stanzas.keySet();
  }

  /** The keys of a stanza (empty when absent). */
  public Map<String, String> stanza(String name) {
    return java.util.Collections.unmodifiableMap(stanzas.getOrDefault(name, Map.of()));
  }
}
