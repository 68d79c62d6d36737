package org.idetunnelrisk.spl;

import java.util.ArrayList;
import java.util.List;
import org.idetunnelrisk.engine.Matcher;
import org.idetunnelrisk.engine.ValueTest;

/**
 * A condition every row a detection matches must satisfy, derived from the compiled {@link Matcher} tree.
 *
 * <p>Derivation: a field test with a literal (equals, starts with, ends with, contains, wildcard) is itself;
 * {@code all of} is the conjunction of its children's conditions; {@code any of} is the disjunction, or
 * {@link True} as soon as one child has none; negations, null tests, regular expressions, CIDR, numeric
 * and field-reference tests give {@link True} (no pushdown: Splunk's search cannot express them exactly,
 * and a necessary condition may always be weaker).
 */
public sealed interface Necessary {

  /** No condition: every row passes. */
  record True() implements Necessary {}

  /** A literal test on one canonical field. */
  record Literal(String field, ValueTest test) implements Necessary {}

  /** Field present. */
  record Present(String field) implements Necessary {}

  /** Every part holds. */
  record And(List<Necessary> parts) implements Necessary {}

  /** Some part holds. */
  record Or(List<Necessary> parts) implements Necessary {}

  Necessary TRUE = new True();

  /** The necessary condition of a matcher. */
  static Necessary of(Matcher m) {
    if (m instanceof Matcher.Field f) {
      ValueTest t = f.test();
      if (t instanceof ValueTest.Equals || t instanceof ValueTest.StartsWith || t instanceof ValueTest.EndsWith
          || t instanceof ValueTest.Contains || t instanceof ValueTest.Wildcard) {
        return new Literal(f.field(), t);
      }
      return TRUE;
    }
    if (m instanceof Matcher.FieldExists e) {
      return e.expected() ? new Present(e.field()) : TRUE;
    }
    if (m instanceof Matcher.AllOf a) {
      List<Necessary> parts = new ArrayList<>();
      for (Matcher c : a.children()) {
        Necessary n = of(c);
        if (!(n instanceof True)) {
          parts.add(n);
        }
      }
      return parts.isEmpty() ? TRUE : parts.size() == 1 ? parts.get(0) : new And(parts);
    }
    if (m instanceof Matcher.AnyOf o) {
      if (o.children().isEmpty()) {
        return TRUE;
      }
      List<Necessary> parts = new ArrayList<>();
      for (Matcher c : o.children()) {
        Necessary n = of(c);
        if (n instanceof True) {
          return TRUE;
        }
        parts.add(n);
      }
      return parts.size() == 1 ? parts.get(0) : new Or(parts);
    }
    return TRUE;
  }

  /** The disjunction of several conditions (True when any is True or the list is empty). */
  static Necessary anyOf(List<Necessary> conditions) {
    if (conditions.isEmpty()) {
      return TRUE;
    }
    for (Necessary n : conditions) {
      if (n instanceof True) {
        return TRUE;
      }
    }
    return conditions.size() == 1 ? conditions.get(0) : new Or(List.copyOf(conditions));
  }
}
