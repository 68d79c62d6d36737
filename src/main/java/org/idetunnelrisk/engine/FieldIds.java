package org.idetunnelrisk.engine;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Small numbers for the fields engines gate on (registered when an {@link Engine} is built), so that a
 * {@link Row} built afterwards holds their values in a short array, side by side, and the engine reaches
 * them without hashing a name per lookup. Names come from rules only, never from data, so the table stays
 * small; past {@value #MAX} names nothing more is numbered, and a row built before a name was numbered finds
 * it by name (slower, same answer). Process-wide, append-only and thread-safe.
 */
public final class FieldIds {
  static final int MAX = 1 << 16;
  private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();
  private static volatile int count;

  private FieldIds() {}

  /** The number of {@code name}, given to it now if it has none; -1 when the table is full. */
  public static int register(String name) {
    Integer id = IDS.get(name);
    if (id != null) {
      return id;
    }
    synchronized (FieldIds.class) {
      id = IDS.get(name);
      if (id != null) {
        return id;
      }
      if (count >= MAX) {
        return -1;
      }
      IDS.put(name, count);
      return count++;
    }
  }

  /** The number of {@code name}, or -1 when it has none. */
  static int find(String name) {
    Integer id = IDS.get(name);
    return id == null ? -1 : id;
  }

  /** How many names are numbered: every number is below this. */
  static int size() {
    return count;
  }
}
