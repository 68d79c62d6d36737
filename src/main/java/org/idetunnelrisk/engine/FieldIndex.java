package org.idetunnelrisk.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Small numbers for the fields one {@link Engine} gates on, so that a {@link Row} built for that engine
 * ({@link Row#builder(FieldIndex)}) holds their values in a short array, side by side, and the engine reaches
 * them without hashing a name per lookup. Each engine has its own index ({@link Engine#fieldIndex()}): a row
 * is sized by its engine's rules and no other. A row built without the engine's index answers by name
 * (slower, same answer). Immutable and thread-safe.
 */
public final class FieldIndex {
  /** No field numbered: rows built with it find every field by name. */
  public static final FieldIndex NONE = new FieldIndex(List.of());

  private final Map<String, Integer> ids;

  /** Numbers {@code names} 0, 1, ... in order (a name given twice keeps its first number). */
  FieldIndex(List<String> names) {
    Map<String, Integer> m = new HashMap<>();
    for (String n : names) {
      m.putIfAbsent(n, m.size());
    }
    this.ids = Map.copyOf(m);
  }

  /** The number of {@code name}, or -1 when it has none. */
  int find(String name) {
    Integer id = ids.get(name);
    return id == null ? -1 : id;
  }

  /** How many names are numbered: every number is below this. */
  int size() {
    return ids.size();
  }
}
