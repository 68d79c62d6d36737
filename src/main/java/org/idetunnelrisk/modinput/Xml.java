package org.idetunnelrisk.modinput;

/**
 * Escaping for the XML we write (scheme, error documents, event streams): {@code &}, {@code <}, {@code >}
 * and, in attributes, quotes are escaped; characters XML 1.0 cannot carry at all (C0 controls other than
 * tab, LF, CR; U+FFFE, U+FFFF; unpaired surrogates) are dropped. Stateless, thread-safe.
 */
final class Xml {
  private Xml() {}

  static String escapeText(String text) {
    return escape(text, false);
  }

  static String escapeAttribute(String text) {
    return escape(text, true);
  }

  private static String escape(String text, boolean attribute) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
        continue;
      }
      if (!legal(c)) {
        continue;
      }
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        case '\'' -> out.append(attribute ? "&apos;" : "'");
        case '\n', '\r', '\t' -> {
          if (attribute) {
            out.append("&#").append((int) c).append(';');
          } else {
            out.append(c);
          }
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean legal(char c) {
    if (c < 0x20) {
      return c == '\t' || c == '\n' || c == '\r';
    }
    return !Character.isSurrogate(c) && c != 0xFFFE && c != 0xFFFF;
  }
}
