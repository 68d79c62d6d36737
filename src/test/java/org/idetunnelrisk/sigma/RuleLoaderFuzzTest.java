package org.idetunnelrisk.sigma;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.idetunnelrisk.fields.FieldTable;

/**
 * Fuzzes {@link RuleLoader#loadText} with whole rule files (seeds: the shipped rules).
 * Property: never an exception, only a {@link RuleSet} whose problems all name the file; no hang.
 */
class RuleLoaderFuzzTest {
  static final String ORIGIN = "fuzz.yml";
  static final RuleLoader LOADER = new RuleLoader(FieldTable.shipped());

  @FuzzTest(maxDuration = "2m")
  void ruleFile(byte[] data) {
    check(data);
  }

  static void check(byte[] data) {
    checkText(new String(data, StandardCharsets.UTF_8));
  }

  static void checkText(String text) {
    RuleSet set = LOADER.loadText(text, ORIGIN);
    for (RuleProblem p : set.problems()) {
      if (!p.file().equals(ORIGIN) || p.message() == null || p.message().isEmpty()) {
        throw new AssertionError("problem without its place or reason: " + p);
      }
    }
    if (set.rules().isEmpty() == set.problems().isEmpty()) {
      throw new AssertionError("a file gives a rule or a problem, not both or neither: " + set);
    }
  }
}
