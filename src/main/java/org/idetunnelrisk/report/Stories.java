package org.idetunnelrisk.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.idetunnelrisk.engine.RiskEvent;

/**
 * What an analyst's report is made of, gathered one risk event at a time: per risk object its total score, count,
 * first and last seen, rules and risk events (its story); and over all of them the threat objects that tell a
 * tunnel (relay domains, tunnel names, ids and ports) and the rules that fired.
 *
 * <p>Memory is bounded: every risk object keeps a tally (a few numbers and its rule ids), and at most
 * {@code maxEvents} risk events are kept for the stories, in arrival order. Past that, events still count toward
 * every tally and are left out of the stories, and {@link #eventsLeftOut} says how many. Which risk objects get a
 * full story is decided at the end ({@link #ranked}): the highest total scores. Not thread-safe.
 */
public final class Stories {
  /** Threat object types the overview lists as a tunnel's own identifiers. */
  public static final List<String> TUNNEL_TYPES = List.of("tunnel_name", "tunnel_id", "tunnel_port");
  /** The threat object type of a relay domain. */
  public static final String DOMAIN = "domain";

  /** How many risk events, their total score, and the first and last time among them. */
  public abstract static class Tally {
    private long count;
    private long score;
    private double first = Double.NaN;
    private double last = Double.NaN;

    void count(RiskEvent e) {
      count++;
      score += e.riskScore();
      first = min(first, e.time());
      last = max(last, e.time());
    }

    public long count() {
      return count;
    }

    public long score() {
      return score;
    }

    /** Epoch seconds of the earliest risk event with a time, or NaN. */
    public double first() {
      return first;
    }

    /** Epoch seconds of the latest risk event with a time, or NaN. */
    public double last() {
      return last;
    }
  }

  /** One risk object's tally and the risk events kept for its story. */
  public static final class Subject extends Tally {
    private final String value;
    private final String type;
    private final TreeSet<String> ruleTitles = new TreeSet<>();
    private final List<RiskEvent> events = new ArrayList<>();

    Subject(String value, String type) {
      this.value = value;
      this.type = type;
    }

    public String value() {
      return value;
    }

    public String type() {
      return type;
    }

    public List<String> ruleTitles() {
      return List.copyOf(ruleTitles);
    }

    /** The kept risk events in time order (events without a time last). */
    public List<RiskEvent> events() {
      List<RiskEvent> sorted = new ArrayList<>(events);
      sorted.sort(Comparator.comparingDouble((RiskEvent e) -> Double.isNaN(e.time()) ? Double.MAX_VALUE : e.time())
          .thenComparing(RiskEvent::id));
      return sorted;
    }
  }

  /** One row of an overview table: how often a value was seen, by how many risk objects, first and last. */
  public static final class Seen extends Tally {
    private final TreeSet<String> subjects = new TreeSet<>();
    private static final int MAX_SUBJECTS = 20;

    void add(RiskEvent e) {
      count(e);
      if (subjects.size() < MAX_SUBJECTS) {
        subjects.add(e.riskObject());
      }
    }

    /** Up to 20 of the risk objects it was seen with, sorted. */
    public List<String> subjects() {
      return List.copyOf(subjects);
    }
  }

  private final int maxEvents;
  private long kept;
  private long leftOut;
  private long total;
  private final Map<String, Subject> subjects = new HashMap<>();
  private final Map<String, Seen> rules = new TreeMap<>();
  private final Map<String, Seen> domains = new TreeMap<>();
  private final Map<String, Seen> tunnels = new TreeMap<>();

  /** @param maxEvents how many risk events the stories may keep in all, at least 1 */
  public Stories(int maxEvents) {
    if (maxEvents < 1) {
      throw new IllegalArgumentException("maxEvents must be at least 1 but was " + maxEvents);
    }
    this.maxEvents = maxEvents;
  }

  public void add(RiskEvent e) {
    total++;
    Subject s = subjects.computeIfAbsent(e.riskObjectType() + "\u0000" + e.riskObject(),
        k -> new Subject(e.riskObject(), e.riskObjectType()));
    s.count(e);
    s.ruleTitles.add(e.ruleTitle());
    if (kept < maxEvents) {
      s.events.add(e);
      kept++;
    } else {
      leftOut++;
    }
    rules.computeIfAbsent(e.ruleTitle(), k -> new Seen()).add(e);
    for (int i = 0; i < e.threatObjects().size() && i < e.threatObjectTypes().size(); i++) {
      String type = e.threatObjectTypes().get(i);
      String value = e.threatObjects().get(i);
      if (DOMAIN.equals(type)) {
        domains.computeIfAbsent(value.toLowerCase(java.util.Locale.ROOT), k -> new Seen()).add(e);
      } else if (TUNNEL_TYPES.contains(type)) {
        tunnels.computeIfAbsent(type + "\u0000" + value, k -> new Seen()).add(e);
      }
    }
  }

  /** Every risk object, highest total score first (then most events, then by value). */
  public List<Subject> ranked() {
    List<Subject> out = new ArrayList<>(subjects.values());
    Comparator<Subject> byScore = Comparator.comparingLong(Subject::score);
    Comparator<Subject> byCount = Comparator.comparingLong(Subject::count);
    out.sort(byScore.reversed().thenComparing(byCount.reversed()).thenComparing(Subject::value)
        .thenComparing(Subject::type));
    return out;
  }

  /** Per rule title, its risk events. */
  public Map<String, Seen> rules() {
    return ranked(rules);
  }

  /** Per relay domain (lower case), the risk events naming it as a threat object. */
  public Map<String, Seen> domains() {
    return ranked(domains);
  }

  /** Per tunnel identifier ({@code type + "\0" + value}), the risk events naming it. */
  public Map<String, Seen> tunnels() {
    return ranked(tunnels);
  }

  public long total() {
    return total;
  }

  /** Risk events counted but not kept for a story, past {@code maxEvents}. */
  public long eventsLeftOut() {
    return leftOut;
  }

  public int maxEvents() {
    return maxEvents;
  }

  private static Map<String, Seen> ranked(Map<String, Seen> m) {
    List<Map.Entry<String, Seen>> entries = new ArrayList<>(m.entrySet());
    entries.sort(Comparator.comparingLong((Map.Entry<String, Seen> x) -> x.getValue().count()).reversed()
        .thenComparing(Map.Entry::getKey));
    Map<String, Seen> out = new LinkedHashMap<>();
    entries.forEach(x -> out.put(x.getKey(), x.getValue()));
    return out;
  }

  private static double min(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
  }

  private static double max(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
  }
}
