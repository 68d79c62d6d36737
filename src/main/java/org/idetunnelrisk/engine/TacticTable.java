package org.idetunnelrisk.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MITRE ATT&CK techniques and the tactics each one serves: what a risk event needs besides its technique ids,
 * since ES's "ATT&CK Tactic Threshold Exceeded For Object Over Previous 7 Days" counts distinct tactic ids per
 * risk object. The table is data (the app's {@code ide_tunnel_risk_mitre_attack} lookup, which content teams
 * may replace); an adapter reads it and hands it to the writers of risk events.
 *
 * <p>A technique id is looked up as written, upper-cased. A sub-technique the table lacks takes its parent's
 * tactics ({@code T1090.004} those of {@code T1090}): ATT&CK places a sub-technique under its parent's
 * tactics. Its name then stays unknown. An id the table does not know at all has no tactic.
 *
 * <pre>{@code
 * TacticTable.Annotations a = table.annotate(List.of("T1219.001", "T1053.005"));
 * a.tacticIds();   // [TA0011, TA0002, TA0003, TA0004]
 * }</pre>
 * Immutable and thread-safe.
 */
public final class TacticTable {
  /** An ATT&CK tactic: {@code TA0011}, {@code Command and Control}. */
  public record Tactic(String id, String name) {}

  /** An ATT&CK technique or sub-technique, with the tactics it serves in the table's order. */
  public record Technique(String id, String name, List<Tactic> tactics) {
    public Technique {
      tactics = List.copyOf(tactics);
    }
  }

  /**
   * The ATT&CK annotations of one list of technique ids: the ids themselves, the names the table knows for
   * them, and the tactics they serve, each list without repeats and in the order first met.
   */
  public record Annotations(List<String> techniqueIds, List<String> techniqueNames, List<String> tacticIds,
      List<String> tactics) {
    public Annotations {
      techniqueIds = List.copyOf(techniqueIds);
      techniqueNames = List.copyOf(techniqueNames);
      tacticIds = List.copyOf(tacticIds);
      tactics = List.copyOf(tactics);
    }
  }

  /** A table that knows no technique: risk events keep their technique ids and get no tactic. */
  public static final TacticTable EMPTY = new TacticTable(Map.of());

  private final Map<String, Technique> byId;

  private TacticTable(Map<String, Technique> byId) {
    this.byId = byId;
  }

  /** The table of these techniques; a later technique with an id already seen replaces the earlier one. */
  public static TacticTable of(Collection<Technique> techniques) {
    Map<String, Technique> m = new LinkedHashMap<>();
    for (Technique t : techniques) {
      m.put(key(t.id()), t);
    }
    return new TacticTable(Collections.unmodifiableMap(m));
  }

  /** This table with every technique of {@code over} replacing the one of the same id (a local lookup). */
  public TacticTable overriddenBy(TacticTable over) {
    Map<String, Technique> m = new LinkedHashMap<>(byId);
    m.putAll(over.byId);
    return new TacticTable(Collections.unmodifiableMap(m));
  }

  /** Every technique, in table order. */
  public Collection<Technique> techniques() {
    return byId.values();
  }

  /** The technique of this exact id, or null. */
  public Technique technique(String id) {
    return byId.get(key(id));
  }

  /** The tactics of a technique: its own, else its parent's when it is a sub-technique; empty when unknown. */
  public List<Tactic> tactics(String id) {
    Technique t = byId.get(key(id));
    if (t == null) {
      int dot = id.indexOf('.');
      t = dot > 0 ? byId.get(key(id.substring(0, dot))) : null;
    }
    return t == null ? List.of() : t.tactics();
  }

  /** The annotations of a rule's technique ids (see {@link Annotations}). */
  public Annotations annotate(List<String> techniqueIds) {
    if (techniqueIds.isEmpty()) {
      return new Annotations(List.of(), List.of(), List.of(), List.of());
    }
    Set<String> ids = new LinkedHashSet<>();
    List<String> names = new ArrayList<>();
    Map<String, String> tactics = new LinkedHashMap<>();
    for (String raw : techniqueIds) {
      String id = key(raw);
      if (!ids.add(id)) {
        continue;
      }
      Technique t = byId.get(id);
      if (t != null && !names.contains(t.name())) {
        names.add(t.name());
      }
      for (Tactic tactic : tactics(id)) {
        tactics.putIfAbsent(tactic.id(), tactic.name());
      }
    }
    return new Annotations(new ArrayList<>(ids), names, new ArrayList<>(tactics.keySet()),
        new ArrayList<>(tactics.values()));
  }

  private static String key(String id) {
    return id.strip().toUpperCase(Locale.ROOT);
  }
}
