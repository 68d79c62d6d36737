package org.idetunnelrisk.scoring;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Matcher;
import org.idetunnelrisk.engine.Row;
import org.idetunnelrisk.engine.Rule;

/**
 * Whether a row is one the rules can evaluate, for the per-input counts of {@code scan --summary}: a row whose
 * source was recognised (a log source other than {@link LogSource#ANY}), or, of unknown origin, one that holds a
 * value in a field some rule's detection tests (a flat event with Windows or CIM names). A row of unknown origin
 * without any such field (a layout nobody mapped, text read as CSV) is evaluated by every rule but can match none:
 * that is what the summary calls not evaluable. When a rule has a keyword (which searches the raw text), every row
 * with raw text or a field is evaluable. Immutable and thread-safe.
 */
final class Evaluable {
  private final String[] fields;
  private final boolean keywords;

  Evaluable(List<Rule> rules) {
    Set<String> names = new LinkedHashSet<>();
    boolean[] keyword = {false};
    for (Rule r : rules) {
      collect(r.detection(), names, keyword);
    }
    this.fields = names.toArray(new String[0]);
    this.keywords = keyword[0];
  }

  private static void collect(Matcher m, Set<String> names, boolean[] keyword) {
    if (m instanceof Matcher.Field f) {
      names.add(f.field());
    } else if (m instanceof Matcher.FieldNull f) {
      names.add(f.field());
    } else if (m instanceof Matcher.FieldExists f) {
      names.add(f.field());
    } else if (m instanceof Matcher.FieldRef f) {
      names.add(f.field());
      names.add(f.other());
    } else if (m instanceof Matcher.Keyword) {
      keyword[0] = true;
    } else if (m instanceof Matcher.AllOf a) {
      a.children().forEach(c -> collect(c, names, keyword));
    } else if (m instanceof Matcher.AnyOf a) {
      a.children().forEach(c -> collect(c, names, keyword));
    } else if (m instanceof Matcher.Not n) {
      collect(n.child(), names, keyword);
    } // Const tests no field
  }

  boolean test(Row row) {
    if (!LogSource.ANY.equals(row.logSource())) {
      return true;
    }
    if (keywords && (row.raw() != null || row.fieldNames().iterator().hasNext())) {
      return true;
    }
    for (String f : fields) {
      if (row.hasValue(f)) {
        return true;
      }
    }
    return false;
  }
}
