package org.idetunnelrisk.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Matcher;
import org.idetunnelrisk.fields.FieldTable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Compiles one Sigma global filter document (Sigma filters specification 2.1) into a {@link Draft}, which
 * {@link Linker} applies to the rules it names once every file is loaded.
 *
 * <p>Keys: {@code title} (required), {@code id}, {@code name}, {@code logsource} (required),
 * {@code filter} (required: {@code rules}, by id or name, and the filter's own search identifiers and
 * {@code condition}, compiled as a detection is), {@code taxonomy} (only {@code sigma}, the default, is
 * supported). {@code detection} is refused; other keys are descriptive and ignored. Not thread-safe.
 */
final class FilterCompiler {
  /** A compiled filter whose rule references are not resolved yet. */
  record Draft(String file, int line, String id, String title, LogSource logSource,
      List<CorrelationCompiler.Ref> rules, Matcher matcher) {}

  private final FieldTable fields;
  private final Problems problems;

  FilterCompiler(FieldTable fields, Problems problems) {
    this.fields = fields;
    this.problems = problems;
  }

  /** The draft, or null when a problem was recorded. */
  Draft compile(MappingNode root, String defaultId) {
    int before = problems.size();
    Map<String, Node> top = Yaml.topLevel(root, problems);
    if (top.containsKey("detection")) {
      problems.add(top.get("detection"), "a filter has no 'detection': its selections and condition go under filter");
    }
    if (top.containsKey("correlation")) {
      problems.add(top.get("correlation"), "a document is a filter or a correlation rule, not both");
    }
    if (top.containsKey("taxonomy") && !"sigma".equals(Yaml.text(top.get("taxonomy")))) {
      problems.add(top.get("taxonomy"), "unsupported feature: taxonomy '" + Yaml.text(top.get("taxonomy"))
          + "' (only the default, sigma, is supported)");
    }
    String title = Yaml.text(top.get("title"));
    if (title == null || title.isBlank()) {
      problems.add(top.getOrDefault("title", root), "filter has no title");
    }
    String id = defaultId;
    if (top.containsKey("id")) {
      id = Yaml.text(top.get("id"));
      if (id == null || id.isBlank()) {
        problems.add(top.get("id"), "filter id must be text but was " + Yaml.kind(top.get("id")));
      }
    }
    LogSource ls = LogSource.ANY;
    if (!top.containsKey("logsource")) {
      problems.add(root, "filter has no logsource (required by the Sigma filters specification)");
    } else {
      ls = new RuleCompiler(fields, problems).logSource(top.get("logsource"));
    }
    Node filter = top.get("filter");
    List<CorrelationCompiler.Ref> rules = new ArrayList<>();
    Matcher m = null;
    if (!(filter instanceof MappingNode)) {
      problems.add(filter == null ? root : filter, "filter must be a map of rules, selections and a condition but was "
          + (filter == null ? "missing" : Yaml.kind(filter)));
    } else {
      MappingNode fm = (MappingNode) filter;
      List<NodeTuple> detection = new ArrayList<>();
      Node rulesNode = null;
      for (NodeTuple t : fm.getValue()) {
        if ("rules".equals(Yaml.text(t.getKeyNode()))) {
          rulesNode = t.getValueNode();
        } else {
          detection.add(t);
        }
      }
      if (rulesNode == null) {
        problems.add(filter, "filter has no rules (the ids or names of the rules it tunes)");
      } else {
        List<Node> items = rulesNode instanceof SequenceNode ? ((SequenceNode) rulesNode).getValue() : List.of(rulesNode);
        for (Node item : items) {
          String s = Yaml.text(item);
          if (s == null || s.isBlank()) {
            problems.add(item, "a filtered rule must be a rule id or name but was " + Yaml.kind(item));
          } else {
            rules.add(new CorrelationCompiler.Ref(s.strip(), Yaml.line(item)));
          }
        }
        if (items.isEmpty()) {
          problems.add(rulesNode, "filter rules is empty: name at least one rule");
        }
      }
      m = new DetectionCompiler(fields, problems).compile(new MappingNode(fm.getTag(), true, detection,
          fm.getFlowStyle(), fm.getStartMark(), fm.getEndMark()), "filter");
    }
    if (problems.size() != before) {
      return null;
    }
    return new Draft(problems.file(), Yaml.line(root), id.strip(), title.strip(), ls, rules, m);
  }
}
