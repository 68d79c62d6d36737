package org.idetunnelrisk.source;

import java.util.Set;
import java.util.function.Predicate;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Row;

/**
 * What identifies a source event: the one definition behind {@code risk_event_id}, which hashes the rule's
 * id, the risk object and this identity ({@link Row#eventKey}). {@code scan}, the alert action and the
 * modular input turn a Splunk row into records the same way ({@link org.idetunnelrisk.read.RowRecords}) and
 * every record is normalized through here, so an event gets one id whichever path found it.
 *
 * <ol>
 *   <li>An event that carries its own id is known by it: a Windows event (Sysmon, Security, System...) by
 *       {@code Computer|Channel|EventRecordID} and its time in seconds ({@link #windows}); a CrowdStrike event by
 *       {@code aid|event_simpleName|process id|timestamp} ({@link #crowdStrike}).
 *   <li>A CIM datamodel row, as {@code tstats} returns it, by its time and the fields that tell its event
 *       apart: for Endpoint.Processes {@link #PROCESS_FIELDS}, for Network_Resolution.DNS {@link #DNS_FIELDS}
 *       ({@link #datamodel}). Whatever {@code tstats} computes over the events of a time bucket is left out,
 *       under any name: {@code count}, {@code firstTime}, {@code lastTime}, {@code values(DNS.answer)}, and
 *       {@code values(DNS.answer) as answer}, which no name gives away. So an event that arrives late in the
 *       same one-second bucket changes the count and the values but no risk event's id, and the risk is
 *       not written twice. Rows of other datasets (Filesystem, Web) are identified as the next point says.
 *   <li>Any other row by its time and every field ({@link #GENERAL}) except Splunk's internal fields
 *       ({@code _*}; the time enters as a number, whatever text it came as) and fields named as aggregates
 *       ({@link #aggregate}).
 * </ol>
 *
 * <p>Fields outside the identity stay in the row: rules match them and messages quote them. Stateless.
 */
final class EventIdentity {
  /**
   * What tells one process creation in a datamodel row from another in the same second: the host, the user,
   * the process and its parent. Canonical names, as the field table gives them.
   */
  static final Set<String> PROCESS_FIELDS = Set.of("dest", "user", "process", "process_name", "process_path",
      "process_id", "process_guid", "parent_process", "parent_process_name", "parent_process_path",
      "parent_process_id", "parent_process_guid");
  /**
   * What tells one DNS query in a datamodel row from another in the same second: who asked which server for
   * which name and record type. Not the answer or the reply code, which a search may aggregate.
   */
  static final Set<String> DNS_FIELDS = Set.of("src", "dest", "query", "record_type");

  /** Tstats' usual aggregates, named without a function call. */
  private static final Set<String> AGGREGATE_NAMES = Set.of("count", "firstTime", "lastTime");

  /** Every field of the event: all but Splunk's internal fields and aggregates. */
  static final Predicate<String> GENERAL = name -> !name.startsWith("_") && !aggregate(name);

  private static final Predicate<String> PROCESS = PROCESS_FIELDS::contains;
  private static final Predicate<String> DNS = DNS_FIELDS::contains;

  private EventIdentity() {}

  /**
   * Whether a field is named as an aggregate of a {@code stats} or {@code tstats} search: {@code count},
   * {@code firstTime}, {@code lastTime} (as ES searches name {@code min(_time)} and {@code max(_time)}), or
   * a function call such as {@code values(DNS.answer)}, {@code dc(user)}, {@code count(x)}, {@code min(_time)}.
   */
  static boolean aggregate(String name) {
    if (AGGREGATE_NAMES.contains(name)) {
      return true;
    }
    int open = name.indexOf('(');
    if (open <= 0 || !name.endsWith(")")) {
      return false;
    }
    for (int i = 0; i < open; i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** The identity of a CIM datamodel row of this Sigma category (as {@link CimSource} tells it). */
  static Predicate<String> datamodel(LogSource category) {
    if ("process_creation".equals(category.category())) {
      return PROCESS;
    }
    if ("dns_query".equals(category.category())) {
      return DNS;
    }
    return GENERAL;
  }

  /**
   * A Windows event's key, {@code Computer|Channel|EventRecordID|second}, when it has the first three: the record
   * id alone repeats when a lab machine is reverted to a snapshot and logs again, so the event's time (whole
   * seconds since the epoch, so that the same event keeps its key whether its time came with seven fraction
   * digits from XML or three from a shipper; empty when it has none) tells those events apart.
   */
  static void windows(Fields f, Row.Builder row, double time) {
    String computer = f.first("Computer");
    String channel = f.first("Channel");
    String record = f.first("EventRecordID");
    if (computer != null && channel != null && record != null) {
      row.eventKey(computer + "|" + channel + "|" + record + "|"
          + (Double.isNaN(time) ? "" : Long.toString((long) Math.floor(time))));
    }
  }

  /**
   * A CrowdStrike event's key, {@code aid|event_simpleName|process id|time}: the process id from
   * {@code TargetProcessId}, else {@code ContextProcessId}; the time as written in {@code timestamp}, else
   * {@code ProcessStartTime}. None without an {@code aid}.
   */
  static void crowdStrike(Fields f, Row.Builder row) {
    String aid = f.first("aid");
    if (aid == null) {
      return;
    }
    String pid = f.firstOf("TargetProcessId", "ContextProcessId");
    String timestamp = f.first("timestamp");
    String when = timestamp != null ? timestamp : f.first("ProcessStartTime");
    row.eventKey(aid + "|" + f.first("event_simpleName") + "|" + (pid == null ? "" : pid) + "|"
        + (when == null ? "" : when));
  }
}
