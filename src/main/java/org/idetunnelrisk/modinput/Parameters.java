package org.idetunnelrisk.modinput;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of one stanza or validation item: {@code <param>} elements (one value each, an empty
 * element is the empty string) and {@code <param_list>} elements (a list of {@code <value>}s). Names keep
 * the order of the document. Immutable.
 *
 * @param single param name to its text
 * @param lists param_list name to its values
 */
public record Parameters(Map<String, String> single, Map<String, List<String>> lists) {
  public Parameters {
    single = Collections.unmodifiableMap(new LinkedHashMap<>(single));
    Map<String, List<String>> copy = new LinkedHashMap<>();
    lists.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    lists = Collections.unmodifiableMap(copy);
  }

  /** No parameters. */
  public static Parameters empty() {
    return new Parameters(Map.of(), Map.of());
  }

  /** The single value of {@code name}; a param_list with exactly one value also counts. */
  public Optional<String> get(String name) {
    if (single.containsKey(name)) {
      return Optional.of(single.get(name));
    }
    List<String> values = lists.get(name);
    return values != null && values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
  }

  /** Every value of {@code name}: the list of a param_list, the one value of a param, else empty. */
  public List<String> values(String name) {
    if (lists.containsKey(name)) {
      return lists.get(name);
    }
    return single.containsKey(name) ? List.of(single.get(name)) : List.of();
  }

  public boolean has(String name) {
    return single.containsKey(name) || lists.containsKey(name);
  }

  /** Reads the param and param_list children of {@code parent}; other children are ignored. */
  static Parameters from(XmlElement parent, String what) {
    Map<String, String> single = new LinkedHashMap<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (XmlElement child : parent.children()) {
      String name = child.attribute("name");
      if (!child.name().equals("param") && !child.name().equals("param_list")) {
        continue;
      }
      if (name == null || name.isBlank()) {
        throw new ModularInputException(
            what + ": line " + child.line() + ": <" + child.name() + "> has no name attribute");
      }
      if (child.name().equals("param")) {
        single.put(name, child.text());
      } else {
        lists.put(name, child.children().stream().filter(v -> v.name().equals("value")).map(XmlElement::text).toList());
      }
    }
    return new Parameters(single, lists);
  }
}
