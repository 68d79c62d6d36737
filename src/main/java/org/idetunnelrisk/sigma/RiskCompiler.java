package org.idetunnelrisk.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.idetunnelrisk.engine.Matcher;
import org.idetunnelrisk.engine.RiskSpec;
import org.idetunnelrisk.fields.FieldTable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Compiles our {@code risk:} extension block into a {@link RiskSpec}, checking it as contentctl checks
 * an rba block: score 1 to 100, risk object type system/user/other, threat object type from a fixed list.
 *
 * <p>Keys: {@code message} (required; {@code $field$} tokens rewritten to canonical field names),
 * {@code risk_objects} (required, at least one: {@code field} a name or list of names tried in order,
 * {@code type}, {@code score}), {@code threat_objects} ({@code field}, {@code type}), {@code mitre_attack}
 * (default: from the rule's {@code attack.tNNNN} tags), {@code analytic_story} (default none),
 * {@code score_modifiers} ({@code name}, {@code add} from -100 to 100, {@code detection}). Not thread-safe:
 * one per rule file.
 */
final class RiskCompiler {
  /**
   * Threat object types: those splunk/contentctl's rba.py lists, and four of this app's own for what tells one
   * tunnel from another and what was made persistent ({@code tunnel_name}, {@code tunnel_id}, {@code tunnel_port},
   * {@code persisted_name}); ES stores any type as given, and its risk views group by it.
   */
  static final Set<String> THREAT_TYPES = Set.of(
      "process", "process_name", "parent_process", "parent_process_name", "file_name", "file_path",
      "file_hash", "domain", "url", "ip_address", "command", "registry_path", "service", "signature",
      "email_address", "certificate_common_name", "other", "tunnel_name", "tunnel_id", "tunnel_port",
      "persisted_name");

  private final FieldTable fields;
  private final Problems problems;

  RiskCompiler(FieldTable fields, Problems problems) {
    this.fields = fields;
    this.problems = problems;
  }

  /** The risk spec, or null when a problem was recorded. */
  RiskSpec compile(Node block, List<String> tagMitre) {
    MappingNode m = map(block, "risk");
    if (m == null) {
      return null;
    }
    int before = problems.size();
    String message = null;
    Node messageNode = null;
    List<RiskSpec.RiskObject> risks = null;
    List<RiskSpec.ThreatObject> threats = List.of();
    List<String> mitre = tagMitre;
    List<String> stories = List.of();
    List<RiskSpec.ScoreModifier> mods = List.of();
    for (NodeTuple t : m.getValue()) {
      String key = String.valueOf(Yaml.text(t.getKeyNode()));
      Node v = t.getValueNode();
      switch (key) {
        case "message":
          message = string(v, "risk message");
          messageNode = v;
          break;
        case "risk_objects":
          risks = riskObjects(v);
          break;
        case "threat_objects":
          threats = threatObjects(v);
          break;
        case "mitre_attack":
          mitre = strings(v, "mitre_attack");
          break;
        case "analytic_story":
          stories = strings(v, "analytic_story");
          break;
        case "score_modifiers":
          mods = scoreModifiers(v);
          break;
        default:
          problems.add(t.getKeyNode(), "unknown key '" + key + "' in risk block (expected message, risk_objects, "
              + "threat_objects, mitre_attack, analytic_story or score_modifiers)");
      }
    }
    if (message == null && problems.size() == before) {
      problems.add(block, "risk block has no message");
    }
    if (risks == null && problems.size() == before) {
      problems.add(block, "risk block has no risk_objects");
    }
    if (problems.size() != before) {
      return null;
    }
    return new RiskSpec(canonicalTokens(message, messageNode), risks, threats, mitre, stories, mods);
  }

  /**
   * Rewrites {@code $field$} tokens to canonical names, scanning as {@code MessageTemplate} fills them; each
   * token is noted as a field use at {@code at}.
   */
  String canonicalTokens(String template, Node at) {
    StringBuilder out = new StringBuilder(template.length());
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      int end = c == '$' ? template.indexOf('$', i + 1) : -1;
      if (end < 0) {
        out.append(c);
        i++;
        continue;
      }
      String name = template.substring(i + 1, end);
      String field = name.isEmpty() ? "" : fields.ruleField(name);
      if (!name.isEmpty()) {
        problems.used(at, name, field, FieldUse.Role.MESSAGE);
      }
      out.append('$').append(field).append('$');
      i = end + 1;
    }
    return out.toString();
  }

  private List<RiskSpec.RiskObject> riskObjects(Node v) {
    List<Node> items = list(v, "risk_objects");
    if (items == null) {
      return null;
    }
    if (items.isEmpty()) {
      problems.add(v, "risk_objects needs at least one risk object");
      return null;
    }
    List<RiskSpec.RiskObject> out = new ArrayList<>();
    for (Node item : items) {
      MappingNode m = map(item, "a risk object");
      if (m == null) {
        continue;
      }
      List<String> fieldNames = null;
      RiskSpec.ObjectType type = null;
      Integer score = null;
      for (NodeTuple t : m.getValue()) {
        String key = String.valueOf(Yaml.text(t.getKeyNode()));
        Node val = t.getValueNode();
        if (key.equals("field")) {
          fieldNames = fieldList(val);
        } else if (key.equals("type")) {
          String s = string(val, "risk object type");
          if (s != null) {
            try {
              type = RiskSpec.ObjectType.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
              problems.add(val, "risk object type must be system, user or other but was '" + s + "'");
            }
          }
        } else if (key.equals("score")) {
          score = integer(val, "risk object score", 1, RiskSpec.MAX_SCORE);
        } else {
          problems.add(t.getKeyNode(), "unknown key '" + key + "' in risk object (expected field, type, score)");
        }
      }
      if (fieldNames == null || type == null || score == null) {
        if (!hasKeys(m, "field", "type", "score")) {
          problems.add(m, "a risk object needs field, type and score");
        }
        continue;
      }
      out.add(new RiskSpec.RiskObject(fieldNames, type, score));
    }
    return out.size() == items.size() ? out : null;
  }

  private List<RiskSpec.ThreatObject> threatObjects(Node v) {
    List<Node> items = list(v, "threat_objects");
    if (items == null) {
      return List.of();
    }
    List<RiskSpec.ThreatObject> out = new ArrayList<>();
    for (Node item : items) {
      MappingNode m = map(item, "a threat object");
      if (m == null) {
        continue;
      }
      String field = null;
      String type = null;
      for (NodeTuple t : m.getValue()) {
        String key = String.valueOf(Yaml.text(t.getKeyNode()));
        Node val = t.getValueNode();
        if (key.equals("field")) {
          String f = string(val, "threat object field");
          field = f == null ? null : fields.ruleField(f.strip());
          if (field != null) {
            problems.used(val, f.strip(), field, FieldUse.Role.THREAT_OBJECT);
          }
        } else if (key.equals("type")) {
          String s = string(val, "threat object type");
          if (s != null && !THREAT_TYPES.contains(s)) {
            problems.add(val, "threat object type '" + s + "' is not one of " + String.join(", ", sorted(THREAT_TYPES)));
          } else {
            type = s;
          }
        } else {
          problems.add(t.getKeyNode(), "unknown key '" + key + "' in threat object (expected field, type)");
        }
      }
      if (field != null && type != null) {
        out.add(new RiskSpec.ThreatObject(field, type));
      } else if (!hasKeys(m, "field", "type")) {
        problems.add(m, "a threat object needs field and type");
      }
    }
    return out;
  }

  private List<RiskSpec.ScoreModifier> scoreModifiers(Node v) {
    List<Node> items = list(v, "score_modifiers");
    if (items == null) {
      return List.of();
    }
    List<RiskSpec.ScoreModifier> out = new ArrayList<>();
    for (Node item : items) {
      MappingNode m = map(item, "a score modifier");
      if (m == null) {
        continue;
      }
      String name = null;
      Integer add = null;
      Matcher when = null;
      for (NodeTuple t : m.getValue()) {
        String key = String.valueOf(Yaml.text(t.getKeyNode()));
        Node val = t.getValueNode();
        if (key.equals("name")) {
          name = string(val, "score modifier name");
        } else if (key.equals("add")) {
          add = integer(val, "score modifier add", -RiskSpec.MAX_SCORE, RiskSpec.MAX_SCORE);
        } else if (key.equals("detection")) {
          when = new DetectionCompiler(fields, problems).compile(val, "score modifier detection");
        } else {
          problems.add(t.getKeyNode(), "unknown key '" + key + "' in score modifier (expected name, add, detection)");
        }
      }
      if (name != null && add != null && when != null) {
        out.add(new RiskSpec.ScoreModifier(name, add, when));
      } else if (!hasKeys(m, "name", "add", "detection")) {
        problems.add(m, "a score modifier needs name, add and detection");
      }
    }
    return out;
  }

  private List<String> fieldList(Node v) {
    List<String> out = new ArrayList<>();
    if (v instanceof SequenceNode) {
      for (Node n : ((SequenceNode) v).getValue()) {
        String s = string(n, "risk object field");
        if (s == null) {
          return null;
        }
        String f = fields.ruleField(s.strip());
        problems.used(n, s.strip(), f, FieldUse.Role.RISK_OBJECT);
        if (!out.contains(f)) {
          out.add(f);
        }
      }
      if (out.isEmpty()) {
        problems.add(v, "risk object field list is empty");
        return null;
      }
      return out;
    }
    String s = string(v, "risk object field");
    if (s == null) {
      return null;
    }
    String f = fields.ruleField(s.strip());
    problems.used(v, s.strip(), f, FieldUse.Role.RISK_OBJECT);
    return List.of(f);
  }

  private static boolean hasKeys(MappingNode m, String... keys) {
    for (String k : keys) {
      boolean found = false;
      for (NodeTuple t : m.getValue()) {
        found |= k.equals(Yaml.text(t.getKeyNode()));
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private MappingNode map(Node n, String what) {
    if (n instanceof MappingNode) {
      return (MappingNode) n;
    }
    problems.add(n, what + " must be a map but was " + Yaml.kind(n));
    return null;
  }

  private List<Node> list(Node n, String what) {
    if (n instanceof SequenceNode) {
      return ((SequenceNode) n).getValue();
    }
    problems.add(n, what + " must be a list but was " + Yaml.kind(n));
    return null;
  }

  private String string(Node n, String what) {
    String s = Yaml.text(n);
    if (s == null || s.isBlank()) {
      problems.add(n, what + " must be non-empty text but was " + (s == null ? Yaml.kind(n) : "empty"));
      return null;
    }
    return s;
  }

  private List<String> strings(Node n, String what) {
    List<Node> items = list(n, what);
    if (items == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Node i : items) {
      String s = string(i, "an item of " + what);
      if (s != null) {
        out.add(s.strip());
      }
    }
    return out;
  }

  private Integer integer(Node n, String what, int min, int max) {
    String s = Yaml.text(n);
    if (s == null || !s.strip().matches("[+-]?[0-9]{1,9}")) {
      problems.add(n, what + " must be a whole number from " + min + " to " + max + " but was '" + s + "'");
      return null;
    }
    int v = Integer.parseInt(s.strip());
    if (v < min || v > max) {
      problems.add(n, what + " must be from " + min + " to " + max + " but was " + v);
      return null;
    }
    return v;
  }

  private static List<String> sorted(Set<String> s) {
    List<String> l = new ArrayList<>(s);
    l.sort(null);
    return l;
  }
}
