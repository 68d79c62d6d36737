package org.idetunnelrisk.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A record's fields, copied so a source may add or move fields before normalisation. Not thread-safe;
 * one per record.
 */
final class Fields {
  private final Map<String, List<String>> map;

  Fields(Map<String, List<String>> source) {
    this.map = new LinkedHashMap<>(Math.max(16, source.size() * 2));
    source.forEach((k, v) -> map.put(k, new ArrayList<>(v)));
  }

  /** The first value of {@code name}, or null. */
  String first(String name) {
    List<String> v = map.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The first value of the first of {@code names} that has one, or null. */
  String firstOf(String... names) {
    for (String n : names) {
      String v = first(n);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  /** Whether the first value of {@code name} equals {@code value}, ignoring case. */
  boolean is(String name, String value) {
    String v = first(name);
    return v != null && v.equalsIgnoreCase(value);
  }

  /** Whether the first value of {@code name}, lower-cased, contains {@code part} (given in lower case). */
  boolean contains(String name, String part) {
    String v = first(name);
    return v != null && v.toLowerCase(Locale.ROOT).contains(part);
  }

  boolean has(String name) {
    return map.containsKey(name);
  }

  /** Whether any field name starts with {@code prefix}. */
  boolean hasPrefix(String prefix) {
    for (String k : map.keySet()) {
      if (k.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  void add(String name, String value) {
    map.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
  }

  /** Moves field {@code from} to {@code to} unless {@code to} already exists. */
  void rename(String from, String to) {
    if (!map.containsKey(to) && map.containsKey(from)) {
      map.put(to, map.remove(from));
    }
  }

  List<String> remove(String name) {
    return map.remove(name);
  }

  Map<String, List<String>> map() {
    return map;
  }
}
