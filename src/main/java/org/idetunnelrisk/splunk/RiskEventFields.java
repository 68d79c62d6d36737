package org.idetunnelrisk.splunk;

import java.util.Set;

/**
 * Which fields a risk event has, one list for every way one is written: the stash text sent to the risk index
 * ({@link RiskEventText}) and {@code scan}'s JSON lines ({@code output.RiskEventJson}), so that {@code scan}
 * shows the fields the risk index gets. A writer writes the {@link #OWN} fields itself, from the risk event and
 * the search it came from; Splunk sets the {@link #METADATA} fields ({@code index}, {@code source},
 * {@code sourcetype}, {@code host}) from the write itself; every other field of the event's row is copied under
 * its own name ({@link #copied}). Stateless.
 */
public final class RiskEventFields {
  /** ES's names for the ATT&CK annotations of a risk event. */
  public static final String TECHNIQUE_ID = "annotations.mitre_attack.mitre_technique_id";
  public static final String TECHNIQUE = "annotations.mitre_attack.mitre_technique";
  public static final String TACTIC_ID = "annotations.mitre_attack.mitre_tactic_id";
  public static final String TACTIC = "annotations.mitre_attack.mitre_tactic";
  public static final String ALL = "annotations._all";
  public static final String FRAMEWORKS = "annotations._frameworks";

  /**
   * The fields a writer writes itself; a row field of one of these names is never copied (it cannot override
   * them). {@code annotations} is the object {@code scan} nests the {@code annotations.*} fields in;
   * {@code orig_location} is {@code scan}'s place of the source event.
   */
  public static final Set<String> OWN = Set.of("risk_object", "risk_object_type", "risk_score",
      "risk_message", "threat_object", "threat_object_type", "search_name", "annotations", "annotations.mitre_attack",
      TECHNIQUE_ID, TECHNIQUE, TACTIC_ID, TACTIC, ALL, FRAMEWORKS, "orig_sid", "orig_rid", "orig_action_name",
      "info_min_time", "info_max_time", "info_search_time", "orig_host", "orig_source", "orig_sourcetype",
      "annotations.analytic_story", "analyticstories", "rule_id", "rule_title", "risk_event_id",
      "risk_modifiers", "orig_location");

  /** Splunk's metadata fields: set by the write (or by Splunk), never from a row field. */
  public static final Set<String> METADATA = Set.of("index", "source", "sourcetype", "host", "splunk_server");

  private RiskEventFields() {}

  /**
   * Whether a row field of this name is copied into the risk event under its own name: not one of the
   * {@link #OWN} fields, not {@link #METADATA}, not one of Splunk's internal {@code _name} fields ({@code _time}
   * is the event's own).
   */
  public static boolean copied(String name) {
    return !OWN.contains(name) && !METADATA.contains(name) && !name.startsWith("_");
  }
}
