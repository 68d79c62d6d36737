package org.idetunnelrisk.spl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.engine.TacticTable;

/**
 * Each rule as a classic scheduled search, for sites that prefer saved searches to the modular input:
 * {@code savedsearches.conf} stanzas and their {@code <stem>_filter} macros, generated from the rules so
 * they cannot drift apart.
 *
 * <p>A rule's search runs on the first feed (in the order endpoint_processes, network_resolution, sysmon,
 * windows_security, crowdstrike, stream_dns, stream_http) that carries it and has a field it tests; it is
 * the feed's pushed-down search for that rule alone, then the rule's own filter macro
 * {@code ide_tunnel_risk_<stem>_filter} ({@code search *} as shipped). Every search runs as ESCU's do
 * (hourly at minute 0, over {@code -70m@m} to {@code -10m@m}), ships disabled, and has the
 * {@code ide_tunnel_risk_score} alert action attached with {@code rule_ids} naming its rule, so its results
 * are scored by that rule only.
 *
 * <p>Each stanza carries what ES's Content Management and MITRE coverage read from ESCU's stanzas (as
 * splunk/contentctl writes them): the rule's description, {@code action.correlationsearch.enabled},
 * {@code action.correlationsearch.label} (the stanza name), {@code action.correlationsearch.annotations}
 * ({@code analytic_story}, {@code kill_chain_phases} from the techniques' tactics by contentctl's
 * tactic-to-phase mapping, {@code mitre_attack}; no {@code cis20} or {@code nist}, which our rules do not
 * declare) and {@code action.notable.param.drilldown_searches}: the rule's search narrowed to the risk
 * objects (the source events), and the risk objects' risk events of the last 7 days from the Risk datamodel.
 * Stateless.
 */
public final class SavedSearchConf {
  static final List<Feed> PREFERENCE = List.of(Feed.ENDPOINT_PROCESSES, Feed.NETWORK_RESOLUTION, Feed.SYSMON,
      Feed.WINDOWS_SECURITY, Feed.CROWDSTRIKE, Feed.STREAM_DNS, Feed.STREAM_HTTP);

  private SavedSearchConf() {}

  /** The stem of a rule's file: {@code ide_tunnel_devtunnel_execution} for {@code .../ide_tunnel_devtunnel_execution.yml}. */
  public static String stem(Rule rule) {
    String o = rule.origin().replace('\\', '/');
    String name = o.substring(o.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String s = (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    for (String prefix : List.of("ide_tunnel_risk_", "ide_tunnel_")) {
      if (s.startsWith(prefix) && s.length() > prefix.length()) {
        return s.substring(prefix.length());
      }
    }
    return s;
  }

  /** The name of a rule's filter macro. */
  public static String filterMacro(Rule rule) {
    return "ide_tunnel_risk_" + stem(rule) + "_filter";
  }

  /**
   * ESCU's Lockheed Martin kill chain phase for each ATT&CK tactic (splunk/contentctl's
   * {@code ATTACK_TACTICS_KILLCHAIN_MAPPING}, by tactic id; Defense Impairment, split from Defense Evasion in
   * ATT&CK v19, is placed where Defense Evasion was).
   */
  static final Map<String, String> KILL_CHAIN = Map.ofEntries(
      Map.entry("TA0043", "Reconnaissance"), Map.entry("TA0042", "Weaponization"), Map.entry("TA0001", "Delivery"),
      Map.entry("TA0002", "Installation"), Map.entry("TA0003", "Installation"), Map.entry("TA0004", "Exploitation"),
      Map.entry("TA0005", "Exploitation"), Map.entry("TA0112", "Exploitation"), Map.entry("TA0006", "Exploitation"),
      Map.entry("TA0007", "Exploitation"), Map.entry("TA0008", "Exploitation"), Map.entry("TA0009", "Exploitation"),
      Map.entry("TA0011", "Command and Control"), Map.entry("TA0010", "Actions on Objectives"),
      Map.entry("TA0040", "Actions on Objectives"));

  /** The earliest and latest offsets of a drilldown over the triggering search's own time range. */
  static final String EARLIEST_OFFSET = "$info_min_time$";
  static final String LATEST_OFFSET = "$info_max_time$";

  /** savedsearches.conf text for the rules, in the order given; {@code tactics} gives the kill chain phases. */
  public static String savedSearches(List<Rule> rules, TacticTable tactics) {
    StringBuilder b = new StringBuilder();
    b.append("# Generated from app/rules by 'ide-tunnel-risk rules savedsearches'; do not edit (override in local/).\n");
    b.append("# Each rule as an hourly scheduled search, disabled; the modular input is the usual way to run them.\n");
    for (Rule r : rules) {
      Feed feed = null;
      SplBuilder.Search search = null;
      for (Feed f : PREFERENCE) {
        SplBuilder.Search s = SplBuilder.build(f, List.of(r));
        if (s.spl() != null) {
          feed = f;
          search = s;
          break;
        }
      }
      b.append('\n').append('[').append(r.searchName()).append("]\n");
      String about = oneLine(r.description().isBlank() ? r.title() : r.description());
      String spl = null;
      if (search == null) {
        b.append("# no feed carries this rule's log source; it runs only through scan and the alert action\n");
        b.append("description = ").append(about).append(" (rule ").append(r.id()).append(", no feed)\n");
        b.append("search = | makeresults count=0\n");
      } else {
        spl = search.spl() + " | `" + filterMacro(r) + "`";
        b.append("description = ").append(about).append(" (rule ").append(r.id()).append(", feed ")
            .append(feed.id()).append(")\n");
        b.append("search = ").append(spl).append('\n');
      }
      b.append("disabled = 1\n");
      b.append("enableSched = 1\n");
      b.append("cron_schedule = 0 * * * *\n");
      b.append("dispatch.earliest_time = -70m@m\n");
      b.append("dispatch.latest_time = -10m@m\n");
      b.append("schedule_window = auto\n");
      b.append("is_visible = false\n");
      b.append("alert.track = 0\n");
      b.append("counttype = number of events\n");
      b.append("relation = greater than\n");
      b.append("quantity = 0\n");
      b.append("action.correlationsearch.enabled = 1\n");
      b.append("action.correlationsearch.label = ").append(r.searchName()).append('\n');
      b.append("action.correlationsearch.annotations = ").append(annotations(r, tactics)).append('\n');
      b.append("action.notable.param.drilldown_searches = ").append(drilldowns(r, feed, spl)).append('\n');
      b.append("action.ide_tunnel_risk_score = 1\n");
      b.append("action.ide_tunnel_risk_score.param.rules = auto\n");
      b.append("action.ide_tunnel_risk_score.param.rule_ids = ").append(r.id()).append('\n');
    }
    return b.toString();
  }

  /** macros.conf stanzas for every rule's filter macro. */
  public static String filterMacros(List<Rule> rules) {
    List<String> out = new ArrayList<>();
    for (Rule r : rules) {
      out.add("[" + filterMacro(r) + "]\ndefinition = search *\ndescription = Exclusions for the saved search of rule "
          + oneLine(r.title()) + " (" + r.id() + "). Default: none.\niseval = 0\n");
    }
    return String.join("\n", out);
  }

  /**
   * {@code {"analytic_story": [...], "kill_chain_phases": [...], "mitre_attack": [...]}}, keys sorted and empty
   * lists left out, as contentctl writes a detection's annotations.
   */
  static String annotations(Rule r, TacticTable tactics) {
    Map<String, List<String>> a = new TreeMap<>();
    Set<String> phases = new TreeSet<>();
    for (String tacticId : tactics.annotate(r.risk().mitreAttack()).tacticIds()) {
      String phase = KILL_CHAIN.get(tacticId);
      if (phase != null) {
        phases.add(phase);
      }
    }
    a.put("analytic_story", r.risk().analyticStories());
    a.put("kill_chain_phases", new ArrayList<>(phases));
    a.put("mitre_attack", r.risk().mitreAttack());
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, List<String>> e : a.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      out.append(out.length() > 1 ? ", " : "").append(json(e.getKey())).append(": ").append(json(e.getValue()));
    }
    return out.append('}').toString();
  }

  /**
   * ES's drilldown searches of the rule's risk objects, in contentctl's form ({@code name}, {@code search},
   * {@code earliest_offset}, {@code latest_offset}): the rule's search narrowed to them, over the triggering
   * search's time range (for a raw feed, whose rows are the events' raw text, as terms of it); and their risk
   * events of the last 7 days in the Risk datamodel, by ES's {@code normalized_risk_object}. A rule no feed
   * carries has only the second.
   */
  static String drilldowns(Rule r, Feed feed, String spl) {
    List<String> fields = new ArrayList<>();
    for (var ro : r.risk().riskObjects()) {
      if (!fields.contains(ro.fields().get(0))) {
        fields.add(ro.fields().get(0));
      }
    }
    List<String> tokens = fields.stream().map(f -> "\"$" + f + "$\"").toList();
    String who = String.join(" and ", tokens);
    List<String> out = new ArrayList<>();
    if (spl != null) {
      String narrow = feed.shape() == Feed.Shape.TSTATS
          ? String.join(" ", fields.stream().map(f -> f + " = \"$" + f + "$\"").toList())
          : String.join(" ", tokens);
      out.add(drilldown("View the source events for - " + who, spl + " | search " + narrow, EARLIEST_OFFSET,
          LATEST_OFFSET));
    }
    out.add(drilldown("View risk events for the last 7 days for - " + who,
        "| from datamodel Risk.All_Risk | search normalized_risk_object IN (" + String.join(", ", tokens)
            + ") starthoursago=168 | stats count min(_time) as firstTime max(_time) as lastTime"
            + " values(search_name) as \"Search Name\" values(risk_message) as \"Risk Message\""
            + " values(analyticstories) as \"Analytic Stories\" values(annotations._all) as \"Annotations\""
            + " values(annotations.mitre_attack.mitre_tactic) as \"ATT&CK Tactics\" by normalized_risk_object"
            + " | `ide_tunnel_risk_ctime(firstTime)` | `ide_tunnel_risk_ctime(lastTime)`",
        EARLIEST_OFFSET, LATEST_OFFSET));
    return "[" + String.join(", ", out) + "]";
  }

  private static String drilldown(String name, String search, String earliest, String latest) {
    return "{" + json("name") + ": " + json(name) + ", " + json("search") + ": " + json(search) + ", "
        + json("earliest_offset") + ": " + json(earliest) + ", " + json("latest_offset") + ": " + json(latest) + "}";
  }

  private static String json(List<String> values) {
    return "[" + String.join(", ", values.stream().map(SavedSearchConf::json).toList()) + "]";
  }

  /** A JSON string: quote, backslash and control characters escaped, so the value stays on one conf line. */
  static String json(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /**
   * Text for a one-line conf value: line breaks and runs of white space become one space, and a trailing
   * backslash (which would continue the value on the next line) gets a space after it.
   */
  private static String oneLine(String s) {
    String t = s.strip().replaceAll("\\s+", " ");
    return t.endsWith("\\") ? t + " " : t;
  }
}
