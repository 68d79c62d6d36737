package org.idetunnelrisk.modinput;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Formats {@code key=value} pairs as Splunk's automatic key-value extraction reads them: plain values
 * bare, others in double quotes with {@code \} and {@code "} escaped, CR/LF as spaces. Stateless.
 */
public final class KeyValues {
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_.,:@/+\\-]+");

  private KeyValues() {}

  public static String format(Map<String, String> pairs) {
    StringBuilder out = new StringBuilder();
    pairs.forEach((key, value) -> {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(key).append('=').append(quote(value));
    });
    return out.toString();
  }

  static String quote(String value) {
    if (BARE.matcher(value).matches()) {
      return value;
    }
    String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"").replace('\r', ' ').replace('\n', ' ');
    return "\"" + escaped + "\"";
  }
}
