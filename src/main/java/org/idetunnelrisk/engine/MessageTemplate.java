package org.idetunnelrisk.engine;

/**
 * Fills {@code $field$} tokens in a risk message from a row, in one left-to-right pass: a substituted
 * value is never scanned again, so a value that itself contains {@code $other$} cannot pull in another
 * field. A token naming a field the row lacks is left as written, so the analyst sees what was missing;
 * multivalue fields are joined with {@code ", "}. {@code $$} stands for a literal dollar sign.
 */
public final class MessageTemplate {
  private MessageTemplate() {}

  public static String fill(String template, Row row) {
    if (template == null || template.indexOf('$') < 0) {
      return template == null ? "" : template;
    }
    StringBuilder out = new StringBuilder(template.length() + 32);
    int i = 0;
    int n = template.length();
    while (i < n) {
      char c = template.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      int end = template.indexOf('$', i + 1);
      if (end < 0) {
        out.append(template, i, n);
        break;
      }
      if (end == i + 1) {
        out.append('$');
        i = end + 1;
        continue;
      }
      String field = template.substring(i + 1, end);
      String[] values = row.values(field);
      if (values.length == 0 || !isFieldName(field)) {
        out.append(template, i, end + 1);
      } else {
        out.append(String.join(", ", values));
      }
      i = end + 1;
    }
    return out.toString();
  }

  private static boolean isFieldName(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
