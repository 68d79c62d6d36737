package org.idetunnelrisk.modinput;

import org.idetunnelrisk.spl.Feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModularInputMainTest {
  private final FakeStanzaRunner runner = new FakeStanzaRunner();
  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1_790_860_000_123L), ZoneOffset.UTC);
  private final ModularInputMain main = new ModularInputMain(runner, clock);
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(InputStream in, String... args) {
    return main.run(args, in, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void schemePrintsGoldenAndExitsZero() throws IOException {
    assertEquals(0, run(Resources.text(""), "--SCHEME"));
    assertEquals(Files.readString(Resources.ROOT.resolve("golden/scheme.xml")), out());
    assertEquals("", err());
  }

  @Test
  void validArgumentsPrintNothing() {
    assertEquals(0, run(Resources.file("modinput/validation_item.xml"), "--validate-arguments"));
    assertEquals("", out());
    assertEquals("", err());
  }

  @Test
  void invalidArgumentsPrintErrorDocument() {
    String xml = "<items><session_key>SeCrEtKeY123</session_key><item name=\"corp\">"
        + "<param name=\"max_rows\">0</param><param name=\"window\">-70x</param></item></items>";
    assertEquals(1, run(Resources.text(xml), "--validate-arguments"));
    assertEquals("<error><message>window: '-70x' is not a Splunk relative time like -70m@m; max_rows: must be a"
        + " whole number from 1 to 10000000 but was '0'</message></error>\n", out());
    assertEquals("", err());
  }

  @Test
  void aJunkCaFileFailsValidationNamingTheSettingAndTheFile(@TempDir Path dir) throws IOException {
    Path junk = Files.writeString(dir.resolve("cacert.pem"), "");
    String xml = "<items><session_key>SeCrEtKeY123</session_key><item name=\"corp\">"
        + "<param name=\"ca_cert_path\">" + junk + "</param></item></items>";
    assertEquals(1, run(Resources.text(xml), "--validate-arguments"));
    assertEquals("<error><message>ca_cert_path: '" + junk + "' holds no certificate; expected the PEM certificate(s)"
        + " of the CA that signed splunkd's certificate (-----BEGIN CERTIFICATE-----)</message></error>\n", out());
    assertEquals("", err());
  }

  @Test
  void errorDocumentEscapesAndMasks() {
    String xml = "<items><session_key>SeCrEtKeY123</session_key><item name=\"corp\">"
        + "<param name=\"feeds\">&lt;SeCrEtKeY123&gt;</param></item></items>";
    assertEquals(1, run(Resources.text(xml), "--validate-arguments"));
    assertEquals("<error><message>feeds: '&lt;****&gt;' is not a feed; expected one of endpoint_processes,"
        + " sysmon, windows_security, crowdstrike, network_resolution, stream_dns, stream_http</message></error>\n",
        out());
  }

  @Test
  void malformedValidationDocumentIsAnErrorDocument() {
    assertEquals(1, run(Resources.text("<!DOCTYPE x><items/>"), "--validate-arguments"));
    assertEquals("<error><message>validation items: line 1: DOCTYPE is not allowed</message></error>\n", out());
  }

  @Test
  void unknownArgumentIsOneErrorLine() {
    assertEquals(1, run(Resources.text(""), "--execute", "x"));
    assertEquals("", out());
    assertEquals("ERROR Invalid arguments to modular input ide_tunnel_risk: '--execute x'; expected --scheme,"
        + " --validate-arguments, or no argument\n", err());
    assertEquals(List.of(), runner.calls);
  }

  @Test
  void runModeCallsRunnerAndWritesSummary() {
    assertEquals(0, run(Resources.file("modinput/input_one_stanza.xml")));
    assertEquals(1, runner.calls.size());
    assertEquals(List.of(Feed.SYSMON, Feed.CROWDSTRIKE), runner.calls.get(0).feeds());
    assertEquals("<stream>\n<event stanza=\"ide_tunnel_risk://corp_endpoints\" unbroken=\"1\">"
        + "<time>1790860000.123</time><source>ide_tunnel_risk://corp_endpoints</source>"
        + "<sourcetype>ide_tunnel_risk:run</sourcetype><index>_internal</index><host>sh1</host>"
        + "<data>status=ok input=corp_endpoints feeds=sysmon,crowdstrike window=-70m@m lag=-10m@m dry_run=0"
        + " rows_read=42 hits=3 risk_events=3 risk_events_written=2 duration_ms=0</data><done/></event>\n"
        + "</stream>\n", out());
    assertEquals("INFO polling corp_endpoints with key ****\n", err());
  }

  @Test
  void summaryGoesToStanzaIndexAndCarriesExtraCounts() {
    runner.summary = new RunSummary(1, 0, 0, 0, Map.of("searches", "5"));
    String xml = "<input><server_host>sh9</server_host><configuration><stanza name=\"ide_tunnel_risk://b\">"
        + "<param name=\"index\">ops</param><param name=\"dry_run\">1</param><param name=\"feeds\">sysmon</param>"
        + "</stanza></configuration></input>";
    assertEquals(0, run(Resources.text(xml)));
    assertEquals("<stream>\n<event stanza=\"ide_tunnel_risk://b\" unbroken=\"1\"><time>1790860000.123</time>"
        + "<source>ide_tunnel_risk://b</source><sourcetype>ide_tunnel_risk:run</sourcetype><index>ops</index>"
        + "<host>sh9</host><data>status=ok input=b feeds=sysmon window=-70m@m lag=-10m@m dry_run=1 rows_read=1"
        + " hits=0 risk_events=0 risk_events_written=0 duration_ms=0 searches=5</data><done/></event>\n"
        + "</stream>\n", out());
  }

  @Test
  void runnerFailureIsOneErrorLineAndAFailedSummaryWithoutKey() {
    runner.failure = new IllegalStateException("search failed: HTTP 401 for key SeCrEtKeY123");
    assertEquals(1, run(Resources.file("modinput/input_one_stanza.xml")));
    assertEquals("<stream>\n<event stanza=\"ide_tunnel_risk://corp_endpoints\" unbroken=\"1\">"
        + "<time>1790860000.123</time><source>ide_tunnel_risk://corp_endpoints</source>"
        + "<sourcetype>ide_tunnel_risk:run</sourcetype><index>_internal</index><host>sh1</host>"
        + "<data>status=failed reason=\"search failed: HTTP 401 for key ****\" input=corp_endpoints"
        + " feeds=sysmon,crowdstrike window=-70m@m lag=-10m@m dry_run=0 rows_read=0 hits=0 risk_events=0"
        + " risk_events_written=0 duration_ms=0</data><done/></event>\n</stream>\n", out());
    assertEquals("ERROR ide_tunnel_risk://corp_endpoints: search failed: HTTP 401 for key ****\n", err());
  }

  @Test
  void failedSummaryGoesToTheStanzaIndexLikeAnyOther() {
    runner.failure = new java.io.IOException("local/ide_tunnel_risk.conf:3: expected 'key = value' but was 'x'");
    String xml = "<input><configuration><stanza name=\"ide_tunnel_risk://b\"><param name=\"index\">ops</param>"
        + "</stanza></configuration></input>";
    assertEquals(1, run(Resources.text(xml)));
    assertTrue(out().contains("<index>ops</index>"), out());
    assertTrue(out().contains("<data>status=failed reason=\"local/ide_tunnel_risk.conf:3: expected 'key = value' but"
        + " was 'x'\" input=b "), out());
  }

  @Test
  void runnerFailureWithoutMessageNamesItsType() {
    runner.failure = new NullPointerException();
    assertEquals(1, run(Resources.file("modinput/input_one_stanza.xml")));
    assertEquals("ERROR ide_tunnel_risk://corp_endpoints: failed with NullPointerException\n", err());
  }

  @Test
  void badStanzaSettingsSkipRunnerButOtherStanzasRun() {
    String xml = "<input><configuration>"
        + "<stanza name=\"ide_tunnel_risk://bad\"><param name=\"lag\">-10x</param></stanza>"
        + "<stanza name=\"ide_tunnel_risk://good\"/>"
        + "</configuration></input>";
    assertEquals(1, run(Resources.text(xml)));
    assertEquals(1, runner.calls.size());
    assertEquals("good", runner.calls.get(0).name());
    assertEquals("ERROR ide_tunnel_risk://bad: lag: '-10x' is not a Splunk relative time like -10m@m\n"
        + "INFO polling good with key \n", err());
    assertEquals("<stream>\n<event stanza=\"ide_tunnel_risk://bad\" unbroken=\"1\"><time>1790860000.123</time>"
        + "<source>ide_tunnel_risk://bad</source><sourcetype>ide_tunnel_risk:run</sourcetype><index>_internal</index>"
        + "<data>status=failed reason=\"lag: '-10x' is not a Splunk relative time like -10m@m\" input=bad rows_read=0"
        + " hits=0 risk_events=0 risk_events_written=0 duration_ms=0</data><done/></event>\n"
        + "<event stanza=\"ide_tunnel_risk://good\" unbroken=\"1\"><time>1790860000.123</time>"
        + "<source>ide_tunnel_risk://good</source><sourcetype>ide_tunnel_risk:run</sourcetype><index>_internal</index>"
        + "<data>status=ok input=good feeds=endpoint_processes,sysmon,windows_security,crowdstrike,network_resolution"
        + " window=-70m@m lag=-10m@m dry_run=0 rows_read=42 hits=3 risk_events=3 risk_events_written=2 duration_ms=0"
        + "</data><done/></event>\n</stream>\n", out());
  }

  @Test
  void malformedInputDefinitionIsOneErrorLineAndAFailedSummary() {
    assertEquals(1, run(Resources.file("hostile/modinput/doctype_xxe.xml")));
    assertEquals("<stream>\n<event unbroken=\"1\"><time>1790860000.123</time><source>ide_tunnel_risk</source>"
        + "<sourcetype>ide_tunnel_risk:run</sourcetype><index>_internal</index><data>status=failed"
        + " reason=\"input definition: line 2: DOCTYPE is not allowed\" rows_read=0 hits=0 risk_events=0"
        + " risk_events_written=0 duration_ms=0</data><done/></event>\n"
        + "</stream>\n", out());
    assertEquals("ERROR input definition: line 2: DOCTYPE is not allowed\n", err());
    assertEquals(List.of(), runner.calls);
  }

  @Test
  void noStanzaIsAWarning() {
    assertEquals(0, run(Resources.text("<input><configuration/></input>")));
    assertEquals("", out());
    assertEquals("WARN input definition has no stanza; nothing to do\n", err());
  }

  @Test
  void keyNeverPrinted() {
    runner.failure = new RuntimeException("SeCrEtKeY123");
    run(Resources.file("modinput/input_one_stanza.xml"));
    assertFalse(out().contains("SeCrEtKeY123"));
    assertFalse(err().contains("SeCrEtKeY123"));
  }

  /** The README's and README.txt's searches for run summaries find them in _internal and in any index an input names. */
  @Test
  void documentedSummarySearchesFindTheSummaryWhereverItGoes() throws IOException {
    int searches = 0;
    for (Path doc : List.of(Path.of("README.md"), Path.of("app/README.txt"))) {
      for (String line : Files.readAllLines(doc)) {
        if (line.contains("sourcetype=" + ModularInputMain.RUN_SOURCETYPE)) {
          searches++;
          assertTrue(line.contains("(index=" + ModularInputMain.RUN_INDEX + " OR index=*)"), doc + ": " + line);
        }
      }
    }
    assertTrue(searches >= 3, "the README's run-summary and check-it-works searches and README.txt's");
  }
}
