package org.idetunnelrisk.splunk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.idetunnelrisk.engine.RiskEvent;

/**
 * Where risk events came from, in the fields ES's risk action writes so an analyst can pivot from a risk
 * event back to the search and the result that made it. Splunk's common action model (which ES's modular
 * actions use) writes them for each result: the search's {@code orig_sid}, the action's
 * {@code orig_action_name}, the search's time range and run time ({@code info_min_time},
 * {@code info_max_time}, {@code info_search_time}, from the job's {@code info.csv}), and per result its number
 * {@code orig_rid} and its own {@code host}, {@code source} and {@code sourcetype} renamed {@code orig_host},
 * {@code orig_source}, {@code orig_sourcetype} (the risk event's own are the search head's and the rule's).
 *
 * <p>This record holds what one search (an alert's job, a modular input's poll of one feed) shares; each
 * result's part is stamped onto its risk events' fields by {@link Row#stamp}. {@link RiskEventText} writes
 * both; a null or empty value is left out, as the common action model leaves out empty values. Immutable.
 *
 * @param sid {@code orig_sid}: the search's id
 * @param actionName {@code orig_action_name}: what wrote the risk event
 * @param minTime {@code info_min_time}: the search's earliest time, epoch seconds as text
 * @param maxTime {@code info_max_time}: its latest time ({@code +Infinity} for none)
 * @param searchTime {@code info_search_time}: when it ran
 */
public record RiskOrigin(String sid, String actionName, String minTime, String maxTime, String searchTime) {
  public RiskOrigin {
    sid = blankToNull(sid);
    actionName = blankToNull(actionName);
    minTime = blankToNull(minTime);
    maxTime = blankToNull(maxTime);
    searchTime = blankToNull(searchTime);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** No origin: none of these fields is written. */
  public static final RiskOrigin NONE = new RiskOrigin(null, null, null, null, null);

  /** The per-result fields {@link Row#stamp} puts on a risk event. */
  public static final List<String> ROW_FIELDS = List.of("orig_rid", "orig_host", "orig_source", "orig_sourcetype");

  private static final Pattern EPOCH = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,9})?");

  /** Epoch seconds with three decimals, as the risk event times are written. */
  public static String epoch(double seconds) {
    return String.format(Locale.ROOT, "%.3f", seconds);
  }

  /** {@code value} when it is epoch seconds as Splunk writes them ({@code 1790860000.000000}), else null. */
  public static String epochOrNull(String value) {
    return value != null && EPOCH.matcher(value.strip()).matches() ? value.strip() : null;
  }

  /**
   * One result row's part of the origin.
   *
   * @param rid {@code orig_rid}: the row's number in the search's results, from 0
   * @param host the row's {@code host} (the source event's host), or null
   * @param source the row's {@code source}, or null
   * @param sourcetype the row's {@code sourcetype}, or null
   */
  public record Row(long rid, String host, String source, String sourcetype) {
    /** The part of a result row: its number from 0, and its {@code host}, {@code source}, {@code sourcetype}. */
    public static Row of(long rid, Map<String, List<String>> row) {
      return new Row(rid, first(row, "host"), first(row, "source"), first(row, "sourcetype"));
    }

    /** The event with this row's origin fields in place of any of the same names it had. */
    public RiskEvent stamp(RiskEvent e) {
      Map<String, List<String>> fields = new LinkedHashMap<>(e.fields());
      ROW_FIELDS.forEach(fields::remove);
      fields.put("orig_rid", List.of(Long.toString(rid)));
      put(fields, "orig_host", host);
      put(fields, "orig_source", source);
      put(fields, "orig_sourcetype", sourcetype);
      return new RiskEvent(e.id(), e.time(), e.riskObject(), e.riskObjectType(), e.riskScore(), e.riskMessage(),
          e.threatObjects(), e.threatObjectTypes(), e.searchName(), e.ruleId(), e.ruleTitle(), e.mitreAttack(),
          e.analyticStories(), e.modifiers(), fields);
    }

    private static void put(Map<String, List<String>> fields, String name, String value) {
      if (value != null && !value.isEmpty()) {
        fields.put(name, List.of(value));
      }
    }

    private static String first(Map<String, List<String>> row, String name) {
      List<String> v = row.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }
}
