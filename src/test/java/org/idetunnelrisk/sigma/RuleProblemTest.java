package org.idetunnelrisk.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RuleProblemTest {
  @Test
  void hugeMessagesAreCutWithTheirLength() {
    RuleProblem p = new RuleProblem("r.yml", 7, "bad condition '" + "(".repeat(2000) + "'");
    assertEquals("r.yml:7: bad condition '" + "(".repeat(485) + "... (2016 characters)", p.toString());
  }

  @Test
  void wholeFileProblemsHaveNoLine() {
    assertEquals("r.yml: empty file", new RuleProblem("r.yml", 0, "empty file").toString());
  }
}
