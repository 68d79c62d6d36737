package org.idetunnelrisk.engine;

import java.util.function.Predicate;

/**
 * A test of one field value, compiled once from a Sigma value and its modifiers.
 *
 * <p>Case-insensitive tests hold their needle folded to lower case (Locale.ROOT) at compile time and are
 * given the value already folded by {@link Row#foldedValues(String)}; {@link #cased()} tells the matcher
 * which form to pass. Literal tests never use regular expressions; only {@link Regex} does, through a
 * predicate supplied by the rule loader (a linear-time engine), so this package stays free of libraries.
 */
public sealed interface ValueTest {

  /** Tests one value: {@code value} is the original text, {@code folded} the same text folded to lower case. */
  boolean test(String value, String folded);

  /** Whether the test compares case-sensitively. */
  boolean cased();

  /** Relative cost, cheapest first when the engine orders siblings. */
  int cost();

  /** The whole value equals the needle. */
  record Equals(String needle, boolean cased) implements ValueTest {
    @Override
    public boolean test(String value, String folded) {
      return (cased ? value : folded).equals(needle);
    }

    @Override
    public int cost() {
      return 1;
    }
  }

  /** The value starts with the needle. */
  record StartsWith(String needle, boolean cased) implements ValueTest {
    @Override
    public boolean test(String value, String folded) {
      return (cased ? value : folded).startsWith(needle);
    }

    @Override
    public int cost() {
      return 1;
    }
  }

  /** The value ends with the needle. */
  record EndsWith(String needle, boolean cased) implements ValueTest {
    @Override
    public boolean test(String value, String folded) {
      return (cased ? value : folded).endsWith(needle);
    }

    @Override
    public int cost() {
      return 1;
    }
  }

  /** The value contains the needle. */
  record Contains(String needle, boolean cased) implements ValueTest {
    @Override
    public boolean test(String value, String folded) {
      return (cased ? value : folded).contains(needle);
    }

    @Override
    public int cost() {
      return 2;
    }
  }

  /**
   * A Sigma wildcard pattern with {@code *} or {@code ?} inside it, held as a {@link Glob}. Patterns of
   * the plain forms {@code x}, {@code x*}, {@code *x}, {@code *x*} never get here: they compile to the
   * literal tests above.
   */
  record Wildcard(Glob glob, boolean cased) implements ValueTest {
    @Override
    public boolean test(String value, String folded) {
      return glob.matches(cased ? value : folded);
    }

    @Override
    public int cost() {
      return 4;
    }
  }

  /** A regular expression, run by a linear-time engine behind {@code predicate}; {@code source} is for messages. */
  record Regex(String source, Predicate<String> predicate) implements ValueTest {
    @Override
    public boolean test(String value, String folded) {
      return predicate.test(value);
    }

    @Override
    public boolean cased() {
      return true;
    }

    @Override
    public int cost() {
      return 8;
    }
  }

  /** The value is an IP address inside the network. */
  record Cidr(IpNetwork network) implements ValueTest {
    @Override
    public boolean test(String value, String folded) {
      return network.contains(value);
    }

    @Override
    public boolean cased() {
      return true;
    }

    @Override
    public int cost() {
      return 3;
    }
  }

  /** Sigma's {@code lt}, {@code lte}, {@code gt}, {@code gte}: the value read as a number compared to a bound. */
  record Numeric(Op op, double bound) implements ValueTest {
    /** The comparison. */
    public enum Op { LT, LTE, GT, GTE }

    @Override
    public boolean test(String value, String folded) {
      double d;
      try {
        d = Double.parseDouble(value.trim());
      } catch (NumberFormatException e) {
        return false;
      }
      switch (op) {
        case LT: return d < bound;
        case LTE: return d <= bound;
        case GT: return d > bound;
        default: return d >= bound;
      }
    }

    @Override
    public boolean cased() {
      return true;
    }

    @Override
    public int cost() {
      return 3;
    }
  }
}
