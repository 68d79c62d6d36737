package org.idetunnelrisk.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One normalized telemetry record: field name to one or more string values, plus where it came from.
 *
 * <p>Field names are the canonical names of the field table (CIM style: {@code process_name},
 * {@code process}, {@code dest}...) or, for fields the table does not know, the names the source used.
 * A field is either absent or holds at least one value; values are never null. Multivalue fields keep
 * their order. Case-folded copies of the values are computed once per field on first use, so every
 * case-insensitive matcher compares against pre-folded text.
 *
 * <p>Rows are built once with {@link Builder} and then read-only, except for the folded copies cached on
 * first use: a row is evaluated by one thread at a time (rows are cheap and never shared across threads).
 */
public final class Row {
  private static final String[] NONE = new String[0];

  private final Map<String, String[]> fields;
  private final LogSource logSource;
  private final double time;
  private final String eventKey;
  /** Which fields a derived {@link #eventKey} is made of. */
  private final Predicate<String> identity;
  private final String raw;
  private final Map<String, String[]> folded;
  /** The index the row was built with: its numbered fields are in {@link #byId}. */
  private final FieldIndex index;
  /** The values of every field {@link #index} numbers, by number (null: absent). */
  private final String[][] byId;
  /**
   * Source fields kept under their own names where the canonical field they map to took another source's
   * values ({@code TargetUserName} when {@code SubjectUserName} gave {@code user}): read by a rule that names
   * them ({@link #values(String, String)}), never listed by {@link #fieldNames} nor part of {@link #eventKey}.
   */
  private final Map<String, String[]> own;
  /** Per name in {@link #own}, the canonical field it maps to. */
  private final Map<String, String> ownCanonical;
  private Map<String, String[]> ownFolded;

  private Row(Builder b) {
    this.fields = b.fields;
    this.index = b.index;
    this.own = b.own;
    this.ownCanonical = b.ownCanonical;
    String[][] ids = new String[index.size()][];
    if (ids.length > 0) {
      for (Map.Entry<String, String[]> e : fields.entrySet()) {
        int id = index.find(e.getKey());
        if (id >= 0) {
          ids[id] = e.getValue();
        }
      }
      // The engine's gates test a canonical field for a literal a rule needs; a rule naming a source field
      // reads that field's own values, so the gate sees them too (a superset: gating stays a necessary test).
      for (Map.Entry<String, String> e : ownCanonical.entrySet()) {
        int id = index.find(e.getValue());
        if (id >= 0) {
          ids[id] = concat(ids[id], own.get(e.getKey()));
        }
      }
    }
    this.byId = ids;
    this.logSource = b.logSource;
    this.time = b.time;
    this.eventKey = b.eventKey;
    this.identity = b.derived.isEmpty() ? b.identity : b.identity.and(f -> !b.derived.contains(f));
    this.raw = b.raw;
    this.folded = new LinkedHashMap<>(Math.max(4, fields.size() * 2));
  }

  /** A builder of a row whose fields are found by name. */
  public static Builder builder() {
    return new Builder(FieldIndex.NONE);
  }

  /** A builder of a row for the engine whose {@link Engine#fieldIndex()} is {@code index}. */
  public static Builder builder(FieldIndex index) {
    return new Builder(index);
  }

  /**
   * The values of {@code field}, whose number in {@code index} is {@code id}, or an empty array: one array
   * load when the row was built with that index, a lookup by name otherwise. The array must not be modified.
   */
  String[] values(FieldIndex index, int id, String field) {
    if (index == this.index) {
      String[] v = byId[id];
      return v == null ? NONE : v;
    }
    return gateValues(field);
  }

  /** The values of {@code field} and of every source kept under its own name that maps to it. */
  private String[] gateValues(String field) {
    String[] v = fields.get(field);
    for (Map.Entry<String, String> e : ownCanonical.entrySet()) {
      if (e.getValue().equals(field)) {
        v = concat(v, own.get(e.getKey()));
      }
    }
    return v == null ? NONE : v;
  }

  /** The values of {@code field}, or an empty array when absent. The array must not be modified. */
  public String[] values(String field) {
    String[] v = fields.get(field);
    return v == null ? NONE : v;
  }

  /**
   * The values a rule naming a source field reads: that field's own values when the row kept them (its
   * canonical field took another source's), else the values of its canonical {@code field}. {@code own} null:
   * the canonical field's. The array must not be modified.
   */
  public String[] values(String own, String field) {
    if (own != null && !this.own.isEmpty()) {
      String[] v = this.own.get(own);
      if (v != null) {
        return v;
      }
    }
    return values(field);
  }

  /** The values of {@code field} folded to lower case (Locale.ROOT), or an empty array. Not to be modified. */
  public String[] foldedValues(String field) {
    return folded(fields, folded, field);
  }

  /** {@link #values(String, String)} folded to lower case (Locale.ROOT). Not to be modified. */
  public String[] foldedValues(String own, String field) {
    if (own != null && this.own.containsKey(own)) {
      if (ownFolded == null) {
        ownFolded = new LinkedHashMap<>();
      }
      return folded(this.own, ownFolded, own);
    }
    return foldedValues(field);
  }

  private static String[] folded(Map<String, String[]> from, Map<String, String[]> cache, String field) {
    String[] v = from.get(field);
    if (v == null) {
      return NONE;
    }
    String[] f = cache.get(field);
    if (f == null) {
      f = new String[v.length];
      for (int i = 0; i < v.length; i++) {
        f[i] = v[i].toLowerCase(Locale.ROOT);
      }
      cache.put(field, f);
    }
    return f;
  }

  private static String[] concat(String[] a, String[] b) {
    if (a == null) {
      return b;
    }
    String[] n = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, n, a.length, b.length);
    return n;
  }

  /** The first value of {@code field}, or null when absent. */
  public String first(String field) {
    String[] v = fields.get(field);
    return v == null ? null : v[0];
  }

  /** Whether the field is present with at least one non-empty value. */
  public boolean hasValue(String field) {
    return anyNonEmpty(values(field));
  }

  /** Whether {@link #values(String, String)} has at least one non-empty value. */
  public boolean hasValue(String own, String field) {
    return anyNonEmpty(values(own, field));
  }

  private static boolean anyNonEmpty(String[] values) {
    for (String s : values) {
      if (!s.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Field names in insertion order. */
  public Iterable<String> fieldNames() {
    return Collections.unmodifiableSet(fields.keySet());
  }

  public LogSource logSource() {
    return logSource;
  }

  /** The event's own time in epoch seconds, or {@code Double.NaN} when the source had none. */
  public double time() {
    return time;
  }

  /** The raw record text (for keyword searches), or null. */
  public String raw() {
    return raw;
  }

  /**
   * A stable identity of the source event, hashed into the id of every risk event it gives. A source sets it
   * from what identifies the event where it was logged (for Windows events: computer, channel and record id);
   * otherwise it is derived from the time and the fields in the row's identity ({@link Builder#identity}:
   * every field unless a source narrows it), sorted, so the same event read twice gets the same key.
   * Computed when asked for: most rows give no risk event.
   */
  public String eventKey() {
    if (eventKey != null) {
      return eventKey;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(time);
    for (Map.Entry<String, String[]> e : new TreeMap<>(fields).entrySet()) {
      if (!identity.test(e.getKey())) {
        continue;
      }
      sb.append('\u0001').append(e.getKey());
      for (String v : e.getValue()) {
        sb.append('\u0002').append(v);
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Row{");
    fields.forEach((k, v) -> sb.append(k).append('=').append(v.length == 1 ? v[0] : List.of(v)).append(", "));
    return sb.append("logSource=").append(logSource).append('}').toString();
  }

  /** Builds a {@link Row}. Not thread-safe; build once. */
  public static final class Builder {
    private final Map<String, String[]> fields = new LinkedHashMap<>();
    private final FieldIndex index;
    private LogSource logSource = LogSource.ANY;
    private double time = Double.NaN;
    private String eventKey;
    private Predicate<String> identity = field -> true;
    private String raw;
    private final java.util.Set<String> derived = new java.util.HashSet<>();
    private Map<String, String[]> own = Map.of();
    private Map<String, String> ownCanonical = Map.of();

    private Builder(FieldIndex index) {
      this.index = index;
    }

    /** Adds one value to {@code field} (appended to any values it already has). */
    public Builder add(String field, String value) {
      if (value == null) {
        return this;
      }
      String[] old = fields.get(field);
      if (old == null) {
        fields.put(field, new String[] {value});
      } else {
        String[] n = new String[old.length + 1];
        System.arraycopy(old, 0, n, 0, old.length);
        n[old.length] = value;
        fields.put(field, n);
      }
      return this;
    }

    /** Sets {@code field} to these values (replacing any), or removes it when the list is empty. */
    public Builder put(String field, List<String> values) {
      List<String> kept = new ArrayList<>(values.size());
      for (String v : values) {
        if (v != null) {
          kept.add(v);
        }
      }
      if (kept.isEmpty()) {
        fields.remove(field);
      } else {
        fields.put(field, kept.toArray(NONE));
      }
      return this;
    }

    public boolean has(String field) {
      return fields.containsKey(field);
    }

    /**
     * Keeps a source field's values under its own name, for rules that name it, where its {@code canonical}
     * field holds another source's values (see {@link Row#values(String, String)}). Not a field of the row:
     * not listed, not copied into risk events, not part of the event key.
     */
    public Builder own(String name, String canonical, List<String> values) {
      if (!values.isEmpty()) {
        if (own.isEmpty()) {
          own = new LinkedHashMap<>();
          ownCanonical = new LinkedHashMap<>();
        }
        own.put(name, values.toArray(NONE));
        ownCanonical.put(name, canonical);
      }
      return this;
    }

    /** The first value of {@code field} added so far, or null. */
    public String first(String field) {
      String[] v = fields.get(field);
      return v == null || v.length == 0 ? null : v[0];
    }

    /**
     * Adds a value worked out from the row's other fields: it fills messages and threat objects like any field but
     * stays out of the derived {@link Row#eventKey}, which it could not make more distinct.
     */
    public Builder addDerived(String field, String value) {
      if (value != null) {
        derived.add(field);
        add(field, value);
      }
      return this;
    }

    public Builder logSource(LogSource ls) {
      this.logSource = ls == null ? LogSource.ANY : ls;
      return this;
    }

    public Builder time(double epochSeconds) {
      this.time = epochSeconds;
      return this;
    }

    public Builder eventKey(String key) {
      this.eventKey = key;
      return this;
    }

    /**
     * Which fields, by name as the row holds them, the derived {@link Row#eventKey} is made of when no key
     * is set (default: every field). The others still match rules and fill messages. Must be stateless.
     */
    public Builder identity(Predicate<String> inIdentity) {
      this.identity = inIdentity;
      return this;
    }

    public Builder raw(String raw) {
      this.raw = raw;
      return this;
    }

    public Row build() {
      return new Row(this);
    }
  }
}
