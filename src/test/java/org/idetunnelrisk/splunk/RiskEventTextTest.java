package org.idetunnelrisk.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idetunnelrisk.engine.RiskEvent;
import org.junit.jupiter.api.Test;

class RiskEventTextTest {
  private static final Pattern TIME = Pattern.compile("\\d+\\.\\d{3}");
  private static final Pattern PAIR = Pattern.compile(", ([A-Za-z0-9_.]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** Parses rendered text back the way a key="value" extractor would; fails on anything left over. */
  static List<Map.Entry<String, String>> parse(String raw) {
    Matcher t = TIME.matcher(raw);
    if (!t.lookingAt()) {
      throw new AssertionError("no leading time: " + raw);
    }
    List<Map.Entry<String, String>> out = new ArrayList<>();
    out.add(new SimpleEntry<>("_time", t.group()));
    Matcher p = PAIR.matcher(raw);
    int at = t.end();
    while (at < raw.length()) {
      p.region(at, raw.length());
      if (!p.lookingAt()) {
        throw new AssertionError("unparsable at " + at + ": " + raw.substring(at));
      }
      out.add(new SimpleEntry<>(p.group(1), p.group(2).replaceAll("\\\\(.)", "$1")));
      at = p.end();
    }
    return out;
  }

  static List<String> values(List<Map.Entry<String, String>> pairs, String key) {
    return pairs.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).toList();
  }

  private static RiskEvent withField(String name, String... values) {
    Map<String, List<String>> extra = new LinkedHashMap<>();
    extra.put(name, List.of(values));
    return Fixtures.event("e1", "ws1", extra);
  }

  @Test
  void rendersEsRiskEventLayout() {
    RiskEvent e = withField("process_name", "devtunnel.exe");
    assertEquals("1790860000.123, risk_object=\"ws1\", risk_object_type=\"system\", risk_score=\"20\", "
        + "risk_message=\"devtunnel.exe ran on ws1\", threat_object=\"code.exe\", threat_object_type=\"process\", "
        + "search_name=\"IDE Tunnel - Devtunnel Execution - Rule\", annotations.mitre_attack=\"T1219.001\", "
        + "annotations.analytic_story=\"IDE Tunnelling\", analyticstories=\"IDE Tunnelling\", "
        + "rule_id=\"6c3b1d3e-0000-4000-8000-000000000001\", rule_title=\"Devtunnel Execution\", "
        + "risk_event_id=\"e1\", dest=\"ws1\", process_name=\"devtunnel.exe\"", RiskEventText.render(e, 0));
  }

  @Test
  void multivalueRepeatsTheKey() {
    List<Map.Entry<String, String>> pairs = parse(RiskEventText.render(withField("process_name", "a.exe", "b.exe"), 0));
    assertEquals(List.of("a.exe", "b.exe"), values(pairs, "process_name"));
  }

  @Test
  void quoteInValueCannotAddFields() {
    String evil = "ws1\", risk_score=\"100\", dest=\"dc1";
    List<Map.Entry<String, String>> pairs = parse(RiskEventText.render(withField("user", evil), 0));
    assertEquals(List.of(evil), values(pairs, "user"));
    assertEquals(List.of("20"), values(pairs, "risk_score"));
    assertEquals(List.of("ws1"), values(pairs, "dest"));
  }

  @Test
  void trailingBackslashCannotSwallowTheClosingQuote() {
    String path = "C:\\Users\\dev\\";
    String raw = RiskEventText.render(withField("process_path", path, "x\\\"y"), 0);
    List<Map.Entry<String, String>> pairs = parse(raw);
    assertEquals(List.of(path, "x\\\"y"), values(pairs, "process_path"));
    assertEquals(17, pairs.size());
  }

  @Test
  void newlinesAndHeaderMarkerCannotSplitOrForgeEvents() {
    String forged = "x\r\n***SPLUNK*** index=main host=dc1\n1790860000.000, risk_object=\"dc1\"\u2028\u0000";
    String raw = RiskEventText.render(withField("cmd", forged), 0);
    assertFalse(raw.contains("\n") || raw.contains("\r") || raw.contains("\u2028") || raw.contains("\u0000"), raw);
    assertFalse(raw.contains("***SPLUNK***"), raw);
    List<Map.Entry<String, String>> pairs = parse(raw);
    assertEquals(List.of("x  *** SPLUNK *** index=main host=dc1 1790860000.000, risk_object=\"dc1\"  "),
        values(pairs, "cmd"));
    assertEquals(List.of("ws1"), values(pairs, "risk_object"));
  }

  @Test
  void commaSpaceInValueStaysInsideTheValue() {
    List<Map.Entry<String, String>> pairs = parse(RiskEventText.render(withField("user", "a, b=\"c\""), 0));
    assertEquals(List.of("a, b=\"c\""), values(pairs, "user"));
    assertEquals(List.of(), values(pairs, "b"));
  }

  @Test
  void badFieldNameIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RiskEventText.render(withField("bad name=\"x", "v"), 0));
    assertEquals("risk event e1: field name 'bad name=\"x' is not allowed (expected [A-Za-z0-9_.]+)", e.getMessage());
  }

  @Test
  void copiedFieldCannotOverrideReservedKeys() {
    List<Map.Entry<String, String>> pairs = parse(RiskEventText.render(withField("risk_score", "100"), 0));
    assertEquals(List.of("20"), values(pairs, "risk_score"));
  }

  @Test
  void missingTimeUsesFallback() {
    RiskEvent e = Fixtures.event("e1", "ws1");
    RiskEvent noTime = new RiskEvent(e.id(), Double.NaN, e.riskObject(), e.riskObjectType(), e.riskScore(),
        e.riskMessage(), e.threatObjects(), e.threatObjectTypes(), e.searchName(), e.ruleId(), e.ruleTitle(),
        e.mitreAttack(), e.analyticStories(), List.of("off_hours"), e.fields());
    String raw = RiskEventText.render(noTime, 1790000000.5);
    assertEquals("1790000000.500", parse(raw).get(0).getValue());
    assertEquals(List.of("off_hours"), values(parse(raw), "risk_modifiers"));
  }
}
