package org.idetunnelrisk.sigma;

/**
 * One place a rule names a field: as written in the file, the field it tests on a row (through the field
 * table), what it is used for, and its line. What {@code rules check} reviews: a name the table does not know
 * is a typo more often than not.
 *
 * @param written the name as the rule writes it ({@code Image}, {@code Processes.process_name}, {@code usr})
 * @param field the row field it stands for ({@code process_path}); {@code written} when the table does not map it
 * @param role where the rule uses it
 * @param line 1-based line of the name in the rule file
 */
public record FieldUse(String written, String field, Role role, int line) {
  /** Where a rule names a field. */
  public enum Role {
    /** A field a detection (the rule's or a score modifier's) tests, or compares with ({@code fieldref}). */
    DETECTION("detection field"),
    /** A field a risk object is taken from. */
    RISK_OBJECT("risk object field"),
    /** A field a threat object is taken from. */
    THREAT_OBJECT("threat object field"),
    /** A {@code $field$} token of the risk message. */
    MESSAGE("risk message token");

    private final String words;

    Role(String words) {
      this.words = words;
    }

    /** {@code risk object field}: the role in a sentence. */
    public String words() {
      return words;
    }
  }
}
