package org.idetunnelrisk.engine;

import java.util.List;

/**
 * A rule that matched a row, and the risk events it produced. A hit whose risk object fields were all
 * empty has no risk events: callers report it ({@link #unattributed()}) rather than drop it. Risk objects
 * whose score fell to zero or below through negative score modifiers are counted in {@code suppressed}
 * and give no risk event (a score of nothing is no risk).
 */
public record Hit(Rule rule, Row row, List<RiskEvent> riskEvents, int suppressed) {
  public Hit {
    riskEvents = List.copyOf(riskEvents);
  }

  /** True when the rule matched but no risk object could be found in the row. */
  public boolean unattributed() {
    return riskEvents.isEmpty() && suppressed == 0;
  }
}
