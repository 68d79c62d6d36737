package org.idetunnelrisk.sigma;

import java.util.List;

/**
 * Where a loaded rule came from, and where in its file it names things: for messages about the rule as a
 * whole (a duplicate id, a shipped rule replaced) and for {@code rules check}'s review.
 *
 * @param file the rule file as the loader names it
 * @param idLine the line of {@code id:} (of the document when the id is the file stem)
 * @param logSourceLine the line of {@code logsource:}, 0 when the rule has none
 * @param fieldUses every field the rule names, in file order
 */
public record RuleSource(String file, int idLine, int logSourceLine, List<FieldUse> fieldUses) {
  public RuleSource {
    fieldUses = List.copyOf(fieldUses);
  }

  /** {@code file:line} of the rule's id. */
  public String idPlace() {
    return idLine > 0 ? file + ":" + idLine : file;
  }
}
