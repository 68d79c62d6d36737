package org.idetunnelrisk.spl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.idetunnelrisk.engine.Rule;

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
 * are scored by that rule only. Stateless.
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

  /** savedsearches.conf text for the rules, in the order given. */
  public static String savedSearches(List<Rule> rules) {
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
      if (search == null) {
        b.append("# no feed carries this rule's log source; it runs only through scan and the alert action\n");
        b.append("search = | makeresults count=0\n");
      } else {
        b.append("description = ").append(oneLine(r.title())).append(" (rule ").append(r.id()).append(", feed ")
            .append(feed.id()).append(")\n");
        b.append("search = ").append(search.spl()).append(" | `").append(filterMacro(r)).append("`\n");
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

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }
}
