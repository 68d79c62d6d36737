package org.idetunnelrisk.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.idetunnelrisk.splunk.emulator.FakeCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertSettingsTest {
  private static Map<String, String> conf(String... kv) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      map.put(kv[i], kv[i + 1]);
    }
    return map;
  }

  private static String problem(String... kv) {
    return assertThrows(AlertException.class, () -> AlertSettings.from(conf(kv))).getMessage();
  }

  @Test
  void defaultsAreAutoRulesIntoRisk() {
    AlertSettings s = AlertSettings.from(Map.of());
    assertEquals(AlertSettings.Rules.AUTO, s.rules());
    assertEquals(Optional.empty(), s.riskObjectField());
    assertEquals(AlertSettings.RiskObjectType.SYSTEM, s.riskObjectType());
    assertEquals(OptionalInt.empty(), s.riskScore());
    assertEquals("", s.riskMessage());
    assertEquals("risk", s.index());
    assertEquals(100_000, s.maxRows());
    assertEquals(50, s.batchSize());
    assertEquals(30, s.landedCheckDelay());
    assertTrue(s.verifySsl());
    assertEquals(Optional.empty(), s.caCertPath());
    assertFalse(s.loopbackChainOnly());
    assertEquals(List.of(), s.unknownKeys());
  }

  @Test
  void blankDefaultsFromAlertActionsConfAreAccepted() {
    AlertSettings s = AlertSettings.from(conf("rules", "auto", "risk_object_field", "", "risk_object_type", "system",
        "risk_score", "", "threat_object_field", "", "threat_object_type", "", "risk_message", "", "index", "risk",
        "max_rows", "100000", "verify_ssl", "1", "ca_cert_path", ""));
    assertEquals(AlertSettings.Rules.AUTO, s.rules());
  }

  @Test
  void fixedModeWithEverything() {
    AlertSettings s = AlertSettings.from(conf("rules", "FIXED", "risk_object_field", "dest", "risk_object_type",
        "user", "risk_score", "35", "threat_object_field", "parent_process_name", "threat_object_type", "process",
        "risk_message", "Tunnel on $dest$", "index", "risk_lab", "max_rows", "10", "batch_size", "7",
        "landed_check_delay", "0", "verify_ssl", "false"));
    assertEquals(AlertSettings.Rules.FIXED, s.rules());
    assertEquals(Optional.of("dest"), s.riskObjectField());
    assertEquals(AlertSettings.RiskObjectType.USER, s.riskObjectType());
    assertEquals(OptionalInt.of(35), s.riskScore());
    assertEquals(Optional.of("parent_process_name"), s.threatObjectField());
    assertEquals(Optional.of("process"), s.threatObjectType());
    assertEquals("Tunnel on $dest$", s.riskMessage());
    assertEquals("risk_lab", s.index());
    assertEquals(10, s.maxRows());
    assertEquals(7, s.batchSize());
    assertEquals(0, s.landedCheckDelay());
    assertFalse(s.verifySsl());
  }

  @Test
  void fixedModeNeedsRiskObjectFieldAndScore() {
    assertEquals("risk_object_field: must be set when rules = fixed; risk_score: must be set when rules = fixed",
        problem("rules", "fixed"));
  }

  @Test
  void badValuesNamed() {
    assertEquals("rules: must be auto or fixed but was 'sometimes'", problem("rules", "sometimes"));
    assertEquals("risk_object_type: must be system, user or other but was 'host'", problem("risk_object_type", "host"));
    assertEquals("risk_score: must be a whole number from 1 to 100 but was '101'", problem("risk_score", "101"));
    assertEquals("risk_score: must be a whole number from 1 to 100 but was 'high'", problem("risk_score", "high"));
    assertEquals("risk_object_field: 'dest host' is not a field name", problem("risk_object_field", "dest host"));
    assertEquals("threat_object_type: 'Process!' is not a threat object type; use lower-case letters, digits and _,"
        + " e.g. process", problem("threat_object_field", "p", "threat_object_type", "Process!"));
    assertEquals("threat_object_type: must be set when threat_object_field is set",
        problem("threat_object_field", "parent_process_name"));
    assertEquals("index: 'Risk' is not an index name; use lower-case letters, digits, _ and -, e.g. risk",
        problem("index", "Risk"));
    assertEquals("max_rows: must be a whole number from 1 to 10000000 but was '0'", problem("max_rows", "0"));
    assertEquals("batch_size: must be a whole number from 1 to 1000 but was '5000'", problem("batch_size", "5000"));
    assertEquals("landed_check_delay: must be a whole number from 0 to 240 but was '300'",
        problem("landed_check_delay", "300"));
    assertEquals("verify_ssl: must be true or false (or 1 or 0) but was 'sure'", problem("verify_ssl", "sure"));
    assertEquals("ca_cert_path: 'ca.pem' must be an absolute path to a file", problem("ca_cert_path", "ca.pem"));
  }

  @Test
  void fixedModeThreatTypeNeedsField() {
    assertEquals("threat_object_field: must be set when threat_object_type is set",
        problem("rules", "fixed", "risk_object_field", "dest", "risk_score", "5", "threat_object_type", "process"));
  }

  @Test
  void problemsReportedTogether() {
    assertEquals("rules: must be auto or fixed but was 'x'; risk_score: must be a whole number from 1 to 100 but was"
        + " '0'", problem("rules", "x", "risk_score", "0"));
  }

  @Test
  void unknownKeysListedSorted() {
    assertEquals(List.of("a_thing", "colour"),
        AlertSettings.from(conf("colour", "blue", "a_thing", "1")).unknownKeys());
  }

  /** The same check as the input stanza's (SplunkValues): a CA file that does not load is refused up front. */
  @Test
  void caCertPathMustHoldPemCertificates(@TempDir Path dir) throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "this is not a certificate\n");
    String junkProblem = problem("ca_cert_path", junk.toString());
    assertTrue(junkProblem.startsWith("ca_cert_path: '" + junk + "' is not a PEM file of CA certificates: "),
        junkProblem);
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    assertEquals("ca_cert_path: '" + empty + "' holds no certificate; expected the PEM certificate(s) of the CA that"
        + " signed splunkd's certificate (-----BEGIN CERTIFICATE-----)", problem("ca_cert_path", empty.toString()));
    assertEquals("ca_cert_path: '" + dir + "' is not a readable file", problem("ca_cert_path", dir.toString()));
    FakeCa ca = FakeCa.create(dir, "AlertSettingsTestCA");
    assertEquals(Optional.of(ca.pem()), AlertSettings.from(conf("ca_cert_path", ca.pem().toString())).caCertPath());
  }

  @Test
  void hostnameCheckIsStrictOrLoopbackChainOnly() {
    assertFalse(AlertSettings.from(conf("ssl_hostname_check", "")).loopbackChainOnly());
    assertFalse(AlertSettings.from(conf("ssl_hostname_check", "strict")).loopbackChainOnly());
    assertTrue(AlertSettings.from(conf("ssl_hostname_check", " loopback_chain_only ")).loopbackChainOnly());
    assertEquals("ssl_hostname_check: 'off' is not one of strict, loopback_chain_only",
        problem("ssl_hostname_check", "off"));
    assertEquals("ssl_hostname_check = loopback_chain_only verifies the chain, but verify_ssl is false (nothing is"
        + " verified): set one or the other", problem("ssl_hostname_check", "loopback_chain_only", "verify_ssl", "0"));
  }
}
