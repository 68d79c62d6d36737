package org.idetunnelrisk.engine;

import java.util.List;
import java.util.Map;

/**
 * One Splunk Enterprise Security risk event: what ES's risk action would index into {@code index=risk} for
 * one risk object of one hit. Field names on the wire are ES's ({@code risk_object}, {@code risk_score}...);
 * adapters turn this record into JSON or Splunk event text.
 *
 * @param id stable id: the same rule, risk object and source event always give the same id
 * @param time the source event's own time, epoch seconds (NaN when the event had none)
 * @param riskObject the risk object's value, e.g. a host name
 * @param riskObjectType system, user or other
 * @param riskScore the score after modifiers, 1..100
 * @param riskMessage the rule's message with {@code $field$} tokens filled from the row
 * @param threatObjects threat object values, parallel to {@code threatObjectTypes}
 * @param threatObjectTypes threat object types
 * @param searchName the rule's search name
 * @param ruleId the Sigma rule id
 * @param ruleTitle the Sigma rule title
 * @param mitreAttack ATT&CK technique ids (annotations.mitre_attack)
 * @param analyticStories ES analytic stories (annotations.analytic_story)
 * @param modifiers names of the score modifiers that applied
 * @param fields the row's normalized fields copied through (dest, user, process...), name to values
 */
public record RiskEvent(
    String id,
    double time,
    String riskObject,
    String riskObjectType,
    int riskScore,
    String riskMessage,
    List<String> threatObjects,
    List<String> threatObjectTypes,
    String searchName,
    String ruleId,
    String ruleTitle,
    List<String> mitreAttack,
    List<String> analyticStories,
    List<String> modifiers,
    Map<String, List<String>> fields) {

  public RiskEvent {
    threatObjects = List.copyOf(threatObjects);
    threatObjectTypes = List.copyOf(threatObjectTypes);
    mitreAttack = List.copyOf(mitreAttack);
    analyticStories = List.copyOf(analyticStories);
    modifiers = List.copyOf(modifiers);
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
  }
}
