package org.idetunnelrisk.modinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the built app archive (target/ide_tunnel_risk-VERSION.tgz, made by {@code mvn package}) the way
 * AppInspect would on the points we can check here, then runs the unpacked launcher as splunkd would for
 * {@code --scheme} and {@code --validate-arguments}. Runs in failsafe's integration-test phase.
 */
class AppPackageIT {
  private static final String TOP = "ide_tunnel_risk/";
  /** Splunk's own conf files we ship; every other default/*.conf is ours and needs a README spec. */
  private static final Set<String> SPLUNK_CONFS =
      Set.of("app", "macros", "props", "transforms", "collections", "savedsearches", "eventtypes", "tags");

  static Map<String, TarGz.Entry> entries;
  @TempDir static Path unpacked;

  @BeforeAll
  static void unpack() throws IOException {
    String tgz = System.getProperty("app.tgz");
    assertNotNull(tgz, "system property app.tgz is not set; run through mvn verify");
    entries = TarGz.read(Path.of(tgz));
    TarGz.extract(entries, unpacked);
  }

  private static ConfText conf(String path) throws IOException {
    return ConfText.read(unpacked.resolve(TOP + path));
  }

  @Test
  void oneTopFolderNamedAsAppId() throws IOException {
    for (String name : entries.keySet()) {
      assertTrue(name.startsWith(TOP) || name.equals("ide_tunnel_risk"), name);
    }
    assertEquals("ide_tunnel_risk", conf("default/app.conf").stanza("package").get("id"));
  }

  @Test
  void noLocalFolderNoLocalMetaNoLeftovers() {
    Pattern forbidden = Pattern.compile("(^|/)(local|target|\\.git|src)(/|$)|local\\.meta$|\\.class$|original-.*\\.jar$");
    for (String name : entries.keySet()) {
      assertTrue(!forbidden.matcher(name).find(), "must not ship " + name);
    }
  }

  @Test
  void specForEveryCustomConf() {
    List<String> missing = new ArrayList<>();
    for (String name : entries.keySet()) {
      if (name.startsWith(TOP + "default/") && name.endsWith(".conf") && name.indexOf('/', TOP.length() + 8) < 0) {
        String conf = name.substring((TOP + "default/").length(), name.length() - ".conf".length());
        if (!SPLUNK_CONFS.contains(conf) && !entries.containsKey(TOP + "README/" + conf + ".conf.spec")) {
          missing.add(conf);
        }
      }
    }
    assertEquals(List.of(), missing, "confs without README spec");
    for (String conf : List.of("ide_tunnel_risk", "inputs", "alert_actions")) {
      assertTrue(entries.containsKey(TOP + "README/" + conf + ".conf.spec"), conf);
    }
  }

  @Test
  void launchersExecutableOthersNot() {
    for (TarGz.Entry e : entries.values()) {
      if (e.isDirectory()) {
        assertEquals(0755, e.mode(), e.name());
      } else if (e.name().startsWith(TOP + "bin/") && e.name().endsWith(".sh")) {
        assertEquals(0755, e.mode(), e.name());
      } else {
        assertEquals(0644, e.mode(), e.name());
      }
    }
    for (String launcher : List.of("ide_tunnel_risk.sh", "ide_tunnel_risk.cmd", "ide_tunnel_risk_score.sh",
        "ide_tunnel_risk_score.cmd")) {
      assertTrue(entries.containsKey(TOP + "bin/" + launcher), launcher);
    }
  }

  @Test
  void appIconsAtTheSizesSplunkWebShows() throws IOException {
    Map<String, Integer> sizes = Map.of("static/appIcon.png", 36, "static/appIcon_2x.png", 72,
        "static/appIconAlt.png", 36, "static/appIconAlt_2x.png", 72, "appserver/static/ide_tunnel_risk_score.png", 48);
    for (Map.Entry<String, Integer> want : sizes.entrySet()) {
      String name = TOP + want.getKey();
      TarGz.Entry icon = entries.get(name);
      assertNotNull(icon, name);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(icon.data()));
      assertNotNull(image, name + " is not an image");
      assertEquals(want.getValue(), image.getWidth(), name + " width");
      assertEquals(want.getValue(), image.getHeight(), name + " height");
    }
  }

  @Test
  void versionsAgree() throws IOException {
    String pom = System.getProperty("project.version");
    String appConf = conf("default/app.conf").stanza("launcher").get("version");
    JsonObject manifest = JsonParser.parseString(TarGz.string(entries.get(TOP + "app.manifest"))).getAsJsonObject();
    JsonObject id = manifest.getAsJsonObject("info").getAsJsonObject("id");
    assertEquals(pom, appConf, "app.conf [launcher] version");
    assertEquals(pom, id.get("version").getAsString(), "app.manifest info.id.version");
    assertEquals("ide_tunnel_risk", id.get("name").getAsString());
    assertEquals("2.0.0", manifest.get("schemaVersion").getAsString());
    assertTrue(manifest.getAsJsonArray("supportedDeployments").contains(new com.google.gson.JsonPrimitive(
        "_search_head_clustering")), "the input writes from the captain only, so search head clusters are supported");
  }

  @Test
  void shadedJarWithMainClass() throws IOException {
    TarGz.Entry jar = entries.get(TOP + "lib/ide-tunnel-risk.jar");
    assertNotNull(jar, "lib/ide-tunnel-risk.jar");
    List<String> names = new ArrayList<>();
    Manifest manifest;
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar.data()))) {
      manifest = in.getManifest();
      for (var e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
        names.add(e.getName());
      }
    }
    assertEquals("org.idetunnelrisk.cli.Main", manifest.getMainAttributes().getValue("Main-Class"));
    assertTrue(names.contains("org/idetunnelrisk/modinput/ModularInputMain.class"));
    assertTrue(names.contains("com/google/gson/Gson.class"), "gson shaded in");
  }

  @Test
  void noBenchClassesInTheJarOrThePackage() throws IOException {
    List<String> bench = new ArrayList<>();
    for (String name : entries.keySet()) {
      if (name.contains("idetunnelrisk/bench")) {
        bench.add(name);
      }
    }
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(entries.get(TOP + "lib/ide-tunnel-risk.jar").data()))) {
      for (var e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
        if (e.getName().startsWith("org/idetunnelrisk/bench/")) {
          bench.add("lib/ide-tunnel-risk.jar!" + e.getName());
        }
      }
    }
    Path built = Path.of(System.getProperty("app.tgz")).resolveSibling("ide-tunnel-risk.jar");
    try (JarInputStream in = new JarInputStream(Files.newInputStream(built))) {
      for (var e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
        if (e.getName().startsWith("org/idetunnelrisk/bench/")) {
          bench.add(built.getFileName() + "!" + e.getName());
        }
      }
    }
    assertEquals(List.of(), bench, "bench classes ship only in ide-tunnel-risk-bench.jar");
    try (JarInputStream in = new JarInputStream(Files.newInputStream(built.resolveSibling("ide-tunnel-risk-bench.jar")))) {
      assertEquals("org.idetunnelrisk.bench.BenchCommand", in.getManifest().getMainAttributes().getValue("Main-Class"));
      assertEquals("ide-tunnel-risk.jar", in.getManifest().getMainAttributes().getValue("Class-Path"));
      List<String> names = new ArrayList<>();
      for (var e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
        names.add(e.getName());
      }
      assertTrue(names.contains("org/idetunnelrisk/bench/CorpusGenerator.class"), names::toString);
      assertTrue(names.stream().noneMatch(n -> n.endsWith("Test.class") || n.startsWith("org/idetunnelrisk/cli/")), names::toString);
    }
  }

  /**
   * AppInspect's cloud check check_for_binary_files_without_source_code passes a binary that a README file at
   * the app root declares under "# Binary File Declaration" (it lower-cases the README). Ours names the jar and
   * every library shaded into it, so a new dependency cannot slip in undeclared.
   */
  @Test
  void readmeTxtAtTheRootDeclaresEveryBinaryAndWhatTheJarHolds() throws IOException {
    TarGz.Entry readme = entries.get(TOP + "README.txt");
    assertNotNull(readme, "README.txt at the app root");
    String text = TarGz.string(readme);
    assertTrue(text.toLowerCase(java.util.Locale.ROOT).contains("# binary file declaration"), text);
    for (TarGz.Entry e : entries.values()) {
      if (e.type() == '0' && !e.name().endsWith(".png") && isBinary(e.data())) {
        assertTrue(text.contains(e.name().substring(TOP.length())), "README.txt does not declare " + e.name());
      }
    }
    Set<String> packages = new java.util.TreeSet<>();
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(entries.get(TOP + "lib/ide-tunnel-risk.jar")
        .data()))) {
      for (var e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
        String[] parts = e.getName().split("/");
        if (e.getName().endsWith(".class") && parts.length > 3) {
          packages.add(String.join(".", parts[0], parts[1], parts[2]));
        }
      }
    }
    assertTrue(packages.contains("com.google.gson"), packages.toString());
    for (String p : packages) {
      String parent = p.substring(0, p.lastIndexOf('.'));
      assertTrue(text.contains(p) || text.contains(parent + ".*"), "README.txt does not say the jar holds " + p);
    }
  }

  /** As git and file(1) tell binary from text: a NUL byte in the first 8000 bytes. */
  private static boolean isBinary(byte[] data) {
    for (int i = 0; i < Math.min(data.length, 8000); i++) {
      if (data[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Without alert.execute.cmd splunkd runs bin/&lt;action&gt;.sh on *nix and bin/&lt;action&gt;.cmd on Windows and
   * passes --execute; with it, the one named file is run on every platform.
   */
  @Test
  void alertActionsLeaveTheLauncherToSplunkd() throws IOException {
    ConfText alerts = conf("default/alert_actions.conf");
    for (Map.Entry<String, Map<String, String>> stanza : alerts.stanzas.entrySet()) {
      if (stanza.getKey().isEmpty()) {
        continue;
      }
      for (String key : stanza.getValue().keySet()) {
        assertTrue(!key.startsWith("alert.execute.cmd"), "[" + stanza.getKey() + "] " + key);
      }
      assertEquals(0755, entries.get(TOP + "bin/" + stanza.getKey() + ".sh").mode(), stanza.getKey());
      assertNotNull(entries.get(TOP + "bin/" + stanza.getKey() + ".cmd"), stanza.getKey());
    }
  }

  /** collections.conf.spec: field.&lt;name&gt; = number|bool|string|time. */
  @Test
  void collectionFieldsHaveTypesTheSpecKnows() throws IOException {
    ConfText collections = conf("default/collections.conf");
    int fields = 0;
    for (Map<String, String> stanza : collections.stanzas.values()) {
      for (Map.Entry<String, String> kv : stanza.entrySet()) {
        if (kv.getKey().startsWith("field.")) {
          fields++;
          assertTrue(Set.of("number", "bool", "string", "time").contains(kv.getValue()), kv.toString());
        }
      }
    }
    assertTrue(fields > 0);
  }

  @Test
  void manifestNamesTheLicenceAndShipsItsText() throws IOException {
    JsonObject manifest = JsonParser.parseString(TarGz.string(entries.get(TOP + "app.manifest"))).getAsJsonObject();
    JsonObject licence = manifest.getAsJsonObject("info").getAsJsonObject("license");
    assertEquals("Apache License 2.0", licence.get("name").getAsString());
    assertEquals("https://www.apache.org/licenses/LICENSE-2.0", licence.get("uri").getAsString());
    TarGz.Entry text = entries.get(TOP + licence.get("text").getAsString());
    assertNotNull(text, "app.manifest info.license.text names a file in the package");
    assertTrue(TarGz.string(text).contains("Apache License"));
    String notes = manifest.getAsJsonObject("info").getAsJsonObject("releaseNotes").get("text").getAsString();
    assertNotNull(entries.get(TOP + notes), notes);
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(Path launcher, String stdin, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(launcher.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("LD_LIBRARY_PATH");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(env);
    Path dir = Files.createTempDirectory(unpacked, "run");
    Path in = Files.writeString(dir.resolve("stdin"), stdin);
    pb.redirectInput(in.toFile());
    pb.redirectOutput(dir.resolve("stdout").toFile());
    pb.redirectError(dir.resolve("stderr").toFile());
    int exit = pb.start().waitFor();
    return new Run(exit, Files.readString(dir.resolve("stdout")), Files.readString(dir.resolve("stderr")));
  }

  private static Path launcher() {
    return unpacked.resolve(TOP + "bin/ide_tunnel_risk.sh");
  }

  @Test
  void schemeFromUnpackedLauncher() throws Exception {
    Run r = run(launcher(), "", Map.of(), "--scheme");
    assertEquals("", r.err());
    assertEquals(0, r.exit());
    assertEquals(Files.readString(Resources.ROOT.resolve("golden/scheme.xml"), StandardCharsets.UTF_8), r.out());
  }

  @Test
  void validArgumentsFromUnpackedLauncher() throws Exception {
    String items = Files.readString(Resources.ROOT.resolve("modinput/validation_item.xml"));
    Run r = run(launcher(), items, Map.of(), "--validate-arguments");
    assertEquals(new Run(0, "", ""), r);
  }

  @Test
  void invalidArgumentsFromUnpackedLauncher() throws Exception {
    String items = "<items><item name=\"x\"><param name=\"feeds\">sysmonn</param></item></items>";
    Run r = run(launcher(), items, Map.of(), "--validate-arguments");
    assertEquals(new Run(1, "<error><message>feeds: 'sysmonn' is not a feed; expected one of endpoint_processes,"
        + " sysmon, windows_security, crowdstrike, network_resolution, stream_dns, stream_http</message></error>\n",
        ""), r);
  }

  @Test
  void launcherRefusesJavaOlderThan17() throws Exception {
    Path fakeHome = Files.createTempDirectory(unpacked, "jdk11");
    Path java = Files.createDirectories(fakeHome.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = 11' >&2\necho 'openjdk version \"11.0.2\"' >&2\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Run r = run(launcher(), "", Map.of("JAVA_HOME", fakeHome.toString()), "--scheme");
    assertEquals(new Run(1, "", "FATAL ide_tunnel_risk: Java 11 at " + java
        + " is older than 17; set JAVA_HOME to Java 17 or later\n"), r);
  }
}
