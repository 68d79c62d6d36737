package org.idetunnelrisk.engine;

import java.util.List;

/**
 * A rule that matched a row, and the risk events it produced. A hit whose risk object fields were all
 * empty has no risk events: callers report it ({@link #unattributed()}) rather than drop it.
 */
public record Hit(Rule rule, Row row, List<RiskEvent> riskEvents) {
  public Hit {
    riskEvents = List.copyOf(riskEvents);
  }

  /** True when the rule matched but no risk object could be found in the row. */
  public boolean unattributed() {
    return riskEvents.isEmpty();
  }
}
