package org.idetunnelrisk.engine;

/**
 * A wildcard pattern: {@code *} matches any run of characters, {@code ?} exactly one; everything else is
 * literal (escapes are resolved by the rule loader before it gets here, so literal {@code *} and {@code ?}
 * are marked in {@link #literalMask}).
 *
 * <p>Matching is the classic two-pointer algorithm with one backtrack point: O(n·m) in the worst case,
 * no recursion, no regular expression.
 */
public final class Glob {
  private final char[] pattern;
  /** true where the character at that index is literal even though it is '*' or '?'. */
  private final boolean[] literalMask;

  /**
   * @param pattern the pattern text
   * @param literalMask for each character, true when it is literal (an escaped {@code *} or {@code ?})
   */
  public Glob(String pattern, boolean[] literalMask) {
    if (literalMask.length != pattern.length()) {
      throw new IllegalArgumentException("mask length differs from pattern length");
    }
    this.pattern = pattern.toCharArray();
    this.literalMask = literalMask.clone();
  }

  public boolean matches(String s) {
    final char[] p = pattern;
    final boolean[] lit = literalMask;
    int pi = 0;
    int si = 0;
    int star = -1;
    int mark = 0;
    final int n = s.length();
    while (si < n) {
      if (pi < p.length && !(p[pi] == '*' && !lit[pi]) && (p[pi] == s.charAt(si) || (p[pi] == '?' && !lit[pi]))) {
        pi++;
        si++;
      } else if (pi < p.length && p[pi] == '*' && !lit[pi]) {
        star = pi++;
        mark = si;
      } else if (star >= 0) {
        pi = star + 1;
        si = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length && p[pi] == '*' && !lit[pi]) {
      pi++;
    }
    return pi == p.length;
  }

  /** The literal runs between unescaped wildcards, in order (empty runs left out). */
  public java.util.List<String> literalRuns() {
    java.util.List<String> runs = new java.util.ArrayList<>();
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < pattern.length; i++) {
      if ((pattern[i] == '*' || pattern[i] == '?') && !literalMask[i]) {
        if (run.length() > 0) {
          runs.add(run.toString());
          run.setLength(0);
        }
      } else {
        run.append(pattern[i]);
      }
    }
    if (run.length() > 0) {
      runs.add(run.toString());
    }
    return runs;
  }

  /** The literal text before the first unescaped wildcard, or null when the pattern starts with one. */
  public String literalPrefix() {
    int i = 0;
    while (i < pattern.length && !((pattern[i] == '*' || pattern[i] == '?') && !literalMask[i])) {
      i++;
    }
    return i == 0 ? null : new String(pattern, 0, i);
  }

  /** The literal text after the last unescaped wildcard, or null when the pattern ends with one. */
  public String literalSuffix() {
    int i = pattern.length;
    while (i > 0 && !((pattern[i - 1] == '*' || pattern[i - 1] == '?') && !literalMask[i - 1])) {
      i--;
    }
    return i == pattern.length ? null : new String(pattern, i, pattern.length - i);
  }

  @Override
  public String toString() {
    return new String(pattern);
  }
}
