package org.idetunnelrisk.sigma;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.Matcher;
import org.idetunnelrisk.fields.FieldTable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Compiles a Sigma {@code detection} map (search identifiers and a condition) into one {@link Matcher}.
 * Used for a rule's detection and for each score modifier's mini detection.
 *
 * <p>A search identifier is a map (AND of its field entries), a list of maps (OR), or a value or list of
 * values (keywords, OR). Field names map through {@link FieldTable#ruleField(String)}. The condition is a
 * string or a list of strings (OR), parsed by {@link ConditionParser}. Problems are collected per search
 * identifier and condition, so one pass reports them all. Not thread-safe: one per rule file.
 */
final class DetectionCompiler {
  private final FieldTable fields;
  private final Problems problems;
  private final ValueCompiler values;

  DetectionCompiler(FieldTable fields, Problems problems) {
    this.fields = fields;
    this.problems = problems;
    this.values = new ValueCompiler(fields, problems);
  }

  /** The compiled detection, or null when a problem was recorded. */
  Matcher compile(Node node, String what) {
    if (!(node instanceof MappingNode)) {
      problems.add(node, what + " must be a map of search identifiers and a condition but was " + Yaml.kind(node));
      return null;
    }
    int before = problems.size();
    Map<String, Matcher> ids = new LinkedHashMap<>();
    Node condition = null;
    for (NodeTuple t : ((MappingNode) node).getValue()) {
      String key = Yaml.text(t.getKeyNode());
      if (key == null) {
        problems.add(t.getKeyNode(), "a key in " + what + " must be a name but was " + Yaml.kind(t.getKeyNode()));
        continue;
      }
      if (key.equals("condition")) {
        condition = t.getValueNode();
      } else if (key.equals("timeframe")) {
        problems.add(t.getKeyNode(), "unsupported feature: 'timeframe' in " + what + " (Sigma v1 aggregations are not supported)");
      } else if (ids.containsKey(key)) {
        problems.add(t.getKeyNode(), "search identifier '" + key + "' defined twice");
      } else {
        try {
          ids.put(key, identifier(key, t.getValueNode()));
        } catch (RuleException e) {
          problems.add(e.problem());
          ids.put(key, new Matcher.Const(false));
        }
      }
    }
    if (condition == null) {
      problems.add(node, what + " has no condition");
      return null;
    }
    Matcher m = condition(condition, ids);
    return problems.size() == before ? m : null;
  }

  private Matcher condition(Node c, Map<String, Matcher> ids) {
    List<Node> parts = new ArrayList<>();
    if (c instanceof SequenceNode) {
      parts.addAll(((SequenceNode) c).getValue());
      if (parts.isEmpty()) {
        problems.add(c, "empty condition");
        return null;
      }
    } else {
      parts.add(c);
    }
    List<Matcher> out = new ArrayList<>();
    for (Node p : parts) {
      String text = Yaml.text(p);
      if (text == null) {
        problems.add(p, "condition must be a string or a list of strings but was " + Yaml.kind(p));
        continue;
      }
      try {
        out.add(new ConditionParser(text, ids, problems, p).parse());
      } catch (RuleException e) {
        problems.add(e.problem());
      }
    }
    return out.size() == parts.size() ? ValueCompiler.anyOf(out) : null;
  }

  private Matcher identifier(String name, Node body) {
    if (body instanceof MappingNode) {
      return map(name, (MappingNode) body);
    }
    if (body instanceof SequenceNode) {
      List<Node> items = ((SequenceNode) body).getValue();
      if (items.isEmpty()) {
        throw problems.fail(body, "search identifier '" + name + "' is an empty list");
      }
      boolean maps = items.get(0) instanceof MappingNode;
      List<Matcher> out = new ArrayList<>();
      for (Node item : items) {
        if (maps && item instanceof MappingNode) {
          out.add(map(name, (MappingNode) item));
        } else if (!maps && item instanceof ScalarNode) {
          out.add(values.keyword(item));
        } else {
          throw problems.fail(item, "search identifier '" + name
              + "' mixes maps with other items (a list is either of maps or of keywords)");
        }
      }
      return ValueCompiler.anyOf(out);
    }
    return values.keyword(body);
  }

  private Matcher map(String name, MappingNode m) {
    if (m.getValue().isEmpty()) {
      throw problems.fail(m, "search identifier '" + name + "' is an empty map");
    }
    List<Matcher> out = new ArrayList<>();
    for (NodeTuple t : m.getValue()) {
      out.add(fieldEntry(t.getKeyNode(), t.getValueNode()));
    }
    return ValueCompiler.allOf(out);
  }

  private Matcher fieldEntry(Node keyNode, Node valueNode) {
    String key = Yaml.text(keyNode);
    if (key == null) {
      throw problems.fail(keyNode, "a field name must be text but was " + Yaml.kind(keyNode));
    }
    String[] parts = key.split("\\|", -1);
    String field = parts[0].strip();
    if (field.isEmpty()) {
      throw problems.fail(keyNode, "empty field name in '" + key + "'");
    }
    ModifierChain chain;
    try {
      chain = ModifierChain.parse(Arrays.asList(parts).subList(1, parts.length));
    } catch (IllegalArgumentException e) {
      throw problems.fail(keyNode, "'" + key + "': " + e.getMessage());
    }
    List<Node> vals = new ArrayList<>();
    if (valueNode instanceof SequenceNode) {
      vals.addAll(((SequenceNode) valueNode).getValue());
      if (vals.isEmpty()) {
        throw problems.fail(valueNode, "'" + key + "' has an empty list of values");
      }
    } else {
      vals.add(valueNode);
    }
    for (Node v : vals) {
      if (!(v instanceof ScalarNode)) {
        throw problems.fail(v, "'" + key + "' values must be plain values but one was " + Yaml.kind(v));
      }
    }
    String rowField = fields.ruleField(field);
    problems.used(keyNode, field, rowField, FieldUse.Role.DETECTION);
    return values.field(rowField, fields.ruleOwnName(field), chain, vals);
  }
}
