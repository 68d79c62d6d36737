package org.idetunnelrisk.alert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.idetunnelrisk.modinput.SplunkValues;

/**
 * The checked parameters of one run of the alert action, built once by {@link #from} from the payload's
 * {@code configuration} (the merged {@code param.*} of alert_actions.conf and the saved search). A blank
 * value means the default. Two modes, chosen by {@code rules}:
 * <ul>
 *   <li>{@code auto} (default): every result row is normalised and run through the shipped Sigma rules (with
 *       ide_tunnel_risk.conf tuning); each hit becomes risk events carrying the rule's own risk objects,
 *       threat objects, score and message. Rows that match no rule give nothing. {@code risk_object_*},
 *       {@code threat_object_*}, {@code risk_score} and {@code risk_message} are not used (tune scores per
 *       rule in ide_tunnel_risk.conf instead).</li>
 *   <li>{@code fixed}: for searches that are not ours, as ES's Risk Analysis action does: no rules; every row
 *       gives one risk event for {@code risk_object_field} (rows where it is empty give none) with
 *       {@code risk_object_type}, score {@code risk_score} (a 1..100 {@code risk_score} field in the row wins),
 *       the optional threat object, and {@code risk_message} with {@code $field$} tokens filled (blank: the
 *       search name). {@code risk_object_field} and {@code risk_score} are required.</li>
 * </ul>
 * Every bad value is reported, all together, joined by {@code "; "}, in one {@link AlertException}.
 * Immutable.
 *
 * @param rules auto or fixed
 * @param ruleIds in auto mode, only these rules score (by Sigma id); empty for every rule. A saved search
 *     built from one rule names that rule, so two searches never write the same risk event
 * @param riskObjectField field holding the risk object (fixed mode)
 * @param riskObjectType system, user or other (fixed mode; default system)
 * @param riskScore fixed score 1..100 (fixed mode)
 * @param threatObjectField field holding the threat object, if any (fixed mode)
 * @param threatObjectType threat object type, e.g. process (with threatObjectField)
 * @param riskMessage message template with {@code $field$} tokens, blank for the search name (fixed mode)
 * @param index the risk index (default risk)
 * @param maxRows most result rows read (default 100000)
 * @param batchSize risk events written per batch, and most held in memory (default 50)
 * @param landedCheckDelay seconds allowed for indexing before a risk event whose write got no clear answer, and
 *     that the risk index does not hold yet, is taken as not written and sent again (default 30)
 * @param verifySsl verify splunkd's certificate (default true)
 * @param caCertPath CA file for splunkd's certificate, if any (checked to hold PEM certificates); when not set,
 *     and verifySsl is on, splunkd's own CA file is trusted
 * @param loopbackChainOnly {@code ssl_hostname_check = loopback_chain_only}: for a loopback server_uri, verify
 *     the chain against the CA file alone and not the host name (default strict: the host name is checked)
 * @param unknownKeys configuration keys this action does not know (logged as warnings)
 */
public record AlertSettings(
    Rules rules,
    List<String> ruleIds,
    Optional<String> riskObjectField,
    RiskObjectType riskObjectType,
    OptionalInt riskScore,
    Optional<String> threatObjectField,
    Optional<String> threatObjectType,
    String riskMessage,
    String index,
    int maxRows,
    int batchSize,
    int landedCheckDelay,
    boolean verifySsl,
    Optional<Path> caCertPath,
    boolean loopbackChainOnly,
    List<String> unknownKeys) {

  public static final String RULES = "rules";
  public static final String RULE_IDS = "rule_ids";
  public static final String RISK_OBJECT_FIELD = "risk_object_field";
  public static final String RISK_OBJECT_TYPE = "risk_object_type";
  public static final String RISK_SCORE = "risk_score";
  public static final String THREAT_OBJECT_FIELD = "threat_object_field";
  public static final String THREAT_OBJECT_TYPE = "threat_object_type";
  public static final String RISK_MESSAGE = "risk_message";
  public static final String INDEX = "index";
  public static final String MAX_ROWS = "max_rows";
  public static final String BATCH_SIZE = "batch_size";
  public static final String LANDED_CHECK_DELAY = "landed_check_delay";
  public static final String VERIFY_SSL = SplunkValues.VERIFY_SSL;
  public static final String CA_CERT_PATH = SplunkValues.CA_CERT_PATH;
  public static final String SSL_HOSTNAME_CHECK = SplunkValues.SSL_HOSTNAME_CHECK;
  /** Every parameter, in the order of alert_actions.conf.spec. */
  public static final List<String> KEYS = List.of(RULES, RULE_IDS, RISK_OBJECT_FIELD, RISK_OBJECT_TYPE, RISK_SCORE,
      THREAT_OBJECT_FIELD, THREAT_OBJECT_TYPE, RISK_MESSAGE, INDEX, MAX_ROWS, BATCH_SIZE, LANDED_CHECK_DELAY,
      VERIFY_SSL, CA_CERT_PATH, SSL_HOSTNAME_CHECK);

  public static final String DEFAULT_INDEX = "risk";
  public static final int DEFAULT_MAX_ROWS = 100_000;
  public static final int MAX_MAX_ROWS = 10_000_000;
  public static final int DEFAULT_BATCH_SIZE = 50;
  public static final int MAX_BATCH_SIZE = 1_000;
  public static final int DEFAULT_LANDED_CHECK_DELAY = 30;
  /** Below the 5 minutes splunkd gives the action ({@code maxtime} in alert_actions.conf). */
  public static final int MAX_LANDED_CHECK_DELAY = 240;

  private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:\\-]{0,254}");
  private static final Pattern THREAT_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** How rows are turned into risk events. */
  public enum Rules {
    AUTO,
    FIXED;

    public String confName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** ES risk object types. */
  public enum RiskObjectType {
    SYSTEM,
    USER,
    OTHER;

    public String confName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public AlertSettings {
    ruleIds = List.copyOf(ruleIds);
    unknownKeys = List.copyOf(unknownKeys);
  }

  public static AlertSettings from(Map<String, String> configuration) {
    List<String> problems = new ArrayList<>();
    Values v = new Values(configuration, problems);
    Rules rules = v.choice(RULES, Rules.AUTO, Rules.values(), "auto or fixed");
    List<String> ruleIds = new ArrayList<>();
    for (String id : v.value(RULE_IDS).orElse("").split(",")) {
      if (id.isBlank()) {
        continue;
      }
      if (!RULE_ID.matcher(id.strip()).matches()) {
        problems.add(RULE_IDS + ": '" + id.strip() + "' is not a rule id (letters, digits, - and _)");
      } else {
        ruleIds.add(id.strip());
      }
    }
    Optional<String> riskObjectField = v.field(RISK_OBJECT_FIELD);
    RiskObjectType type = v.choice(RISK_OBJECT_TYPE, RiskObjectType.SYSTEM, RiskObjectType.values(),
        "system, user or other");
    OptionalInt score = v.score();
    Optional<String> threatField = v.field(THREAT_OBJECT_FIELD);
    Optional<String> threatType = v.value(THREAT_OBJECT_TYPE);
    if (threatType.isPresent() && !THREAT_TYPE.matcher(threatType.get()).matches()) {
      problems.add(THREAT_OBJECT_TYPE + ": '" + threatType.get()
          + "' is not a threat object type; use lower-case letters, digits and _, e.g. process");
    }
    if (threatField.isPresent() && threatType.isEmpty()) {
      problems.add(THREAT_OBJECT_TYPE + ": must be set when " + THREAT_OBJECT_FIELD + " is set");
    }
    if (threatType.isPresent() && threatField.isEmpty() && rules == Rules.FIXED) {
      problems.add(THREAT_OBJECT_FIELD + ": must be set when " + THREAT_OBJECT_TYPE + " is set");
    }
    if (rules == Rules.FIXED) {
      if (riskObjectField.isEmpty() && v.value(RISK_OBJECT_FIELD).isEmpty()) {
        problems.add(RISK_OBJECT_FIELD + ": must be set when rules = fixed");
      }
      if (score.isEmpty() && v.value(RISK_SCORE).isEmpty()) {
        problems.add(RISK_SCORE + ": must be set when rules = fixed");
      }
    }
    String message = v.value(RISK_MESSAGE).orElse("");
    String index = v.value(INDEX).orElse(DEFAULT_INDEX);
    if (!SplunkValues.isIndexName(index)) {
      problems.add(INDEX + ": '" + index + "' is not an index name; use lower-case letters, digits, _ and -, e.g. risk");
    }
    int maxRows = v.wholeNumber(MAX_ROWS, DEFAULT_MAX_ROWS, MAX_MAX_ROWS);
    int batchSize = v.wholeNumber(BATCH_SIZE, DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE);
    int landedCheckDelay = SplunkValues.wholeNumberParameter(LANDED_CHECK_DELAY, v.value(LANDED_CHECK_DELAY), 0,
        MAX_LANDED_CHECK_DELAY, problems).orElse(DEFAULT_LANDED_CHECK_DELAY);
    boolean verifySsl = v.bool(VERIFY_SSL, true);
    Optional<Path> ca = SplunkValues.caCertPathParameter(v.value(CA_CERT_PATH), problems);
    boolean loopbackChainOnly = SplunkValues.hostnameCheckParameter(v.value(SSL_HOSTNAME_CHECK), verifySsl, problems);
    if (!problems.isEmpty()) {
      throw new AlertException(String.join("; ", problems));
    }
    Set<String> known = Set.copyOf(KEYS);
    List<String> unknown = configuration.keySet().stream().filter(k -> !known.contains(k)).sorted().toList();
    return new AlertSettings(rules, ruleIds, riskObjectField, type, score, threatField, threatType, message, index, maxRows,
        batchSize, landedCheckDelay, verifySsl, ca, loopbackChainOnly, unknown);
  }

  /** Reads values from the configuration, adding a problem for each bad one. */
  private record Values(Map<String, String> configuration, List<String> problems) {
    Optional<String> value(String key) {
      return Optional.ofNullable(configuration.get(key)).map(String::strip).filter(s -> !s.isEmpty());
    }

    <E extends Enum<E>> E choice(String key, E dflt, E[] all, String expected) {
      Optional<String> value = value(key);
      if (value.isEmpty()) {
        return dflt;
      }
      for (E e : all) {
        if (e.name().equalsIgnoreCase(value.get())) {
          return e;
        }
      }
      problems.add(key + ": must be " + expected + " but was '" + value.get() + "'");
      return dflt;
    }

    Optional<String> field(String key) {
      Optional<String> value = value(key);
      if (value.isPresent() && !FIELD.matcher(value.get()).matches()) {
        problems.add(key + ": '" + value.get() + "' is not a field name");
        return Optional.empty();
      }
      return value;
    }

    OptionalInt score() {
      return SplunkValues.wholeNumberParameter(RISK_SCORE, value(RISK_SCORE), 100, problems);
    }

    int wholeNumber(String key, int dflt, int max) {
      return SplunkValues.wholeNumberParameter(key, value(key), max, problems).orElse(dflt);
    }

    boolean bool(String key, boolean dflt) {
      return SplunkValues.boolParameter(key, value(key), dflt, problems);
    }
  }
}
