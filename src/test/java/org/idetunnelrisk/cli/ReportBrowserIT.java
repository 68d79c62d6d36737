package org.idetunnelrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --report} opened in a real browser: Debian's {@code chromium}, headless, from a file path. The DOM
 * after the report's script ran has every risk object of the scan, each story's timeline has one point per risk
 * event of that risk object (counted from the scan's own JSON output), the console shows no error, and the page
 * makes no request (Chromium's net log holds no request made for the page other than the file itself). Screenshots of
 * the overview and of the top story are kept in {@code target/report-screenshots/}. A control page with a script
 * error and an outside image shows that the checks catch both. Skipped, saying so, where chromium is not installed
 * ({@code .ci/run} installs it).
 */
class ReportBrowserIT {
  private static final Path SHOTS = Path.of("target/report-screenshots");
  private static final Pattern CONSOLE = Pattern.compile("INFO:CONSOLE[^\\]]*\\] (.*)");
  private static final Pattern SECTION = Pattern.compile(
      "<section class=\"story\" id=\"[^\"]+\" data-subject=\"([^\"]*)\" data-events=\"(\\d+)\"(.*?)</section>",
      Pattern.DOTALL);
  private static final Pattern POINT = Pattern.compile("<circle class=\"point\"");
  private static String chromium;

  @TempDir Path dir;

  @BeforeAll
  static void findChromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
        if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
          chromium = Path.of(d, name).toString();
          return;
        }
      }
    }
    Assumptions.assumeTrue(false, "SKIPPED: no chromium on PATH (apt-get install chromium); the report was not"
        + " opened in a browser");
  }

  @Test
  void theReportOpensInABrowserWithEveryHostAndOnePointPerRiskEvent() throws Exception {
    Path report = dir.resolve("report.html");
    List<String> samples;
    try (Stream<Path> files = Files.list(Path.of("samples"))) {
      samples = files.filter(p -> !p.getFileName().toString().endsWith(".md")).map(Path::toString).sorted().toList();
    }
    List<String> args = new ArrayList<>(List.of("scan", "--report", report.toString()));
    args.addAll(samples);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(ExitCode.OK, code, err.toString(StandardCharsets.UTF_8));

    Map<String, Integer> perSubject = new TreeMap<>();
    int total = 0;
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        JsonObject e = JsonParser.parseString(line).getAsJsonObject();
        perSubject.merge(e.get("risk_object").getAsString(), 1, Integer::sum);
        total++;
      }
    }
    assertTrue(total > 10, "the samples give risk events: " + total);

    Browser b = open(report, "");
    assertEquals(List.of(), b.console, "console messages");
    assertEquals(List.of(), b.requests, "requests the page made beyond its own file");
    assertTrue(b.dom.contains("data-ready=\"" + total + "\""), "the script ran and counted " + total + " points");
    for (String subject : perSubject.keySet()) {
      assertTrue(b.dom.contains(">" + html(subject) + "<"), "risk object " + subject + " is in the report");
    }
    Matcher m = SECTION.matcher(b.dom);
    int stories = 0;
    while (m.find()) {
      stories++;
      String subject = unhtml(m.group(1));
      int points = count(POINT, m.group(3));
      assertEquals(perSubject.get(subject), points, "timeline points of " + subject);
      assertEquals(Integer.parseInt(m.group(2)), points, "data-events of " + subject);
    }
    assertEquals(Math.min(perSubject.size(), ScanCommand.REPORT_SUBJECTS), stories, "stories told in full");

    Files.createDirectories(SHOTS);
    screenshot(report, "", SHOTS.resolve("overview.png"));
    screenshot(report, "#show=story-1", SHOTS.resolve("story.png"));
  }

  @Test
  void theChecksCatchAScriptErrorAndARequestLeavingTheFile() throws Exception {
    Path bad = dir.resolve("bad.html");
    Files.writeString(bad, "<!DOCTYPE html><html><body><img src=\"http://example.invalid/x.png\">"
        + "<script>undefinedFunction();</script></body></html>");
    Browser b = open(bad, "");
    assertEquals(1, b.console.size(), String.valueOf(b.console));
    assertTrue(b.console.get(0).contains("undefinedFunction"), b.console.get(0));
    assertEquals(List.of("http://example.invalid/x.png"), b.requests);
  }

  /** What the browser showed: the DOM after scripts, console lines, and the page's requests. */
  private record Browser(String dom, List<String> console, List<String> requests) {}

  private Browser open(Path page, String fragment) throws Exception {
    Path netLog = dir.resolve("net-" + System.nanoTime() + ".json");
    List<String> cmd = new ArrayList<>(flags());
    cmd.add("--enable-logging=stderr");
    cmd.add("--v=0");
    cmd.add("--log-net-log=" + netLog);
    cmd.add("--dump-dom");
    cmd.add(page.toUri() + fragment);
    Run r = run(cmd);
    List<String> console = new ArrayList<>();
    Matcher m = CONSOLE.matcher(r.err);
    while (m.find()) {
      console.add(m.group(1));
    }
    return new Browser(r.out, console, pageRequests(netLog));
  }

  /**
   * URLs of the requests Chromium made for the page (their network isolation key is the file's), other than
   * {@code file:} and {@code data:} ones. The browser's own background requests have another key.
   */
  private static List<String> pageRequests(Path netLog) throws IOException {
    List<String> out = new ArrayList<>();
    JsonObject log = JsonParser.parseString(Files.readString(netLog)).getAsJsonObject();
    for (var ev : log.getAsJsonArray("events")) {
      JsonObject params = ev.getAsJsonObject().getAsJsonObject("params");
      if (params == null || !params.has("url") || !params.has("network_isolation_key")) {
        continue;
      }
      String url = params.get("url").getAsString();
      if (params.get("network_isolation_key").getAsString().startsWith("file://")
          && !url.startsWith("file:") && !url.startsWith("data:") && !out.contains(url)) {
        out.add(url);
      }
    }
    return out;
  }

  private void screenshot(Path page, String fragment, Path png) throws Exception {
    List<String> cmd = new ArrayList<>(flags());
    cmd.add("--hide-scrollbars");
    cmd.add("--window-size=1280,1600");
    cmd.add("--screenshot=" + png.toAbsolutePath());
    cmd.add(page.toUri() + fragment);
    run(cmd);
    byte[] head = Files.readAllBytes(png);
    assertTrue(head.length > 1000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G', png + " is a PNG");
  }

  private List<String> flags() {
    return List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
        "--no-first-run", "--no-default-browser-check", "--user-data-dir=" + dir.resolve("profile"));
  }

  private record Run(String out, String err) {}

  private static Run run(List<String> cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Path outFile = Files.createTempFile("chromium", ".out");
    Path errFile = Files.createTempFile("chromium", ".err");
    pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
    Process p = pb.start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String out = Files.readString(outFile);
    String err = Files.readString(errFile);
    Files.delete(outFile);
    Files.delete(errFile);
    assertTrue(done, "chromium did not finish within 120 s: " + String.join(" ", cmd));
    assertFalse(out.isEmpty() && cmd.contains("--dump-dom"), "chromium printed no DOM; stderr: " + err);
    return new Run(out, err);
  }

  private static int count(Pattern p, String s) {
    Matcher m = p.matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String unhtml(String s) {
    return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
