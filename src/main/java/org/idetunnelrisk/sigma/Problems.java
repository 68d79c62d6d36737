package org.idetunnelrisk.sigma;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** The problems of one rule file, collected as they are found. Not thread-safe: one per file load. */
final class Problems {
  private final String file;
  private final List<RuleProblem> list = new ArrayList<>();

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
}
