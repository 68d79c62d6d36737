package org.idetunnelrisk.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idetunnelrisk.engine.RiskEvent;
import org.idetunnelrisk.engine.TacticTable;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static RiskEvent event(String id, double time, String host, int score, String rule, String... threats) {
    List<String> values = new java.util.ArrayList<>();
    List<String> types = new java.util.ArrayList<>();
    for (int i = 0; i < threats.length; i += 2) {
      types.add(threats[i]);
      values.add(threats[i + 1]);
    }
    return new RiskEvent(id, time, host, "system", score, rule + " on " + host, values, types,
        "IDE Tunnel Risk - " + rule + " - Rule", "rule-" + rule, rule, List.of("T1219.001"), List.of(), List.of(),
        Map.of());
  }

  private static String render(Stories s, int maxSubjects) throws IOException {
    StringWriter w = new StringWriter();
    new HtmlReport(s, List.of(new HtmlReport.RuleEntry("rule-A", "A", "Catches A.", "high", List.of(20),
        List.of("T1219.001"), "a.yml")), TacticTable.EMPTY, maxSubjects, List.of("in.jsonl")).write(w);
    return w.toString();
  }

  private static int count(String regex, String s) {
    Matcher m = Pattern.compile(regex).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void ranksRiskObjectsByTotalScoreAndTellsOnlyTheTopInFull() throws IOException {
    Stories s = new Stories(1000);
    s.add(event("1", 100, "low", 10, "A"));
    s.add(event("2", 200, "high", 50, "A"));
    s.add(event("3", 300, "high", 50, "B"));
    s.add(event("4", 50, "mid", 60, "A"));
    assertEquals(List.of("high", "mid", "low"), s.ranked().stream().map(Stories.Subject::value).toList());
    assertEquals(100, s.ranked().get(0).score());
    assertEquals(200.0, s.ranked().get(0).first());
    assertEquals(300.0, s.ranked().get(0).last());
    String html = render(s, 2);
    assertEquals(2, count("<section class=\"story\"", html));
    assertTrue(html.contains("data-subject=\"high\" data-events=\"2\""));
    assertFalse(html.contains("data-subject=\"low\""), "the third risk object is a table row only");
    assertTrue(html.contains("id=\"bounded\""), "the report says it told only some in full");
    assertEquals(3, count("<circle class=\"point\"", html));
  }

  @Test
  void keepsAtMostMaxEventsForStoriesAndSaysHowManyItLeftOut() throws IOException {
    Stories s = new Stories(3);
    for (int i = 0; i < 10; i++) {
      s.add(event("e" + i, i, "h", 5, "A"));
    }
    assertEquals(10, s.total());
    assertEquals(7, s.eventsLeftOut());
    assertEquals(50, s.ranked().get(0).score(), "every event counts toward the total");
    assertEquals(3, s.ranked().get(0).events().size());
    String html = render(s, 5);
    assertTrue(html.contains("id=\"left-out\""));
    assertEquals(3, count("<circle class=\"point\"", html));
  }

  @Test
  void escapesEveryValueFromTheEvents() throws IOException {
    Stories s = new Stories(10);
    s.add(event("\"><x", 1, "<script>alert(1)</script>", 20, "A&B", "domain", "<b>evil.devtunnels.ms</b>"));
    String html = render(s, 5);
    assertFalse(html.contains("<script>alert"), "a risk object cannot open a script");
    assertFalse(html.contains("<b>evil"), "a threat object cannot add markup");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(html.contains("data-event=\"&quot;&gt;&lt;x\""));
    assertEquals(1, count("<script>", html), "only the report's own script");
  }

  @Test
  void listsRelayDomainsAndTunnelIdentifiersFromThreatObjects() throws IOException {
    Stories s = new Stories(10);
    s.add(event("1", 1, "h1", 20, "A", "domain", "X.devtunnels.ms", "tunnel_name", "erin-ws"));
    s.add(event("2", 2, "h2", 20, "A", "domain", "x.devtunnels.ms", "tunnel_port", "3389"));
    assertEquals(List.of("x.devtunnels.ms"), List.copyOf(s.domains().keySet()));
    assertEquals(2, s.domains().get("x.devtunnels.ms").count());
    assertEquals(List.of("h1", "h2"), s.domains().get("x.devtunnels.ms").subjects());
    assertEquals(2, s.tunnels().size());
    String html = render(s, 5);
    assertTrue(html.contains("<td>tunnel_name</td><td>erin-ws</td>"));
    assertTrue(html.contains("Catches A."), "the catalogue entry of the rule that fired");
  }

  @Test
  void aReportNeedsNoNetwork() throws IOException {
    Stories s = new Stories(10);
    s.add(event("1", 1, "h1", 20, "A"));
    String html = render(s, 5);
    assertTrue(html.contains("default-src 'none'"));
    assertFalse(Pattern.compile("(src|href)=\"(?!#)", Pattern.CASE_INSENSITIVE).matcher(html).find(),
        "no src or href other than a fragment");
  }
}
