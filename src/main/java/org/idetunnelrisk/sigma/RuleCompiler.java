package org.idetunnelrisk.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Matcher;
import org.idetunnelrisk.engine.RiskSpec;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Compiles one Sigma rule document (the root map) into a {@link Rule}.
 *
 * <p>Top-level keys read: {@code title} (required), {@code id} (default: the file stem), {@code tags},
 * {@code logsource}, {@code detection} (required), {@code level}, {@code description} (kept for the saved
 * searches) and our {@code risk} block. Other keys are
 * Sigma's descriptive attributes or custom ones and are ignored, except {@code action} (v1 collections) and
 * {@code type: correlation} (an old draft's form), which are refused. Documents with {@code correlation:} or
 * {@code filter:} never come here: {@link RuleLoader} hands them to {@link CorrelationCompiler} and
 * {@link FilterCompiler}.
 * A rule without a risk block scores by level against the host fields. Not thread-safe: one per file.
 */
final class RuleCompiler {
  private static final Pattern ATTACK_TAG = Pattern.compile("attack\\.(t\\d{4}(\\.\\d{3})?)", Pattern.CASE_INSENSITIVE);

  private final FieldTable fields;
  private final Problems problems;

  RuleCompiler(FieldTable fields, Problems problems) {
    this.fields = fields;
    this.problems = problems;
  }

  /** The rule, or null when a problem was recorded. */
  Rule compile(Node root, String defaultId) {
    if (!(root instanceof MappingNode)) {
      problems.add(root, "a Sigma rule must be a map but was " + Yaml.kind(root));
      return null;
    }
    int before = problems.size();
    Node title = null;
    Node id = null;
    Node tags = null;
    Node logsource = null;
    Node detection = null;
    Node level = null;
    Node risk = null;
    Node description = null;
    for (NodeTuple t : ((MappingNode) root).getValue()) {
      Node k = t.getKeyNode();
      String key = Yaml.text(k);
      if (key == null) {
        problems.add(k, "a top-level key must be a name but was " + Yaml.kind(k));
        continue;
      }
      Node v = t.getValueNode();
      switch (key) {
        case "title": title = v; break;
        case "id": id = v; break;
        case "tags": tags = v; break;
        case "logsource": logsource = v; break;
        case "detection": detection = v; break;
        case "level": level = v; break;
        case "risk": risk = v; break;
        case "description": description = v; break;
        case "correlation":
          problems.add(k, "unsupported feature: correlation rules ('correlation:') are not supported");
          break;
        case "filter":
          problems.add(k, "unsupported feature: Sigma filters ('filter:') are not supported");
          break;
        case "action":
          problems.add(k, "unsupported feature: Sigma v1 rule collections ('action: " + Yaml.text(v) + "') are not supported");
          break;
        case "type":
          if ("correlation".equalsIgnoreCase(Yaml.text(v))) {
            problems.add(v, "unsupported feature: correlation rules ('type: correlation') are not supported");
          }
          break;
        default:
          break;
      }
    }
    if (problems.size() != before) {
      return null;
    }
    String titleText = Yaml.text(title);
    if (title == null || titleText == null || titleText.isBlank()) {
      problems.add(title == null ? root : title, "rule has no title");
    }
    String idText = defaultId;
    if (id != null) {
      idText = Yaml.text(id);
      if (idText == null || idText.isBlank()) {
        problems.add(id, "rule id must be text but was " + Yaml.kind(id));
      }
    }
    String levelText = "medium";
    if (level != null) {
      String l = Yaml.text(level);
      if (l == null || RiskSpec.scoreForLevel(l) < 0) {
        problems.add(level, "unknown level '" + l + "' (expected informational, low, medium, high or critical)");
      } else {
        levelText = l.toLowerCase(Locale.ROOT);
      }
    }
    List<String> mitre = mitreFromTags(tags);
    LogSource ls = logSource(logsource);
    Matcher m = null;
    if (detection == null) {
      problems.add(root, "rule has no detection");
    } else {
      m = new DetectionCompiler(fields, problems).compile(detection, "detection");
    }
    RiskSpec spec = null;
    if (risk != null) {
      spec = new RiskCompiler(fields, problems).compile(risk, mitre);
    } else if (titleText != null) {
      spec = new RiskSpec(titleText,
          List.of(new RiskSpec.RiskObject(RiskSpec.HOST_FIELDS, RiskSpec.ObjectType.SYSTEM, RiskSpec.scoreForLevel(levelText))),
          List.of(), mitre, List.of(), List.of());
    }
    if (problems.size() != before) {
      return null;
    }
    String descriptionText = description == null ? null : Yaml.text(description);
    return new Rule(idText.strip(), titleText.strip(), Rule.searchNameFor(titleText.strip()), levelText, ls, m, spec,
        problems.file(), descriptionText == null ? "" : descriptionText.strip());
  }

  List<String> mitreFromTags(Node tags) {
    List<String> out = new ArrayList<>();
    if (tags == null) {
      return out;
    }
    if (!(tags instanceof SequenceNode)) {
      problems.add(tags, "tags must be a list but was " + Yaml.kind(tags));
      return out;
    }
    for (Node t : ((SequenceNode) tags).getValue()) {
      String s = Yaml.text(t);
      if (s == null) {
        problems.add(t, "a tag must be text but was " + Yaml.kind(t));
        continue;
      }
      java.util.regex.Matcher mm = ATTACK_TAG.matcher(s.strip());
      if (mm.matches()) {
        String tech = mm.group(1).toUpperCase(Locale.ROOT);
        if (!out.contains(tech)) {
          out.add(tech);
        }
      }
    }
    return out;
  }

  LogSource logSource(Node n) {
    if (n == null) {
      return LogSource.ANY;
    }
    if (!(n instanceof MappingNode)) {
      problems.add(n, "logsource must be a map but was " + Yaml.kind(n));
      return LogSource.ANY;
    }
    String category = null;
    String product = null;
    String service = null;
    for (NodeTuple t : ((MappingNode) n).getValue()) {
      String key = String.valueOf(Yaml.text(t.getKeyNode()));
      String val = Yaml.text(t.getValueNode());
      switch (key) {
        case "category": category = val; break;
        case "product": product = val; break;
        case "service": service = val; break;
        case "definition": break;
        default:
          problems.add(t.getKeyNode(), "unknown logsource key '" + key
              + "' (expected category, product, service or definition)");
      }
    }
    return new LogSource(category, product, service);
  }
}
