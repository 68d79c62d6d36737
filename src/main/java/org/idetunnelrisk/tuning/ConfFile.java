package org.idetunnelrisk.tuning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Splunk {@code .conf} file as splunkd reads it: {@code [stanza]} headers, {@code key = value} lines, lines
 * whose first non-blank character is {@code #} as comments, and a trailing backslash continuing a value on the
 * next line. There are no inline comments: in {@code score = 40  # higher}, the value is
 * {@code 40  # higher}. Keys before any stanza belong to {@code default}. A later key in the same stanza
 * replaces an earlier one, as Splunk does; {@link #layer} puts one file over another (local over default).
 * Every key and stanza keeps the file and line it was set on, for messages. Immutable once parsed.
 */
public final class ConfFile {
  /** A key's value and where it was set. */
  public record Setting(String value, String origin, int line) {
    /** {@code file:line}. */
    public String place() {
      return origin + ":" + line;
    }
  }

  /** A stanza: where its header is (the last layer that has it) and its keys in file order. */
  public record Stanza(String name, String origin, int line, Map<String, Setting> settings) {
    public Stanza {
      settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** {@code file:line} of the header (line 0 for keys before any header). */
    public String place() {
      return origin + ":" + line;
    }
  }

  private final Map<String, Stanza> stanzas;

  private ConfFile(Map<String, Stanza> stanzas) {
    this.stanzas = stanzas;
  }

  public static ConfFile empty() {
    return new ConfFile(new LinkedHashMap<>());
  }

  /**
   * Parses conf text.
   *
   * @param origin the file name for messages
   * @throws TuningException listing, as {@code origin:line: message}, every line that is neither a stanza, a
   *     key nor a comment
   */
  public static ConfFile parse(String text, String origin) {
    List<String> problems = new ArrayList<>();
    ConfFile conf = parse(text, origin, problems);
    TuningException.throwIfAny(problems);
    return conf;
  }

  /**
   * Parses conf text, adding {@code origin:line: message} to {@code problems} for every line that is neither a
   * stanza, a key nor a comment (such a line is skipped; the rest of the file is read).
   */
  public static ConfFile parse(String text, String origin, List<String> problems) {
    Map<String, Integer> headerLines = new LinkedHashMap<>();
    Map<String, Map<String, Setting>> keys = new LinkedHashMap<>();
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
          problems.add(origin + ":" + lineNo + ": stanza header '" + t + "' lacks its closing ']'");
          continue;
        }
        stanza = t.substring(1, t.length() - 1).strip();
        headerLines.putIfAbsent(stanza, lineNo);
        keys.computeIfAbsent(stanza, k -> new LinkedHashMap<>());
        continue;
      }
      int eq = t.indexOf('=');
      if (eq <= 0) {
        problems.add(origin + ":" + lineNo + ": expected 'key = value' but was '" + t + "'");
        continue;
      }
      keys.computeIfAbsent(stanza, k -> new LinkedHashMap<>())
          .put(t.substring(0, eq).strip(), new Setting(t.substring(eq + 1).strip(), origin, lineNo));
    }
    Map<String, Stanza> out = new LinkedHashMap<>();
    keys.forEach((name, settings) -> out.put(name,
        new Stanza(name, origin, headerLines.getOrDefault(name, 0), settings)));
    return new ConfFile(out);
  }

  /** This file with {@code over}'s keys replacing or adding to it, stanza by stanza. */
  public ConfFile layer(ConfFile over) {
    Map<String, Stanza> m = new LinkedHashMap<>(stanzas);
    over.stanzas.forEach((name, s) -> {
      Stanza under = m.get(name);
      if (under == null) {
        m.put(name, s);
      } else {
        Map<String, Setting> settings = new LinkedHashMap<>(under.settings());
        settings.putAll(s.settings());
        m.put(name, new Stanza(name, s.origin(), s.line(), settings));
      }
    });
    return new ConfFile(m);
  }

  /** Stanza names in file order. */
  public Iterable<String> stanzaNames() {
    return Collections.unmodifiableSet(stanzas.keySet());
  }

  /** The keys of a stanza with their values (empty when absent). */
  public Map<String, String> stanza(String name) {
    Map<String, String> values = new LinkedHashMap<>();
    settings(name).forEach((k, v) -> values.put(k, v.value()));
    return Collections.unmodifiableMap(values);
  }

  /** The keys of a stanza with their values and places (empty when absent). */
  public Map<String, Setting> settings(String name) {
    Stanza s = stanzas.get(name);
    return s == null ? Map.of() : s.settings();
  }

  /**
   * What to add to a message about a bad value that holds a {@code #}: Splunk reads no inline comments, so
   * {@code score = 40  # higher} is the value {@code 40  # higher}. Empty when the value holds none.
   */
  public static String inlineCommentHint(String value) {
    return value.contains("#")
        ? " (Splunk conf files have no inline comments: put the comment on a line of its own)" : "";
  }

  /** The stanza, or null when no layer has it. */
  public Stanza stanzaAt(String name) {
    return stanzas.get(name);
  }
}
