package org.idetunnelrisk.sigma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idetunnelrisk.correlation.CorrelationRule;
import org.idetunnelrisk.correlation.CountCondition;
import org.idetunnelrisk.engine.RiskSpec;
import org.idetunnelrisk.fields.FieldTable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Compiles one Sigma correlation rule document (Sigma correlation rules specification 2.0) into a
 * {@link Draft}, whose rule references {@link Linker} resolves once every file is loaded.
 *
 * <p>Top-level keys read: {@code title} (required), {@code id} (default: as for rules), {@code name},
 * {@code level}, {@code tags} (ATT&CK ids), {@code generate} (specification 2.1 puts it here; pySigma reads
 * it inside {@code correlation:}; both are read, and must agree when both are given) and our {@code risk}
 * block. {@code detection} and {@code logsource} are refused (a correlation has none); other keys are
 * descriptive and ignored. In {@code correlation:}: {@code type}, {@code rules}, {@code group-by} (required
 * here), {@code timespan} ({@code <n>s|m|h|d}), {@code condition} ({@code gt gte lt lte eq}, several for a
 * range; {@code field} for value_count), {@code aliases}, {@code generate}; any other key is refused.
 *
 * <p>Extension: an alias may give a list of fields for a rule, tried in order (the first with a value wins),
 * as a risk block's {@code field} may, for a rule whose sources name the host differently ({@code src} in CIM
 * DNS rows, {@code dest} in Sysmon). Not thread-safe: one per document.
 */
final class CorrelationCompiler {
  private static final Pattern TIMESPAN = Pattern.compile("([1-9][0-9]{0,8})([smhd])");
  private static final Set<String> KEYS = Set.of("type", "rules", "group-by", "timespan", "condition", "aliases",
      "generate");
  private static final Set<String> BOUNDS = Set.of("gt", "gte", "lt", "lte", "eq");

  /**
   * A rule reference as written, with its line. Equality is written out: a record's own {@code equals} and
   * {@code hashCode} are made at run time from method handles on first use, and those of the records used at
   * start-up cost about as much time generating and compiling classes as loading the rules does.
   */
  record Ref(String text, int line) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Ref r && r.line == line && r.text.equals(text);
    }

    @Override
    public int hashCode() {
      return 31 * text.hashCode() + line;
    }
  }

  /** An alias: for each rule reference, the fields read. */
  record Alias(String name, int line, Map<Ref, List<String>> perRule) {}

  /** A compiled correlation document whose references are not resolved yet. */
  record Draft(String file, int line, String id, String name, String title, String level,
      CorrelationRule.Type type, List<Ref> rules, List<String> groupBy, int groupByLine, long timespanSeconds,
      CountCondition condition, String valueField, List<Alias> aliases, boolean generate, RiskSpec risk) {}

  private final FieldTable fields;
  private final Problems problems;

  CorrelationCompiler(FieldTable fields, Problems problems) {
    this.fields = fields;
    this.problems = problems;
  }

  /** The draft, or null when a problem was recorded. */
  Draft compile(MappingNode root, String defaultId) {
    int before = problems.size();
    for (NodeTuple t : root.getValue()) {
      String key = Yaml.text(t.getKeyNode());
      if ("detection".equals(key) || "logsource".equals(key)) {
        problems.add(t.getKeyNode(), "a correlation rule has no '" + key + "': it correlates the rules it names"
            + " (put the detection in a rule of its own, in this file after '---' or in another)");
      } else if ("action".equals(key)) {
        problems.add(t.getKeyNode(), "unsupported feature: Sigma v1 rule collections ('action: "
            + Yaml.text(t.getValueNode()) + "') are not supported");
      }
    }
    Map<String, Node> top = Yaml.topLevel(root, problems);
    String title = Yaml.text(top.get("title"));
    if (title == null || title.isBlank()) {
      problems.add(top.getOrDefault("title", root), "correlation rule has no title");
    }
    String id = defaultId;
    if (top.containsKey("id")) {
      id = Yaml.text(top.get("id"));
      if (id == null || id.isBlank()) {
        problems.add(top.get("id"), "rule id must be text but was " + Yaml.kind(top.get("id")));
      }
    }
    String name = name(top.get("name"));
    String level = "medium";
    if (top.containsKey("level")) {
      String l = Yaml.text(top.get("level"));
      if (l == null || RiskSpec.scoreForLevel(l) < 0) {
        problems.add(top.get("level"), "unknown level '" + l + "' (expected informational, low, medium, high or critical)");
      } else {
        level = l.toLowerCase(Locale.ROOT);
      }
    }
    RuleCompiler helper = new RuleCompiler(fields, problems);
    List<String> mitre = helper.mitreFromTags(top.get("tags"));
    Node corr = top.get("correlation");
    if (!(corr instanceof MappingNode)) {
      problems.add(corr, "correlation must be a map of type, rules, group-by, timespan and condition but was "
          + Yaml.kind(corr));
      return null;
    }
    Map<String, Node> c = new LinkedHashMap<>();
    for (NodeTuple t : ((MappingNode) corr).getValue()) {
      String key = String.valueOf(Yaml.text(t.getKeyNode()));
      if (!KEYS.contains(key)) {
        problems.add(t.getKeyNode(), "unknown key '" + key + "' in correlation (expected type, rules, group-by, "
            + "timespan, condition, aliases or generate)");
        continue;
      }
      c.put(key, t.getValueNode());
    }
    CorrelationRule.Type type = type(c.get("type"), corr);
    List<Ref> rules = refs(c.get("rules"), corr);
    List<String> groupBy = groupBy(c.get("group-by"), corr);
    long timespan = timespan(c.get("timespan"), corr);
    Boolean generate = generate(c.get("generate"), top.get("generate"));
    List<Alias> aliases = aliases(c.get("aliases"), groupBy);
    String[] valueField = new String[1];
    CountCondition condition = condition(c.get("condition"), corr, type, rules, valueField);
    RiskSpec risk = null;
    if (top.containsKey("risk")) {
      risk = new RiskCompiler(fields, problems).compile(top.get("risk"), mitre);
      if (risk != null && groupBy != null) {
        checkRiskFields(risk, top.get("risk"), groupBy, valueField[0]);
      }
    } else if (groupBy != null && title != null) {
      risk = defaultRisk(title.strip(), level, groupBy, mitre);
    }
    if (problems.size() != before) {
      return null;
    }
    return new Draft(problems.file(), Yaml.line(root), id.strip(), name, title.strip(), level, type, rules,
        groupBy, Yaml.line(c.get("group-by")), timespan, condition, valueField[0], aliases,
        generate != null && generate, risk);
  }

  private String name(Node n) {
    if (n == null) {
      return null;
    }
    String s = Yaml.text(n);
    if (s == null || s.isBlank()) {
      problems.add(n, "name must be text but was " + Yaml.kind(n));
      return null;
    }
    return s.strip();
  }

  private CorrelationRule.Type type(Node n, Node corr) {
    if (n == null) {
      problems.add(corr, "correlation has no type (expected event_count, value_count, temporal or temporal_ordered)");
      return null;
    }
    String s = Yaml.text(n);
    for (CorrelationRule.Type t : CorrelationRule.Type.values()) {
      if (t.sigmaName().equals(s)) {
        return t;
      }
    }
    problems.add(n, "unknown correlation type '" + s + "' (expected event_count, value_count, temporal or temporal_ordered)");
    return null;
  }

  private List<Ref> refs(Node n, Node corr) {
    if (n == null) {
      problems.add(corr, "correlation has no rules (the ids or names of the rules it correlates)");
      return null;
    }
    List<Node> items = n instanceof SequenceNode ? ((SequenceNode) n).getValue() : List.of(n);
    List<Ref> out = new ArrayList<>();
    for (Node item : items) {
      String s = Yaml.text(item);
      if (s == null || s.isBlank()) {
        problems.add(item, "a correlated rule must be a rule id or name but was " + Yaml.kind(item));
      } else if (out.stream().anyMatch(r -> r.text().equals(s.strip()))) {
        problems.add(item, "rule '" + s.strip() + "' is listed twice in correlation rules");
      } else {
        out.add(new Ref(s.strip(), Yaml.line(item)));
      }
    }
    if (items.isEmpty()) {
      problems.add(n, "correlation rules is empty: name at least one rule");
    }
    return out;
  }

  private List<String> groupBy(Node n, Node corr) {
    if (n == null) {
      problems.add(corr, "correlation has no group-by (required by the Sigma specification: the fields that"
          + " must be equal, such as the host)");
      return null;
    }
    List<Node> items = n instanceof SequenceNode ? ((SequenceNode) n).getValue() : List.of(n);
    List<String> out = new ArrayList<>();
    for (Node item : items) {
      String s = Yaml.text(item);
      if (s == null || s.isBlank()) {
        problems.add(item, "a group-by field must be a field name but was " + Yaml.kind(item));
      } else if (out.contains(s.strip())) {
        problems.add(item, "group-by field '" + s.strip() + "' is listed twice");
      } else {
        out.add(s.strip());
      }
    }
    if (items.isEmpty()) {
      problems.add(n, "group-by is empty: name at least one field");
      return null;
    }
    return out;
  }

  private long timespan(Node n, Node corr) {
    if (n == null) {
      problems.add(corr, "correlation has no timespan (e.g. 10m, 1h)");
      return 0;
    }
    String s = Yaml.text(n);
    Matcher m = s == null ? null : TIMESPAN.matcher(s);
    if (m == null || !m.matches()) {
      problems.add(n, "timespan must be a number and a unit s, m, h or d (e.g. 90s, 10m, 1h, 7d) but was '" + s + "'");
      return 0;
    }
    long v = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "m": return v * 60;
      case "h": return v * 3600;
      case "d": return v * 86400;
      default: return v;
    }
  }

  private Boolean generate(Node inner, Node outer) {
    Boolean a = bool(inner, "generate");
    Boolean b = bool(outer, "generate");
    if (a != null && b != null && !a.equals(b)) {
      problems.add(outer, "generate is " + b + " here but " + a + " inside correlation (line " + Yaml.line(inner)
          + "); give it once");
      return null;
    }
    return a != null ? a : b;
  }

  private Boolean bool(Node n, String what) {
    if (n == null) {
      return null;
    }
    String s = Yaml.text(n);
    if ("true".equalsIgnoreCase(s) || "false".equalsIgnoreCase(s)) {
      return Boolean.valueOf(s.toLowerCase(Locale.ROOT));
    }
    problems.add(n, what + " must be true or false but was " + (s == null ? Yaml.kind(n) : "'" + s + "'"));
    return null;
  }

  private List<Alias> aliases(Node n, List<String> groupBy) {
    if (n == null) {
      return List.of();
    }
    if (!(n instanceof MappingNode)) {
      problems.add(n, "aliases must be a map of alias name to (rule name: field) but was " + Yaml.kind(n));
      return List.of();
    }
    List<Alias> out = new ArrayList<>();
    for (NodeTuple t : ((MappingNode) n).getValue()) {
      String alias = Yaml.text(t.getKeyNode());
      if (alias == null || alias.isBlank()) {
        problems.add(t.getKeyNode(), "an alias name must be a field name but was " + Yaml.kind(t.getKeyNode()));
        continue;
      }
      if (groupBy != null && !groupBy.contains(alias.strip())) {
        problems.add(t.getKeyNode(), "alias '" + alias.strip() + "' is not in group-by (" + String.join(", ", groupBy)
            + "); an alias only names a group-by field");
      }
      if (!(t.getValueNode() instanceof MappingNode)) {
        problems.add(t.getValueNode(), "alias '" + alias.strip() + "' must map rule names to fields but was "
            + Yaml.kind(t.getValueNode()));
        continue;
      }
      Map<Ref, List<String>> per = new LinkedHashMap<>();
      for (NodeTuple r : ((MappingNode) t.getValueNode()).getValue()) {
        String rule = Yaml.text(r.getKeyNode());
        if (rule == null || rule.isBlank()) {
          problems.add(r.getKeyNode(), "a rule in alias '" + alias.strip() + "' must be a rule name but was "
              + Yaml.kind(r.getKeyNode()));
          continue;
        }
        List<String> fs = fieldList(r.getValueNode(), "alias '" + alias.strip() + "' for rule '" + rule.strip() + "'");
        if (fs != null) {
          per.put(new Ref(rule.strip(), Yaml.line(r.getKeyNode())), fs);
        }
      }
      out.add(new Alias(alias.strip(), Yaml.line(t.getKeyNode()), per));
    }
    return out;
  }

  /** A field name or a list of field names, mapped through the field table. */
  private List<String> fieldList(Node n, String what) {
    List<Node> items = n instanceof SequenceNode ? ((SequenceNode) n).getValue() : List.of(n);
    List<String> out = new ArrayList<>();
    for (Node item : items) {
      String s = Yaml.text(item);
      if (s == null || s.isBlank()) {
        problems.add(item, what + " must be a field name or a list of them but was " + Yaml.kind(item));
        return null;
      }
      out.add(fields.ruleField(s.strip()));
    }
    if (out.isEmpty()) {
      problems.add(n, what + " is an empty list");
      return null;
    }
    return out;
  }

  private CountCondition condition(Node n, Node corr, CorrelationRule.Type type, List<Ref> rules, String[] field) {
    if (type == null) {
      return null;
    }
    boolean temporal = type == CorrelationRule.Type.TEMPORAL || type == CorrelationRule.Type.TEMPORAL_ORDERED;
    int ruleCount = rules == null ? 0 : rules.size();
    if (n == null) {
      if (temporal) {
        return CountCondition.atLeast(ruleCount);
      }
      problems.add(corr, "a " + type.sigmaName() + " correlation needs a condition (e.g. gte: 10)");
      return null;
    }
    if (!(n instanceof MappingNode)) {
      problems.add(n, "condition must be a map such as 'gte: 10' but was " + Yaml.kind(n));
      return null;
    }
    Map<String, Long> bounds = new LinkedHashMap<>();
    Node fieldNode = null;
    for (NodeTuple t : ((MappingNode) n).getValue()) {
      String key = String.valueOf(Yaml.text(t.getKeyNode()));
      if (key.equals("field")) {
        fieldNode = t.getValueNode();
      } else if (BOUNDS.contains(key)) {
        String s = Yaml.text(t.getValueNode());
        long v = -1;
        try {
          v = s == null ? -1 : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
          v = -1;
        }
        if (v < 0) {
          problems.add(t.getValueNode(), "condition " + key + " must be a whole number, 0 or more, but was "
              + (s == null ? Yaml.kind(t.getValueNode()) : "'" + s + "'"));
        } else {
          bounds.put(key, v);
        }
      } else {
        problems.add(t.getKeyNode(), "unknown key '" + key + "' in condition (expected gt, gte, lt, lte, eq"
            + (type == CorrelationRule.Type.VALUE_COUNT ? " and field)" : ")"));
      }
    }
    if (type == CorrelationRule.Type.VALUE_COUNT) {
      if (fieldNode == null) {
        problems.add(n, "a value_count condition needs field: the field whose distinct values are counted");
      } else {
        String f = Yaml.text(fieldNode);
        if (f == null || f.isBlank()) {
          problems.add(fieldNode, "condition field must be a field name but was " + Yaml.kind(fieldNode));
        } else {
          field[0] = f.strip();
        }
      }
    } else if (fieldNode != null) {
      problems.add(fieldNode, "condition field is only for value_count correlations, not " + type.sigmaName());
    }
    if (bounds.isEmpty()) {
      problems.add(n, "condition has no bound (expected one of gt, gte, lt, lte, eq, or two for a range)");
      return null;
    }
    CountCondition cond = new CountCondition(bounds.get("gt"), bounds.get("gte"), bounds.get("lt"),
        bounds.get("lte"), bounds.get("eq"));
    if (!cond.satisfiable()) {
      problems.add(n, "condition " + cond + " can never hold");
      return null;
    }
    if (!temporal) {
      return cond;
    }
    // A temporal window sees at most ruleCount distinct rules: a condition true at ruleCount with an upper
    // bound at or above it is a plain lower bound.
    long low = 0;
    while (low <= ruleCount && !cond.test(low)) {
      low++;
    }
    boolean upToAll = low <= ruleCount;
    for (long k = low; k <= ruleCount && upToAll; k++) {
      upToAll = cond.test(k);
    }
    if (type == CorrelationRule.Type.TEMPORAL_ORDERED) {
      if (low != ruleCount || !upToAll) {
        problems.add(n, "unsupported feature: a temporal_ordered condition other than all " + ruleCount
            + " rules in order (" + cond + ")");
        return null;
      }
      return CountCondition.atLeast(ruleCount);
    }
    if (low > ruleCount) {
      problems.add(n, "condition " + cond + " can never hold: a temporal correlation of " + ruleCount
          + " rules sees at most " + ruleCount + " distinct rules");
      return null;
    }
    return upToAll ? CountCondition.atLeast(low) : cond;
  }

  private void checkRiskFields(RiskSpec risk, Node block, List<String> groupBy, String valueField) {
    List<String> known = new ArrayList<>();
    for (String g : groupBy) {
      known.add(fields.ruleField(g));
    }
    if (valueField != null) {
      known.add(fields.ruleField(valueField));
    }
    for (RiskSpec.RiskObject ro : risk.riskObjects()) {
      for (String f : ro.fields()) {
        if (!known.contains(f)) {
          problems.add(block, "risk object field '" + f + "' is not a group-by field of this correlation (known: "
              + String.join(", ", known) + ")");
        }
      }
    }
    for (RiskSpec.ThreatObject to : risk.threatObjects()) {
      if (!known.contains(to.field())) {
        problems.add(block, "threat object field '" + to.field() + "' is not a group-by field of this correlation"
            + " (known: " + String.join(", ", known) + "); the contributing events' threat objects are carried anyway");
      }
    }
  }

  /**
   * The risk a correlation without a risk block gives: its level's score to the first group-by field that is a
   * host (as {@link RiskSpec#HOST_FIELDS} lists them, through the field table) as a system; else to a
   * {@code user} field as a user; else to the first group-by field as other.
   */
  private RiskSpec defaultRisk(String title, String level, List<String> groupBy, List<String> mitre) {
    List<String> hosts = new ArrayList<>();
    for (String h : RiskSpec.HOST_FIELDS) {
      hosts.add(fields.ruleField(h));
    }
    String field = null;
    RiskSpec.ObjectType type = RiskSpec.ObjectType.OTHER;
    for (String g : groupBy) {
      if (hosts.contains(fields.ruleField(g))) {
        field = fields.ruleField(g);
        type = RiskSpec.ObjectType.SYSTEM;
        break;
      }
    }
    if (field == null) {
      for (String g : groupBy) {
        if (fields.ruleField(g).equals("user")) {
          field = "user";
          type = RiskSpec.ObjectType.USER;
          break;
        }
      }
    }
    if (field == null) {
      field = fields.ruleField(groupBy.get(0));
    }
    StringBuilder message = new StringBuilder(title).append(" (");
    for (int i = 0; i < groupBy.size(); i++) {
      String g = fields.ruleField(groupBy.get(i));
      message.append(i == 0 ? "" : ", ").append(g).append('=').append('$').append(g).append('$');
    }
    message.append(')');
    return new RiskSpec(message.toString(),
        List.of(new RiskSpec.RiskObject(List.of(field), type, RiskSpec.scoreForLevel(level))),
        List.of(), mitre, List.of(), List.of());
  }
}
