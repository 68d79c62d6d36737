package org.idetunnelrisk.spl;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.idetunnelrisk.engine.LogSource;

/**
 * A Splunk data source the modular input polls, and how its search is shaped.
 *
 * <p>Datamodel feeds ({@link Shape#TSTATS}) run {@code tstats} over an accelerated CIM datamodel, with the
 * rules' literals in the {@code where} clause on the datamodel's own field names; their rows come back with
 * CIM names once {@code ide_tunnel_risk_drop_dm_object_name} strips the object prefix. Raw feeds
 * ({@link Shape#RAW}) search an index for the rules' literals as terms of the raw text and return
 * {@code _raw}, which the input parses with the same readers {@code scan} uses, so a Splunk add-on's field
 * extractions are not required.
 *
 * <p>Every feed's search starts from its index macro {@code ide_tunnel_risk_<feed>_index} (where the admin
 * names the index and sourcetype) and ends in its filter macro {@code ide_tunnel_risk_<feed>_filter}
 * ({@code search *} as shipped) for tuning.
 */
public enum Feed {
  ENDPOINT_PROCESSES("endpoint_processes", Shape.TSTATS, "Endpoint.Processes", "Processes",
      List.of("dest", "user", "process", "process_name", "process_path", "original_file_name", "parent_process",
          "parent_process_name", "parent_process_path", "process_id", "parent_process_id",
          "process_current_directory", "process_hash", "vendor_product"),
      List.of("original_file_name", "process_current_directory", "process_hash", "vendor_product"),
      "", List.of(new LogSource("process_creation", null, null))),
  SYSMON("sysmon", Shape.RAW, null, null, List.of(), List.of(), "EventCode IN (1, 3, 7, 11, 22)",
      List.of(new LogSource("process_creation", null, null), new LogSource("network_connection", null, null),
          new LogSource("image_load", null, null), new LogSource("file_event", null, null),
          new LogSource("dns_query", null, null))),
  WINDOWS_SECURITY("windows_security", Shape.RAW, null, null, List.of(), List.of(), "EventCode IN (4688, 4698)",
      List.of(new LogSource("process_creation", "windows", "security"), new LogSource(null, "windows", "security"))),
  CROWDSTRIKE("crowdstrike", Shape.RAW, null, null, List.of(), List.of(),
      "event_simpleName IN (ProcessRollup2, SyntheticProcessRollup2, DnsRequest, NetworkConnectIP4)",
      List.of(new LogSource("process_creation", null, null), new LogSource("dns_query", null, null),
          new LogSource("network_connection", null, null))),
  NETWORK_RESOLUTION("network_resolution", Shape.TSTATS, "Network_Resolution.DNS", "DNS",
      List.of("src", "dest", "query", "answer", "reply_code", "record_type", "vendor_product"),
      List.of("answer", "reply_code", "vendor_product"),
      "", List.of(new LogSource("dns_query", null, null))),
  STREAM_DNS("stream_dns", Shape.RAW, null, null, List.of(), List.of(), "",
      List.of(new LogSource("dns_query", null, null))),
  STREAM_HTTP("stream_http", Shape.RAW, null, null, List.of(), List.of(), "",
      List.of(new LogSource("proxy", null, null), new LogSource("network_connection", null, null)));

  /** How the feed's search is built and its rows read. */
  public enum Shape { TSTATS, RAW }

  private final String id;
  private final Shape shape;
  private final String datamodel;
  private final String object;
  private final List<String> datamodelFields;
  private final List<String> gatheredFields;
  private final String eventFilter;
  private final List<LogSource> logSources;

  Feed(String id, Shape shape, String datamodel, String object, List<String> datamodelFields,
      List<String> gatheredFields, String eventFilter, List<LogSource> logSources) {
    this.id = id;
    this.shape = shape;
    this.datamodel = datamodel;
    this.object = object;
    this.datamodelFields = datamodelFields;
    this.gatheredFields = gatheredFields;
    this.eventFilter = eventFilter;
    this.logSources = logSources;
  }

  /** The name admins write in the input's {@code feeds} parameter. */
  public String id() {
    return id;
  }

  public Shape shape() {
    return shape;
  }

  /** {@code Endpoint.Processes}: the datamodel and dataset of a tstats feed (null for raw feeds). */
  public String datamodel() {
    return datamodel;
  }

  /** The datamodel object prefix of a tstats feed's field names ({@code Processes}); null for raw feeds. */
  public String object() {
    return object;
  }

  /** Canonical field names the datamodel has (and the tstats search returns); empty for raw feeds. */
  public List<String> datamodelFields() {
    return datamodelFields;
  }

  /**
   * The fields the tstats search splits rows by: those that tell one event from another (the event's
   * identity, {@code source/EventIdentity}), so one event is one row. A field one event may hold several
   * values of (a DNS query's answers) would otherwise split it into a row per value.
   */
  public List<String> splitFields() {
    return datamodelFields.stream().filter(f -> !gatheredFields.contains(f)).toList();
  }

  /**
   * The fields the tstats search gathers per row with {@code values(...)}, under their own names: they describe
   * the event (its answers, reply code, hashes) but do not tell it apart, and may hold several values.
   */
  public List<String> gatheredFields() {
    return gatheredFields;
  }

  /** Extra restriction to the event kinds the rules read (event codes), or empty. */
  public String eventFilter() {
    return eventFilter;
  }

  /** The kinds of rows this feed yields; a rule runs on the feed when its log source fits one of them. */
  public List<LogSource> logSources() {
    return logSources;
  }

  public String indexMacro() {
    return "ide_tunnel_risk_" + id + "_index";
  }

  public String filterMacro() {
    return "ide_tunnel_risk_" + id + "_filter";
  }

  /**
   * Whether a rule with this log source can match rows of this feed: its category (when it names one) must be
   * one of the feed's, and its product and service must not contradict the feed's.
   */
  public boolean carries(LogSource rule) {
    for (LogSource s : logSources) {
      boolean category = rule.category() == null || rule.category().equals(s.category());
      boolean product = rule.product() == null || s.product() == null || rule.product().equals(s.product());
      boolean service = rule.service() == null || s.service() == null || rule.service().equals(s.service());
      if (category && product && service) {
        return true;
      }
    }
    return false;
  }

  /** The feed with this id (case-insensitive), if any. */
  public static Optional<Feed> byId(String id) {
    String k = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.id.equals(k)).findFirst();
  }

  /** Every feed id, comma separated, for messages. */
  public static String ids() {
    return Arrays.stream(values()).map(Feed::id).collect(Collectors.joining(", "));
  }
}
