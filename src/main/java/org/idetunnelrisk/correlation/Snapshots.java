package org.idetunnelrisk.correlation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Correlator}'s state to and from plain data (what a JSON writer and parser handle):
 * <pre>
 * {"version": 1, "watermark": 1700000000.5,
 *  "emitted": {"&lt;risk event id&gt;": &lt;time&gt;, ...},
 *  "correlations": {"&lt;correlation id&gt;": [
 *     {"values": ["host1"], "seen": {"&lt;rule id&gt;\u0000&lt;event id&gt;": &lt;time&gt;, ...},
 *      "live": [{"rule": "...", "time": 1700000000.5, "id": "...", "value": "...",
 *                "threats": ["x.devtunnels.ms"], "types": ["domain"], "basis": [["&lt;rule id&gt;", &lt;time&gt;]]}]}]}}
 * </pre>
 * {@code watermark} is left out while no event was seen; {@code value} when the event has none. Stateless.
 */
final class Snapshots {
  static final int VERSION = 1;

  private Snapshots() {}

  static Map<String, Object> write(Correlator c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", VERSION);
    if (c.watermark() > Double.NEGATIVE_INFINITY) {
      out.put("watermark", c.watermark());
    }
    out.put("emitted", new LinkedHashMap<>(c.emitted()));
    Map<String, Object> corr = new LinkedHashMap<>();
    for (Correlator.State s : c.states().values()) {
      if (s.groups.isEmpty()) {
        continue;
      }
      List<Object> groups = new ArrayList<>();
      for (Correlator.Group g : s.groups.values()) {
        Map<String, Object> gm = new LinkedHashMap<>();
        gm.put("values", new ArrayList<>(g.values));
        gm.put("seen", new LinkedHashMap<>(g.seen));
        List<Object> live = new ArrayList<>();
        for (Correlator.Held h : g.live) {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("rule", h.rule());
          e.put("time", h.time());
          e.put("id", h.eventId());
          if (h.value() != null) {
            e.put("value", h.value());
          }
          e.put("threats", new ArrayList<>(h.threats()));
          e.put("types", new ArrayList<>(h.types()));
          List<Object> basis = new ArrayList<>();
          for (Correlator.Basis b : h.basis()) {
            basis.add(new ArrayList<>(List.of(b.rule(), b.time())));
          }
          e.put("basis", basis);
          live.add(e);
        }
        gm.put("live", live);
        groups.add(gm);
      }
      corr.put(s.rule.id(), groups);
    }
    out.put("correlations", corr);
    return out;
  }

  static void read(Correlator c, Map<String, Object> snap) {
    Object version = snap.get("version");
    if (!(version instanceof Number) || ((Number) version).intValue() != VERSION) {
      throw bad("version", "version " + VERSION, version);
    }
    double watermark = snap.containsKey("watermark") ? number(snap.get("watermark"), "watermark")
        : Double.NEGATIVE_INFINITY;
    Map<String, Double> emitted = new LinkedHashMap<>();
    map(snap.get("emitted"), "emitted").forEach((k, v) -> emitted.put(k, number(v, "emitted." + k)));
    Map<String, List<Correlator.Group>> restored = new LinkedHashMap<>();

    for (Map.Entry<String, Object> e : map(snap.get("correlations"), "correlations").entrySet()) {
      String where = "correlations." + e.getKey();
      List<Correlator.Group> groups = new ArrayList<>();
      List<Object> list = list(e.getValue(), where);
      for (int i = 0; i < list.size(); i++) {
        String gw = where + "[" + i + "]";
        Map<String, Object> gm = map(list.get(i), gw);
        List<String> values = new ArrayList<>();
        for (Object v : list(gm.get("values"), gw + ".values")) {
          values.add(string(v, gw + ".values"));
        }
        Correlator.State state = c.states().get(e.getKey());
        Correlator.Group g = new Correlator.Group(List.copyOf(values), state == null ? Map.of() : state.rank);
        map(gm.get("seen"), gw + ".seen").forEach((k, v) -> g.seen.put(k, number(v, gw + ".seen")));
        g.seen.values().forEach(t -> g.oldest = Math.min(g.oldest, t));
        List<Object> live = list(gm.get("live"), gw + ".live");
        for (int k = 0; k < live.size(); k++) {
          g.insert(held(map(live.get(k), gw + ".live[" + k + "]"), gw + ".live[" + k + "]"));
        }

        groups.add(g);
      }
      restored.put(e.getKey(), groups);
    }
    long kept = 0;
    for (Correlator.State s : c.states().values()) {
      s.groups.clear();
      for (Correlator.Group g : restored.getOrDefault(s.rule.id(), List.of())) {
        String key = g.values.size() == 1 ? g.values.get(0) : String.join("\u0000", g.values);
        s.groups.put(key, g);
        kept += g.seen.size();
      }
    }
    c.emitted().clear();
    c.emitted().putAll(emitted);
    c.reset(watermark, kept);
  }

  private static Correlator.Held held(Map<String, Object> m, String where) {
    List<String> threats = strings(m.get("threats"), where + ".threats");
    List<String> types = strings(m.get("types"), where + ".types");
    if (threats.size() != types.size()) {
      throw new IllegalArgumentException("correlation state: " + where + ": threats and types differ in length");
    }
    List<Correlator.Basis> basis = new ArrayList<>();
    for (Object b : list(m.get("basis"), where + ".basis")) {
      List<Object> pair = list(b, where + ".basis");
      if (pair.size() != 2) {
        throw bad(where + ".basis", "[rule id, time]", pair);
      }
      basis.add(new Correlator.Basis(string(pair.get(0), where + ".basis"), number(pair.get(1), where + ".basis")));
    }
    Object value = m.get("value");
    return new Correlator.Held(string(m.get("rule"), where + ".rule"), number(m.get("time"), where + ".time"),
        string(m.get("id"), where + ".id"), value == null ? null : string(value, where + ".value"),
        List.copyOf(threats), List.copyOf(types), List.copyOf(basis));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String where) {
    if (!(o instanceof Map)) {
      throw bad(where, "a map", o);
    }
    for (Object k : ((Map<?, ?>) o).keySet()) {
      if (!(k instanceof String)) {
        throw bad(where, "a map with text keys", o);
      }
    }
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o, String where) {
    if (!(o instanceof List)) {
      throw bad(where, "a list", o);
    }
    return (List<Object>) o;
  }

  private static List<String> strings(Object o, String where) {
    List<String> out = new ArrayList<>();
    for (Object v : list(o, where)) {
      out.add(string(v, where));
    }
    return out;
  }

  private static String string(Object o, String where) {
    if (!(o instanceof String)) {
      throw bad(where, "text", o);
    }
    return (String) o;
  }

  private static double number(Object o, String where) {
    if (!(o instanceof Number) || Double.isNaN(((Number) o).doubleValue())) {
      throw bad(where, "a number", o);
    }
    return ((Number) o).doubleValue();
  }

  private static IllegalArgumentException bad(String where, String expected, Object found) {
    String shown = found == null ? "nothing" : found instanceof String ? "'" + found + "'"
        : found.getClass().getSimpleName();
    return new IllegalArgumentException("correlation state: " + where + ": expected " + expected + " but found "
        + shown);
  }
}
