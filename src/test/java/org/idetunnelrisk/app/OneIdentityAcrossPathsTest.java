package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idetunnelrisk.cli.Main;
import org.idetunnelrisk.modinput.ModularInputMain;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.spl.Feed;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.idetunnelrisk.splunk.emulator.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same Splunk rows through the three paths, with the shipped rules: {@code scan} over an export of them
 * (JSON export rows, as Splunk Web exports them with an ISO {@code _time}, and a CSV export), the alert action
 * over a gzipped results file (as splunkd writes it: epoch {@code _time}, {@code __mv_} columns), and the
 * modular input polling the emulator that holds them (export rows with an epoch {@code _time}). Each path must
 * give the same, non-empty set of {@code risk_event_id}s, for every kind of feed.
 */
class OneIdentityAcrossPathsTest {
  static final String KEY = "identityTestSessionKey-5e2b";
  static final Pattern ID = Pattern.compile("risk_event_id=\"([0-9a-f]+)\"");
  /** How Splunk writes {@code _time} in a JSON export: {@code 2026-11-23T12:00:00.000+00:00}. */
  static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);
  /** Inside the modular input's first window at {@link PollerTest#T}. */
  static final long TIME = PollerTest.IN_WINDOW;

  @TempDir Path dir;

  /** One result row: field name to values, in the order Splunk writes the columns. */
  static Map<String, List<String>> row(long time, Object... nameValues) {
    Map<String, List<String>> r = new LinkedHashMap<>();
    r.put("_time", List.of(Long.toString(time)));
    for (int i = 0; i < nameValues.length; i += 2) {
      Object v = nameValues[i + 1];
      @SuppressWarnings("unchecked")
      List<String> values = v instanceof List<?> l ? (List<String>) l : List.of((String) v);
      r.put((String) nameValues[i], values);
    }
    return r;
  }

  /**
   * The sample Endpoint.Processes rows as tstats gives them: one second each, with {@code count},
   * {@code firstTime}, {@code lastTime}, and tstats' {@code null} for a split-by field without a value.
   */
  static List<Map<String, List<String>>> processRows(int count, long lastTimeOffset) throws IOException {
    List<Map<String, List<String>>> out = new ArrayList<>();
    try (RecordReader r = Readers.open(Path.of("samples/cim_processes.csv"))) {
      long t = TIME;
      for (Record rec; (rec = r.next()) != null; t++) {
        Map<String, List<String>> row = row(t);
        rec.fields().forEach((k, v) -> {
          if (!k.equals("_time")) {
            row.put(k, v);
          }
        });
        row.putIfAbsent("parent_process_path", List.of("null"));
        row.put("process_hash", List.of("null"));
        row.put("count", List.of(Integer.toString(count)));
        row.put("firstTime", List.of(Long.toString(t)));
        row.put("lastTime", List.of(Long.toString(t + lastTimeOffset)));
        out.add(row);
      }
    }
    return out;
  }

  /**
   * Network_Resolution.DNS rows split by the query, with the answers as {@code values()}: renamed to
   * {@code answer} (as ESCU searches do) and not renamed.
   */
  static List<Map<String, List<String>>> dnsRows(int count, List<String> answers) {
    return List.of(
        row(TIME, "src", "10.1.5.23", "dest", "10.0.0.53", "query", "x1y2-443.euw.devtunnels.ms", "record_type", "A",
            "reply_code", "NoError", "count", Integer.toString(count), "answer", answers),
        row(TIME + 1, "src", "10.1.5.24", "dest", "10.0.0.53", "query", "global.rel.tunnels.api.visualstudio.com",
            "record_type", "A", "count", Integer.toString(count), "values(DNS.answer)", answers),
        row(TIME + 2, "src", "10.1.5.25", "dest", "10.0.0.53", "query", "www.example.com", "record_type", "A",
            "count", Integer.toString(count), "answer", answers));
  }

  /** Each line of a one-event-per-line file as a raw event row, with the fields a raw search returns. */
  static List<Map<String, List<String>>> rawRows(Path file, String sourcetype) throws IOException {
    List<Map<String, List<String>>> out = new ArrayList<>();
    long t = TIME;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(row(t++, "_raw", line, "host", "forwarder1", "source", file.getFileName().toString(), "sourcetype",
            sourcetype, "_cd", "3:" + t, "_indextime", Long.toString(t + 30), "splunk_server", "idx1"));
      }
    }
    return out;
  }

  @Test
  void tstatsProcessRowsWithTheirAggregatesGetOneIdOnEveryPath() throws IOException {
    assertOneIdentity(Feed.ENDPOINT_PROCESSES, processRows(1, 0), processRows(1, 0));
  }

  @Test
  void dnsRowsWithMultivalueAnswersGetOneIdOnEveryPath() throws IOException {
    assertOneIdentity(Feed.NETWORK_RESOLUTION, dnsRows(1, List.of("20.42.65.88", "20.42.65.89")),
        dnsRows(1, List.of("20.42.65.88", "20.42.65.89")));
  }

  @Test
  void rawSysmonXmlGetsOneIdOnEveryPath() throws IOException {
    List<Map<String, List<String>>> rows = rawRows(Path.of("samples/sysmon_tunnel_day.xml"), "XmlWinEventLog");
    assertOneIdentity(Feed.SYSMON, rows, rows);
  }

  @Test
  void rawCrowdStrikeJsonGetsOneIdOnEveryPath() throws IOException {
    List<Map<String, List<String>>> rows = rawRows(Path.of("samples/crowdstrike.jsonl"), "crowdstrike:events:sensor");
    assertOneIdentity(Feed.CROWDSTRIKE, rows, rows);
  }

  /** Each event of a classic WinEventLog text file as a raw event row, as a search of that sourcetype returns it. */
  static List<Map<String, List<String>>> classicRows(Path file) throws IOException {
    List<Map<String, List<String>>> out = new ArrayList<>();
    long t = TIME;
    try (RecordReader r = Readers.open(file)) {
      for (Record rec; (rec = r.next()) != null; t++) {
        out.add(row(t, "_raw", rec.raw(), "host", "forwarder1", "source", "WinEventLog:Security", "sourcetype",
            "WinEventLog", "splunk_server", "idx1"));
      }
    }
    return out;
  }

  @Test
  void classicWinEventLogRawGetsTheIdsOfItsXmlTwinOnEveryPath() throws IOException {
    String chain = "src/test/resources/events/%s/ide_tunnel_chain_established/devtunnel_4688_then_task_4698.%s";
    List<Map<String, List<String>>> classic = classicRows(Path.of(String.format(chain, "wineventlog", "log")));
    List<Map<String, List<String>>> xml =
        rawRows(Path.of(String.format(chain, "winsecurity", "xml")), "XmlWinEventLog");
    assertEquals(2, classic.size());
    assertOneIdentity(Feed.WINDOWS_SECURITY, classic, classic);
    Set<String> fromXml = modularInput(Feed.WINDOWS_SECURITY, xml);
    assertEquals(4, fromXml.size(), "4688, 4698 (host and user) and their chain");
    assertEquals(fromXml, modularInput(Feed.WINDOWS_SECURITY, classic),
        "the same events in classic text and in XML are the same risk events");
  }

  /**
   * The modular input polled a bucket before an event arrived late in it; the alert action and scan read the
   * bucket after: count, lastTime and the answers changed, the ids did not (the risk is not written twice).
   */
  @Test
  void lateEventInTheSameTstatsBucketKeepsEveryId() throws IOException {
    assertOneIdentity(Feed.ENDPOINT_PROCESSES, processRows(1, 0), processRows(2, 1));
    assertOneIdentity(Feed.NETWORK_RESOLUTION, dnsRows(1, List.of("20.42.65.88")),
        dnsRows(3, List.of("20.42.65.88", "20.42.65.89")));
  }

  /** The ids of {@code early} through the modular input equal those of {@code late} through every other path. */
  void assertOneIdentity(Feed feed, List<Map<String, List<String>>> early, List<Map<String, List<String>>> late)
      throws IOException {
    Set<String> modularInput = modularInput(feed, early);
    Set<String> scanJson = scan(jsonExport(late));
    Set<String> scanCsv = scan(csv(late, dir.resolve("export.csv"), false));
    Set<String> alertAction = alertAction(late);
    assertFalse(modularInput.isEmpty(), "no risk event on feed " + feed.id());
    assertEquals(modularInput, scanJson, "scan over a JSON export");
    assertEquals(modularInput, scanCsv, "scan over a CSV export");
    assertEquals(modularInput, alertAction, "the alert action");
  }

  Set<String> scan(Path file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"scan", file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    Set<String> ids = new TreeSet<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        ids.add(JsonParser.parseString(line).getAsJsonObject().get("risk_event_id").getAsString());
      }
    }
    return ids;
  }

  Set<String> alertAction(List<Map<String, List<String>>> rows) throws IOException {
    Path dispatch = Files.createDirectories(dir.resolve("home/var/run/splunk/dispatch/scheduler__admin_x_at_1_1"));
    Path results = csv(rows, dispatch.resolve("results.csv.gz"), true);
    try (FakeSplunk fake = FakeSplunk.http(KEY)) {
      AlertRun a = AlertRun.run(AppHome.at(null), fake.uri(), KEY, "scheduler__admin_x_at_1_1", "Corp Hunt", results,
          "\"rules\":\"auto\"", dir.resolve("home"), Clock.fixed(PollerTest.T, ZoneOffset.UTC));
      assertEquals(0, a.exit(), a.err());
      return ids(fake.receivers().accepted());
    }
  }

  Set<String> modularInput(Feed feed, List<Map<String, List<String>>> rows) throws IOException {
    Path checkpoints = Files.createTempDirectory(dir, "checkpoints");
    try (FakeSplunk fake = FakeSplunk.http(KEY)) {
      fake.kvStore().declare("ide_tunnel_risk_state");
      FakeEstate estate = new FakeEstate(fake);
      fake.export().respondWith(estate);
      for (Map<String, List<String>> r : rows) {
        Map<String, List<String>> fields = new LinkedHashMap<>(r);
        long time = Long.parseLong(fields.remove("_time").get(0));
        estate.row(feed, time, fields);
      }
      String definition = "<input><server_host>sh1</server_host><server_uri>" + fake.uri() + "</server_uri>"
          + "<session_key>" + KEY + "</session_key><checkpoint_dir>" + checkpoints + "</checkpoint_dir>"
          + "<configuration><stanza name=\"ide_tunnel_risk://corp\" app=\"ide_tunnel_risk\">"
          + "<param name=\"feeds\">" + feed.id() + "</param><param name=\"interval\">3600</param>"
          + "</stanza></configuration></input>";
      Clock clock = Clock.fixed(PollerTest.T, ZoneOffset.UTC);
      Poller poller = new Poller(AppHome.at(null), clock, b -> b.backoff(Duration.ofMillis(1), Duration.ofMillis(2)));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit = new ModularInputMain(poller, clock).run(new String[0],
          new ByteArrayInputStream(definition.getBytes(StandardCharsets.UTF_8)),
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
      assertTrue(out.toString(StandardCharsets.UTF_8).contains("status=ok"), out.toString(StandardCharsets.UTF_8));
      List<RecordedRequest> searches = fake.requests("/services/search/jobs/export");
      assertEquals(1, searches.size(), "one export search");
      assertTrue(searches.get(0).form().get("search").contains("`" + feed.indexMacro() + "`"));
      return ids(fake.receivers().accepted());
    }
  }

  static Set<String> ids(List<RecordedRequest> accepted) {
    Set<String> ids = new TreeSet<>();
    for (RecordedRequest r : accepted) {
      Matcher m = ID.matcher(r.body());
      assertTrue(m.find(), r.body());
      ids.add(m.group(1));
    }
    return ids;
  }

  /** The rows as Splunk Web's JSON export writes them: export rows, _time in ISO form, multivalues as arrays. */
  Path jsonExport(List<Map<String, List<String>>> rows) throws IOException {
    StringBuilder sb = new StringBuilder();
    int offset = 0;
    for (Map<String, List<String>> r : rows) {
      JsonObject result = new JsonObject();
      r.forEach((k, v) -> {
        if (k.equals("_time")) {
          result.addProperty(k, ISO.format(Instant.ofEpochSecond(Long.parseLong(v.get(0)))));
        } else if (v.size() == 1) {
          result.addProperty(k, v.get(0));
        } else {
          JsonArray a = new JsonArray();
          v.forEach(a::add);
          result.add(k, a);
        }
      });
      JsonObject line = new JsonObject();
      line.addProperty("preview", false);
      line.addProperty("offset", offset++);
      line.add("result", result);
      sb.append(line).append('\n');
    }
    Path p = dir.resolve("export.json");
    Files.writeString(p, sb);
    return p;
  }

  /**
   * The rows as splunkd writes a results file: every column quoted, each followed by its {@code __mv_}
   * column ({@code $a$;$b$} for a multivalue, empty otherwise), multivalues joined by newlines in the plain column.
   */
  static Path csv(List<Map<String, List<String>>> rows, Path to, boolean gzip) throws IOException {
    Set<String> columns = new java.util.LinkedHashSet<>();
    rows.forEach(r -> columns.addAll(r.keySet()));
    StringBuilder sb = new StringBuilder();
    List<String> header = new ArrayList<>();
    for (String c : columns) {
      header.add(quote(c));
      header.add(quote("__mv_" + c));
    }
    sb.append(String.join(",", header)).append('\n');
    for (Map<String, List<String>> r : rows) {
      List<String> cells = new ArrayList<>();
      for (String c : columns) {
        List<String> v = r.getOrDefault(c, List.of());
        cells.add(quote(String.join("\n", v)));
        cells.add(quote(v.size() < 2 ? "" : "$" + String.join("$;$", v.stream().map(x -> x.replace("$", "$$")).toList()) + "$"));
      }
      sb.append(String.join(",", cells)).append('\n');
    }
    if (gzip) {
      ResultsScorerTest.gzip(sb.toString(), to);
    } else {
      Files.writeString(to, sb);
    }
    return to;
  }

  static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
