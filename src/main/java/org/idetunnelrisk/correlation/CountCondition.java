package org.idetunnelrisk.correlation;

/**
 * A correlation's {@code condition}: bounds on a count, all of which must hold ({@code gt: 100, lte: 200} is
 * the range 101..200). Null bounds are absent.
 *
 * <p>A condition with no upper bound ({@code gt}, {@code gte} only) is <em>eager</em>: once it holds, more
 * events cannot make it false, so a result is emitted as soon as the last event arrives. One with an upper
 * bound ({@code lt}, {@code lte}, {@code eq}) can only be decided when its window is closed (no event can
 * still arrive in it).
 */
public record CountCondition(Long gt, Long gte, Long lt, Long lte, Long eq) {
  /** At least {@code n}. */
  public static CountCondition atLeast(long n) {
    return new CountCondition(null, n, null, null, null);
  }

  public boolean test(long n) {
    return (gt == null || n > gt) && (gte == null || n >= gte) && (lt == null || n < lt)
        && (lte == null || n <= lte) && (eq == null || n == eq);
  }

  /** True when no upper bound is given: the condition holds for every count above some threshold. */
  public boolean eager() {
    return lt == null && lte == null && eq == null;
  }

  /** Whether some count satisfies it ({@code gt: 5, lt: 6} does not). */
  public boolean satisfiable() {
    long low = Math.max(gt == null ? 0 : gt + 1, gte == null ? 0 : gte);
    if (eq != null) {
      return test(eq);
    }
    long high = Math.min(lt == null ? Long.MAX_VALUE : lt - 1, lte == null ? Long.MAX_VALUE : lte);
    return low <= high;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    append(sb, "gt", gt);
    append(sb, "gte", gte);
    append(sb, "lt", lt);
    append(sb, "lte", lte);
    append(sb, "eq", eq);
    return sb.toString();
  }

  private static void append(StringBuilder sb, String name, Long v) {
    if (v != null) {
      sb.append(sb.length() == 0 ? "" : ", ").append(name).append(": ").append(v);
    }
  }
}
