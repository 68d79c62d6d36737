package org.idetunnelrisk.app;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Names and stable ids of what the alert action makes in fixed mode. */
final class AlertActionIds {
  static final String ACTION = "ide_tunnel_risk_score";

  private AlertActionIds() {}

  /** A stable id for the synthetic rule of a saved search: a name-based UUID of the action and the search name. */
  static String ruleId(String searchName) {
    return UUID.nameUUIDFromBytes((ACTION + "\u0000" + searchName).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
