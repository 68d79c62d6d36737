package org.idetunnelrisk.sigma;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * What compiling one rule file collects as it goes: its problems, and each field it names ({@link FieldUse},
 * for {@code rules check}). Not thread-safe: one per file load.
 */
final class Problems {
  private final String file;
  private final List<RuleProblem> list = new ArrayList<>();
  private final List<FieldUse> uses = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  void add(Node at, String message) {
    list.add(problem(at, message));
  }

  void add(RuleProblem p) {
    list.add(p);
  }

  /** A problem at {@code at}'s line, to throw where the current part cannot go on. */
  RuleException fail(Node at, String message) {
    return new RuleException(problem(at, message));
  }

  RuleProblem problem(Node at, String message) {
    return new RuleProblem(file, Yaml.line(at), message);
  }

  int size() {
    return list.size();
  }

  List<RuleProblem> list() {
    return list;
  }

  /** Notes that the rule names field {@code written} (row field {@code field}) at {@code at}, as {@code role}. */
  void used(Node at, String written, String field, FieldUse.Role role) {
    uses.add(new FieldUse(written, field, role, Yaml.line(at)));
  }

  /** The fields named so far, in file order. */
  List<FieldUse> uses() {
    return uses;
  }
}
