package org.idetunnelrisk.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A compiled detection: a tree of boolean tests over one {@link Row}. Sigma search identifiers (maps and
 * lists of maps), the condition's {@code and}/{@code or}/{@code not}/{@code 1 of}/{@code all of}, and score
 * modifiers all compile to this one type, so evaluating a rule is one call.
 *
 * <p>Multivalue fields: a field test passes when any value passes, as in Splunk's search language.
 * Immutable and thread-safe.
 */
public sealed interface Matcher {

  boolean matches(Row row);

  /** Relative cost; {@link AllOf} and {@link AnyOf} try cheaper children first. */
  int cost();

  /**
   * Some value of {@code field} passes {@code test}. Each field test names a canonical {@code field} and, when
   * the rule wrote a source field that maps to it ({@code TargetUserName} for {@code user}), that {@code own}
   * name, whose values the row may hold apart ({@link Row#values(String, String)}); {@code own} is null when
   * the rule wrote the canonical name or a name the field table does not map.
   */
  record Field(String field, ValueTest test, String own) implements Matcher {
    public Field(String field, ValueTest test) {
      this(field, test, null);
    }

    @Override
    public boolean matches(Row row) {
      String[] vals = row.values(own, field);
      if (vals.length == 0) {
        return false;
      }
      String[] folded = test.cased() ? vals : row.foldedValues(own, field);
      for (int i = 0; i < vals.length; i++) {
        if (test.test(vals[i], folded[i])) {
          return true;
        }
      }
      return false;
    }

    @Override
    public int cost() {
      return test.cost();
    }
  }

  /** Sigma {@code field: null}: the field is absent or every value is empty. */
  record FieldNull(String field, String own) implements Matcher {
    public FieldNull(String field) {
      this(field, null);
    }

    @Override
    public boolean matches(Row row) {
      return !row.hasValue(own, field);
    }

    @Override
    public int cost() {
      return 1;
    }
  }

  /** Sigma {@code field|exists: true/false}: whether the field is present at all. */
  record FieldExists(String field, boolean expected, String own) implements Matcher {
    public FieldExists(String field, boolean expected) {
      this(field, expected, null);
    }

    @Override
    public boolean matches(Row row) {
      return (row.values(own, field).length > 0) == expected;
    }

    @Override
    public int cost() {
      return 1;
    }
  }

  /**
   * Sigma {@code fieldref}: some value of {@code field} relates to some value of {@code other} by {@code mode};
   * {@code own} and {@code otherOwn} are the source names the rule wrote, as in {@link Field}, so that
   * {@code SubjectUserName|fieldref: TargetUserName} compares the two, not {@code user} with itself.
   */
  record FieldRef(String field, String other, Mode mode, boolean cased, String own, String otherOwn)
      implements Matcher {
    /** How the two values are compared. */
    public enum Mode { EQUALS, STARTS_WITH, ENDS_WITH, CONTAINS }

    public FieldRef(String field, String other, Mode mode, boolean cased) {
      this(field, other, mode, cased, null, null);
    }

    @Override
    public boolean matches(Row row) {
      String[] a = cased ? row.values(own, field) : row.foldedValues(own, field);
      String[] b = cased ? row.values(otherOwn, other) : row.foldedValues(otherOwn, other);
      for (String x : a) {
        for (String y : b) {
          boolean hit;
          switch (mode) {
            case STARTS_WITH: hit = x.startsWith(y); break;
            case ENDS_WITH: hit = x.endsWith(y); break;
            case CONTAINS: hit = x.contains(y); break;
            default: hit = x.equals(y); break;
          }
          if (hit) {
            return true;
          }
        }
      }
      return false;
    }

    @Override
    public int cost() {
      return 3;
    }
  }

  /**
   * A Sigma keyword (a value with no field): passes when the row's raw text, or failing that any value
   * of any field, passes {@code test}.
   */
  record Keyword(ValueTest test) implements Matcher {
    @Override
    public boolean matches(Row row) {
      String raw = row.raw();
      if (raw != null) {
        return test.test(raw, test.cased() ? raw : raw.toLowerCase(java.util.Locale.ROOT));
      }
      for (String f : row.fieldNames()) {
        if (new Field(f, test).matches(row)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public int cost() {
      return 10 + test.cost();
    }
  }

  /** Every child passes; cheapest tried first. */
  record AllOf(List<Matcher> children) implements Matcher {
    public AllOf {
      children = byCost(children);
    }

    @Override
    public boolean matches(Row row) {
      for (Matcher m : children) {
        if (!m.matches(row)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int cost() {
      return children.stream().mapToInt(Matcher::cost).sum();
    }
  }

  /** At least one child passes; cheapest tried first. */
  record AnyOf(List<Matcher> children) implements Matcher {
    public AnyOf {
      children = byCost(children);
    }

    @Override
    public boolean matches(Row row) {
      for (Matcher m : children) {
        if (m.matches(row)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public int cost() {
      return children.stream().mapToInt(Matcher::cost).sum();
    }
  }

  /** The child does not pass. */
  record Not(Matcher child) implements Matcher {
    @Override
    public boolean matches(Row row) {
      return !child.matches(row);
    }

    @Override
    public int cost() {
      return child.cost();
    }
  }

  /** A constant, e.g. {@code all of} an empty set. */
  record Const(boolean value) implements Matcher {
    @Override
    public boolean matches(Row row) {
      return value;
    }

    @Override
    public int cost() {
      return 0;
    }
  }

  private static List<Matcher> byCost(List<Matcher> in) {
    List<Matcher> sorted = new ArrayList<>(in);
    sorted.sort(Comparator.comparingInt(Matcher::cost));
    return List.copyOf(sorted);
  }
}
