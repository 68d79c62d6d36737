package org.idetunnelrisk.spl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.idetunnelrisk.engine.Glob;
import org.idetunnelrisk.engine.LogSource;
import org.idetunnelrisk.engine.Matcher;
import org.idetunnelrisk.engine.RiskSpec;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.engine.ValueTest;
import org.junit.jupiter.api.Test;

class SplBuilderTest {
  private static final LogSource PROCESS = new LogSource("process_creation", "windows", null);
  private static final LogSource DNS = new LogSource("dns_query", null, null);

  private static Rule rule(String id, LogSource ls, Matcher m) {
    RiskSpec risk = new RiskSpec("m", List.of(), List.of(), List.of(), List.of(), List.of());
    return new Rule(id, id, Rule.searchNameFor(id), "medium", ls, m, risk, id + ".yml");
  }

  private static Matcher eq(String f, String v) {
    return new Matcher.Field(f, new ValueTest.Equals(v, false));
  }

  private static final Rule DEVTUNNEL = rule("devtunnel", PROCESS, new Matcher.AnyOf(List.of(
      eq("process_name", "devtunnel.exe"), eq("original_file_name", "devtunnel.dll"))));
  private static final Rule DNS_RULE = rule("dns", DNS, new Matcher.AnyOf(List.of(
      new Matcher.Field("query", new ValueTest.EndsWith(".devtunnels.ms", false)),
      eq("query", "devtunnels.ms"))));

  @Test
  void endpointFeedPushesRuleLiteralsIntoTstatsWhere() {
    SplBuilder.Search s = SplBuilder.build(Feed.ENDPOINT_PROCESSES, List.of(DEVTUNNEL, DNS_RULE));
    assertEquals(1, s.rules());
    assertEquals("| tstats `ide_tunnel_risk_summariesonly` count min(_time) as firstTime max(_time) as lastTime"
        + " values(Processes.original_file_name) as original_file_name"
        + " values(Processes.process_current_directory) as process_current_directory"
        + " values(Processes.process_hash) as process_hash values(Processes.vendor_product) as vendor_product"
        + " from datamodel=Endpoint.Processes where `ide_tunnel_risk_endpoint_processes_index`"
        + " (Processes.process_name=\"devtunnel.exe\" OR Processes.original_file_name=\"devtunnel.dll\")"
        + " by _time span=1s Processes.dest Processes.user Processes.process Processes.process_name"
        + " Processes.process_path Processes.parent_process Processes.parent_process_name"
        + " Processes.parent_process_path Processes.process_id Processes.parent_process_id"
        + " | `ide_tunnel_risk_drop_dm_object_name(Processes)` | `ide_tunnel_risk_endpoint_processes_filter`",
        s.spl());
  }

  @Test
  void dnsFeedSplitsByTheQueryEventAndGathersItsAnswers() {
    SplBuilder.Search s = SplBuilder.build(Feed.NETWORK_RESOLUTION, List.of(DNS_RULE));
    assertEquals("| tstats `ide_tunnel_risk_summariesonly` count min(_time) as firstTime max(_time) as lastTime"
        + " values(DNS.answer) as answer values(DNS.reply_code) as reply_code"
        + " values(DNS.vendor_product) as vendor_product"
        + " from datamodel=Network_Resolution.DNS where `ide_tunnel_risk_network_resolution_index`"
        + " (DNS.query=\"*.devtunnels.ms\" OR DNS.query=\"devtunnels.ms\")"
        + " by _time span=1s DNS.src DNS.dest DNS.query DNS.record_type"
        + " | `ide_tunnel_risk_drop_dm_object_name(DNS)` | `ide_tunnel_risk_network_resolution_filter`", s.spl());
  }

  @Test
  void rawFeedSearchesWholeTokensOfTheLiterals() {
    SplBuilder.Search s = SplBuilder.build(Feed.SYSMON, List.of(DEVTUNNEL, DNS_RULE));
    assertEquals(2, s.rules());
    assertEquals("search `ide_tunnel_risk_sysmon_index` EventCode IN (1, 3, 7, 11, 22) (devtunnel OR devtunnels)"
        + " | `ide_tunnel_risk_sysmon_filter` | fields _time _raw host source sourcetype", s.spl());
  }

  @Test
  void aBranchWithoutLiteralsDropsThePushdownRatherThanLoseRows() {
    Rule negated = rule("neg", PROCESS, new Matcher.Not(eq("process_name", "code.exe")));
    SplBuilder.Search s = SplBuilder.build(Feed.SYSMON, List.of(DEVTUNNEL, negated));
    assertEquals("search `ide_tunnel_risk_sysmon_index` EventCode IN (1, 3, 7, 11, 22)"
        + " | `ide_tunnel_risk_sysmon_filter` | fields _time _raw host source sourcetype", s.spl());
    assertTrue(s.note().contains("no literal"));
  }

  @Test
  void conjunctionKeepsEveryRenderablePart() {
    Rule tunnel = rule("tunnel", PROCESS, new Matcher.AllOf(List.of(
        new Matcher.Field("process", new ValueTest.Contains(" tunnel", false)),
        new Matcher.Field("process_name", new ValueTest.Equals("code-tunnel.exe", false)),
        new Matcher.Not(new Matcher.Field("process", new ValueTest.Contains(" tunnel kill", false))))));
    assertEquals("(tunnel tunnel*)", SplBuilder.render(Feed.SYSMON, tunnel.necessary()));
    assertEquals("(Processes.process_name=\"code-tunnel.exe\" Processes.process=\"* tunnel*\")",
        SplBuilder.render(Feed.ENDPOINT_PROCESSES, tunnel.necessary()));
  }

  @Test
  void branchesOnFieldsOutsideTheDatamodelDropOut() {
    Rule task = rule("task", PROCESS, new Matcher.Field("task_content", new ValueTest.Contains("tunnel", false)));
    assertEquals(SplBuilder.NEVER, SplBuilder.render(Feed.ENDPOINT_PROCESSES, task.necessary()));
    SplBuilder.Search s = SplBuilder.build(Feed.ENDPOINT_PROCESSES, List.of(task));
    assertNull(s.spl());
    assertEquals("no rule on feed endpoint_processes tests a field its rows have", s.note());
    Rule both = rule("both", PROCESS, new Matcher.AnyOf(List.of(task.detection(), eq("process_name", "devtunnel.exe"))));
    assertEquals("Processes.process_name=\"devtunnel.exe\"",
        SplBuilder.render(Feed.ENDPOINT_PROCESSES, both.necessary()));
    assertEquals("(devtunnel OR *tunnel*)", SplBuilder.render(Feed.SYSMON, both.necessary()));
  }

  @Test
  void rawTermsRespectOpenEndsAndBreakers() {
    assertEquals("allow", SplBuilder.rawTerm(new ValueTest.Contains("--allow-anonymous", false)));
    assertEquals("*tunnel*", SplBuilder.rawTerm(new ValueTest.Contains("tunnel", false)));
    assertEquals("devtunnels", SplBuilder.rawTerm(new ValueTest.EndsWith(".devtunnels.ms", false)));
    assertEquals("code*", SplBuilder.rawTerm(new ValueTest.StartsWith("code", false)));
    assertNull(SplBuilder.rawTerm(new ValueTest.Contains("-a", false)));
    assertEquals("*abc*", SplBuilder.rawTerm(new ValueTest.Equals("x+abc+y", false)));
    Glob g = new Glob("*\\servers\\stable-*\\node.exe", new boolean[27]);
    assertEquals("servers", SplBuilder.rawTerm(new ValueTest.Wildcard(g, false)));
  }

  @Test
  void quotingEscapesBackslashAndQuote() {
    assertEquals("\"C:\\\\Temp\\\\\\\"x\\\"\"", SplBuilder.quote("C:\\Temp\\\"x\""));
  }

  @Test
  void feedsCarryOnlyFittingRules() {
    assertTrue(Feed.SYSMON.carries(PROCESS));
    assertFalse(Feed.ENDPOINT_PROCESSES.carries(DNS));
    assertTrue(Feed.WINDOWS_SECURITY.carries(new LogSource(null, "windows", "security")));
    assertFalse(Feed.WINDOWS_SECURITY.carries(new LogSource(null, "windows", "system")));
    assertTrue(Feed.STREAM_DNS.carries(LogSource.ANY));
    assertEquals(0, SplBuilder.build(Feed.STREAM_HTTP, List.of(DEVTUNNEL)).rules());
  }
}
