package org.idetunnelrisk.app;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean": the known name closest to a word, by optimal string alignment distance (insertions,
 * deletions, substitutions and swaps of two neighbours each cost 1, so {@code Imgae} is 1 from {@code Image}),
 * ignoring case. A name counts as close within 1 edit for words of up to 4 characters and within 2 for longer
 * ones; ties go to the name closer in case, then to the first in alphabetical order. Stateless.
 */
final class Spelling {
  private Spelling() {}

  static Optional<String> closest(String word, Collection<String> known) {
    String w = word.toLowerCase(Locale.ROOT);
    int limit = word.length() <= 4 ? 1 : 2;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int bestCased = Integer.MAX_VALUE;
    for (String k : known) {
      if (k.equals(word) || Math.abs(k.length() - word.length()) > limit) {
        continue; // the distance is at least the difference in length
      }
      int d = distance(w, k.toLowerCase(Locale.ROOT));
      if (d > limit) {
        continue;
      }
      int cased = distance(word, k);
      if (d < bestDistance || d == bestDistance && (cased < bestCased || cased == bestCased && k.compareTo(best) < 0)) {
        best = k;
        bestDistance = d;
        bestCased = cased;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Optimal string alignment distance between {@code a} and {@code b}. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
