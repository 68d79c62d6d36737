package org.idetunnelrisk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idetunnelrisk.cli.Main;
import org.idetunnelrisk.spl.Feed;
import org.idetunnelrisk.splunk.emulator.FakeSplunk;
import org.idetunnelrisk.splunk.emulator.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content teams test offline what production will do: the same rows, with the same app and the same {@code local/}
 * (a disabled rule, a raised score, a content team's rule in place of a shipped one, an allowlisted host, an expired
 * allowlist row, a {@code local/fields.csv} line), through {@code scan --app}, the modular input polling the
 * emulator, and the alert action, give the same risk events: rule id, risk object and type, score, threat objects and
 * message, and id.
 */
class LocalTuningParityTest {
  static final String KEY = "parityTestSessionKey-3c9d";
  static final String PERSISTENCE = "01c91086-ceb5-4f00-a78a-5ebd4fc93e28";
  static final String DEVTUNNEL = "acd0c792-feb1-4f97-b3fb-534ee2854e37";
  static final String VSCODE_TUNNEL = "650b01de-8b2d-45ad-83db-8c121bff8e56";
  static final Pattern PAIR = Pattern.compile("([A-Za-z0-9_.]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  @TempDir Path dir;
  Path app;
  /** The rows each feed holds, in the order Splunk returns them; {@code _time} in epoch seconds. */
  final Map<Feed, List<Map<String, List<String>>>> rows = new LinkedHashMap<>();

  @BeforeEach
  void appAndRows() throws IOException {
    app = TestApp.create(dir.resolve("apps"));
    TestApp.write(app, "local/ide_tunnel_risk.conf", String.join("\n",
        "[settings]",
        "rules_dirs = rules, local/rules",
        "",
        "[rule:" + PERSISTENCE + "]",
        "disabled = 1",
        "",
        "[rule:" + DEVTUNNEL + "]",
        "score = 40",
        ""));
    String vscode = Files.readString(Path.of("app/rules/ide_tunnel_vscode_cli_tunnel.yml"));
    assertTrue(vscode.contains("message: \"VS Code CLI tunnel on"));
    TestApp.write(app, "local/rules/vscode_tunnel_team.yml",
        vscode.replace("message: \"VS Code CLI tunnel on", "message: \"TEAM: VS Code CLI tunnel on"));
    TestApp.write(app, "lookups/ide_tunnel_risk_allowlist_local.csv",
        "dest,user,process_path,parent_process_name,rule_id,expires,reason\n"
            + "LAPTOP-GRACE,,,,,2099-12-31,red team lab machine\n"
            + "WS-ERIN.corp.example.com,,,,,2000-01-01,pilot that ended\n");
    TestApp.write(app, "local/fields.csv", "Hostname,dest\n");

    rows.put(Feed.SYSMON, OneIdentityAcrossPathsTest.rawRows(Path.of("samples/sysmon_tunnel_day.xml"), "XmlWinEventLog"));
    rows.put(Feed.CROWDSTRIKE, OneIdentityAcrossPathsTest.rawRows(Path.of("samples/crowdstrike.jsonl"),
        "crowdstrike:events:sensor"));
    List<Map<String, List<String>>> processes = new ArrayList<>(OneIdentityAcrossPathsTest.processRows(1, 0));
    // A datamodel row whose add-on names the endpoint Hostname; Splunk's host is the forwarder.
    processes.add(OneIdentityAcrossPathsTest.row(OneIdentityAcrossPathsTest.TIME + 100, "host", "forwarder1",
        "Hostname", "ws-nx.corp", "user", "CORP\\nx", "process_name", "devtunnel.exe",
        "process_path", "C:\\tools\\devtunnel.exe", "process", "devtunnel.exe host -a",
        "parent_process_name", "cmd.exe"));
    rows.put(Feed.ENDPOINT_PROCESSES, processes);
  }

  @Test
  void scanWithTheAppGivesWhatTheModularInputAndTheAlertActionWrite() throws IOException {
    Set<String> modularInput = modularInput();
    Set<String> scan = scanWithApp();
    Set<String> alertAction = alertAction();

    assertFalse(modularInput.isEmpty());
    assertTrue(modularInput.stream().noneMatch(e -> e.contains("|" + PERSISTENCE + "|")), "disabled rule");
    assertTrue(modularInput.stream().noneMatch(e -> e.contains("|LAPTOP-GRACE|")), "allowlisted host");
    assertTrue(modularInput.stream().anyMatch(e -> e.contains("|" + DEVTUNNEL + "|WS-ERIN.corp.example.com|")),
        "an expired allowlist row suppresses nothing");
    assertTrue(modularInput.stream().filter(e -> e.contains("|" + DEVTUNNEL + "|"))
        .allMatch(e -> Integer.parseInt(e.split("\\|")[4]) >= 40), "raised score: " + modularInput);
    assertTrue(modularInput.stream().anyMatch(e -> e.contains("|" + VSCODE_TUNNEL + "|")));
    assertTrue(modularInput.stream().filter(e -> e.contains("|" + VSCODE_TUNNEL + "|"))
        .allMatch(e -> e.contains("|TEAM: VS Code CLI tunnel on ")), "the content team's rule replaced the shipped one");
    assertTrue(modularInput.stream().anyMatch(e -> e.contains("|" + DEVTUNNEL + "|ws-nx.corp|system|")),
        "local/fields.csv: Hostname before host for dest");

    // the tunnel chains too: the modular input correlates every feed's hits of a poll, as scan and the alert
    // action correlate theirs
    String chain = "|" + new org.idetunnelrisk.sigma.RuleLoader(org.idetunnelrisk.fields.FieldTable.shipped())
        .loadShipped().correlations().rules().stream().filter(c -> c.type().sigmaName().equals("temporal_ordered"))
        .findFirst().orElseThrow().id() + "|";
    assertTrue(modularInput.stream().anyMatch(e -> e.contains(chain)), "a chain: " + modularInput);
    assertEquals(scan, modularInput, "scan --app");
    assertEquals(alertAction, modularInput, "the alert action");
  }

  /** {@code id|rule_id|risk_object|risk_object_type|risk_score|risk_message|threat objects} of one risk event. */
  static String key(String id, String rule, String object, String type, String score, String message,
      List<String> threats) {
    return String.join("|", id, rule, object, type, score, message, String.join(";", threats));
  }

  /** The risk events splunkd accepted, as {@link #key}s. */
  static Set<String> written(List<RecordedRequest> accepted) {
    Set<String> out = new TreeSet<>();
    for (RecordedRequest r : accepted) {
      Map<String, List<String>> f = new LinkedHashMap<>();
      Matcher m = PAIR.matcher(r.body());
      while (m.find()) {
        f.computeIfAbsent(m.group(1), k -> new ArrayList<>())
            .add(m.group(2).replaceAll("\\\\(.)", "$1"));
      }
      out.add(key(one(f, "risk_event_id"), one(f, "rule_id"), one(f, "risk_object"), one(f, "risk_object_type"),
          one(f, "risk_score"), one(f, "risk_message"), f.getOrDefault("threat_object", List.of())));
    }
    return out;
  }

  static String one(Map<String, List<String>> f, String name) {
    List<String> v = f.get(name);
    assertTrue(v != null && v.size() == 1, name + " in " + f);
    return v.get(0);
  }

  Set<String> modularInput() throws IOException {
    try (FakeSplunk fake = FakeSplunk.http(KEY)) {
      FakeEstate estate = new FakeEstate(fake);
      fake.export().respondWith(estate);
      rows.forEach((feed, list) -> list.forEach(r -> {
        Map<String, List<String>> fields = new LinkedHashMap<>(r);
        estate.row(feed, Long.parseLong(fields.remove("_time").get(0)), fields);
      }));
      String err = Polls.run(fake, KEY, Files.createDirectories(dir.resolve("input")),
          "sysmon,crowdstrike,endpoint_processes", AppHome.at(app));
      assertTrue(err.contains("INFO " + app.resolve("local/rules/vscode_tunnel_team.yml") + ":2: rule '"
          + VSCODE_TUNNEL + "' replaces the shipped rule "), err);
      assertTrue(err.contains("allowlist entry expired on 2000-01-01"), err);
      return written(fake.receivers().accepted());
    }
  }

  Set<String> scanWithApp() throws IOException {
    List<String> args = new ArrayList<>(List.of("scan", "--app", app.toString()));
    for (Map.Entry<Feed, List<Map<String, List<String>>>> e : rows.entrySet()) {
      args.add(jsonExport(e.getValue(), dir.resolve(e.getKey().id() + ".json")).toString());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, stderr);
    assertTrue(stderr.contains(": info: rule '" + VSCODE_TUNNEL + "' replaces the shipped rule "), stderr);
    assertTrue(stderr.contains(": warning: allowlist entry expired on 2000-01-01"), stderr);
    Set<String> events = new TreeSet<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      JsonObject e = JsonParser.parseString(line).getAsJsonObject();
      List<String> threats = new ArrayList<>();
      JsonArray t = e.getAsJsonArray("threat_object");
      if (t != null) {
        for (JsonElement x : t) {
          threats.add(x.getAsString());
        }
      }
      events.add(key(e.get("risk_event_id").getAsString(), e.get("rule_id").getAsString(),
          e.get("risk_object").getAsString(), e.get("risk_object_type").getAsString(),
          e.get("risk_score").getAsString(), e.get("risk_message").getAsString(), threats));
    }
    return events;
  }

  Set<String> alertAction() throws IOException {
    Set<String> events = new TreeSet<>();
    try (FakeSplunk fake = FakeSplunk.http(KEY)) {
      for (Map.Entry<Feed, List<Map<String, List<String>>>> e : rows.entrySet()) {
        String sid = "scheduler__admin_" + e.getKey().id() + "_at_1_1";
        Path dispatch = Files.createDirectories(dir.resolve("home/var/run/splunk/dispatch").resolve(sid));
        Path results = OneIdentityAcrossPathsTest.csv(e.getValue(), dispatch.resolve("results.csv.gz"), true);
        AlertRun a = AlertRun.run(AppHome.at(app), fake.uri(), KEY, sid, "Corp Hunt", results, "\"rules\":\"auto\"",
            dir.resolve("home"), Clock.fixed(PollerTest.T, ZoneOffset.UTC));
        assertEquals(0, a.exit(), a.err());
      }
      events.addAll(written(fake.receivers().accepted()));
    }
    return events;
  }

  /** The rows as a Splunk JSON export: one {@code {"preview":false,"result":{...}}} per line. */
  static Path jsonExport(List<Map<String, List<String>>> rows, Path to) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Map<String, List<String>> r : rows) {
      JsonObject result = new JsonObject();
      r.forEach((k, v) -> {
        if (v.size() == 1) {
          result.addProperty(k, v.get(0));
        } else {
          JsonArray a = new JsonArray();
          v.forEach(a::add);
          result.add(k, a);
        }
      });
      JsonObject line = new JsonObject();
      line.addProperty("preview", false);
      line.add("result", result);
      sb.append(line).append('\n');
    }
    return Files.writeString(to, sb);
  }
}
