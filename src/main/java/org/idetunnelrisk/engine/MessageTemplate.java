package org.idetunnelrisk.engine;

import java.util.Map;

/**
 * Fills {@code $field$} tokens in a risk message from a row, in one left-to-right pass: a substituted
 * value is never scanned again, so a value that itself contains {@code $other$} cannot pull in another
 * field. Multivalue fields are joined with {@code ", "}. {@code $$} stands for a literal dollar sign.
 *
 * <p>{@code $risk_object$} is the risk event's own risk object (the host or user it scores), whichever of the
 * risk object's fields gave it, so one message names the asking host of a DNS row ({@code src}) and of a Sysmon
 * event ({@code dest}) alike.
 *
 * <p>No token ever reaches an analyst: a field the row lacks reads {@code unknown <what>}, where {@code <what>}
 * is the field's plain name ({@link #LABELS}: {@code dest} and {@code src} are "host", {@code process} is
 * "command line", {@code parent_process_name} "parent process"...; any other field its name with spaces for
 * underscores), e.g. "made persistent on unknown host by frank". Text between dollar signs that is not a field
 * name ({@code $5 or $6}) stays as written.
 */
public final class MessageTemplate {
  /** The token standing for the risk event's risk object. */
  public static final String RISK_OBJECT = "risk_object";

  /** What a missing field is called in a message: "unknown " and this. */
  static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("dest", "host"), Map.entry("src", "host"), Map.entry("dvc", "host"),
      Map.entry(RISK_OBJECT, "host"), Map.entry("src_ip", "source address"), Map.entry("dest_ip", "address"),
      Map.entry("user", "user"), Map.entry("process", "command line"), Map.entry("process_name", "process"),
      Map.entry("process_path", "process"), Map.entry("parent_process", "parent command line"),
      Map.entry("parent_process_name", "parent process"), Map.entry("parent_process_path", "parent process"),
      Map.entry("dest_host", "relay host"), Map.entry("query", "domain"), Map.entry("url", "URL"),
      Map.entry("file_path", "file"), Map.entry("loaded_file_path", "file"));

  private MessageTemplate() {}

  /** The message for a row, {@code $risk_object$} read as "unknown host" (a hit without a risk object). */
  public static String fill(String template, Row row) {
    return fill(template, row, null);
  }

  /** The message for one risk event of a row: {@code $risk_object$} is {@code riskObject}. */
  public static String fill(String template, Row row, String riskObject) {
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
      if (!isFieldName(field)) {
        out.append(template, i, end);
        i = end;
        continue;
      }
      String[] values = field.equals(RISK_OBJECT) && riskObject != null ? new String[] {riskObject}
          : row.values(field);
      if (values.length == 0) {
        out.append("unknown ").append(LABELS.getOrDefault(field, field.replace('_', ' ')));
      } else {
        out.append(String.join(", ", values));
      }
      i = end + 1;
    }
    return out.toString();
  }

  /** Whether a message fills {@code $risk_object$}, and so differs from one risk event of a hit to the next. */
  public static boolean namesRiskObject(String template) {
    return template != null && template.contains("$" + RISK_OBJECT + "$");
  }

  private static boolean isFieldName(String s) {
    if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
