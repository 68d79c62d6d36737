package org.idetunnelrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan DIR} and {@code scan -r DIR}: which files a folder gives, in which order, and what is said. */
class ScanFoldersTest {
  @TempDir Path dir;
  private Path rules;
  private Path logs;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static final String RULE = String.join("\n",
      "title: Devtunnel Test",
      "id: 11111111-2222-3333-4444-555555555555",
      "logsource: {category: process_creation}",
      "detection:",
      "  sel:",
      "    Image|endswith: '\\devtunnel.exe'",
      "  condition: sel",
      "level: low",
      "");

  @BeforeEach
  void setUp() throws IOException {
    rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("devtunnel.yml"), RULE);
    logs = Files.createDirectories(dir.resolve("logs"));
  }

  /** A JSON line that fires the rule on host {@code host}. */
  private static String hit(String host) {
    return "{\"Image\":\"C:\\\\x\\\\devtunnel.exe\",\"Computer\":\"" + host + "\",\"EventID\":\"1\"}\n";
  }

  private Path write(String relative, String text) throws IOException {
    Path p = logs.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** The {@code orig_location} of each risk event written (file:line), in output order. */
  private List<String> sources() {
    List<String> s = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        s.add(JsonParser.parseString(line).getAsJsonObject().get("orig_location").getAsString());
      }
    }
    return s;
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aFolderGivesItsFilesInNameOrderAndNotItsSubfoldersWithoutRecursive() throws IOException {
    write("b.jsonl", hit("ws-b"));
    write("a.jsonl", hit("ws-a"));
    write("sub/c.jsonl", hit("ws-c"));
    assertEquals(0, run("scan", "--rules", rules.toString(), logs.toString()));
    assertEquals(List.of(logs.resolve("a.jsonl") + ":1", logs.resolve("b.jsonl") + ":1"), sources());
    assertEquals(logs + ": skipped 1 subfolder (--recursive reads them)\n", stderr());
  }

  @Test
  void recursiveReadsSubfoldersDepthFirstInNameOrder() throws IOException {
    write("b.jsonl", hit("ws-b"));
    write("a/z.jsonl", hit("ws-az"));
    write("a/y/x.jsonl", hit("ws-ayx"));
    write("c.jsonl", hit("ws-c"));
    assertEquals(0, run("scan", "--rules", rules.toString(), "-r", logs.toString()));
    assertEquals(List.of(logs.resolve("a/y/x.jsonl") + ":1", logs.resolve("a/z.jsonl") + ":1",
        logs.resolve("b.jsonl") + ":1", logs.resolve("c.jsonl") + ":1"), sources());
    assertEquals("", stderr());
  }

  @Test
  void hiddenFilesAndFoldersAreSkippedWithACount() throws IOException {
    write("events.jsonl", hit("ws-1"));
    write("._events.jsonl", hit("resource-fork"));
    write(".DS_Store", hit("dot-file"));
    write("__MACOSX/events.jsonl", hit("macosx"));
    write(".git/x.jsonl", hit("git"));
    assertEquals(0, run("scan", "--rules", rules.toString(), "--recursive", logs.toString()));
    assertEquals(List.of(logs.resolve("events.jsonl") + ":1"), sources());
    assertEquals(logs + ": skipped 4 hidden entries (dot files, ._* resource forks, __MACOSX)\n", stderr());
  }

  @Test
  void aHiddenFileNamedOnTheCommandLineIsRead() throws IOException {
    Path fork = write(".named.jsonl", hit("ws-named"));
    assertEquals(0, run("scan", "--rules", rules.toString(), fork.toString()));
    assertEquals(List.of(fork + ":1"), sources());
  }

  @Test
  void aFolderWithNoFileToReadSaysSoAndExitsOne() throws IOException {
    Files.createDirectories(logs.resolve("sub"));
    write(".hidden.jsonl", hit("x"));
    assertEquals(1, run("scan", "--rules", rules.toString(), logs.toString()));
    assertEquals(logs + ": skipped 1 hidden entry (dot files, ._* resource forks, __MACOSX), 1 subfolder"
        + " (--recursive reads them)\n"
        + logs + ": a folder with no file to read (it has 1 subfolder; --recursive reads them)\n", stderr());
  }

  @Test
  void aBadFileInAFolderIsNamedAndTheOthersAreStillRead() throws IOException {
    write("a.jsonl", hit("ws-a") + "{not json\n");
    write("b.jsonl", hit("ws-b"));
    assertEquals(1, run("scan", "--rules", rules.toString(), logs.toString()));
    assertEquals(List.of(logs.resolve("a.jsonl") + ":1", logs.resolve("b.jsonl") + ":1"), sources());
    assertTrue(stderr().startsWith(logs.resolve("a.jsonl") + ":2: "), stderr());
  }

  @Test
  void aLinkBackUpTheTreeIsNotFollowedSoTheWalkEnds() throws IOException {
    write("a/events.jsonl", hit("ws-a"));
    Path link = logs.resolve("a/up");
    try {
      Files.createSymbolicLink(link, logs);
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links are not available here: " + e);
    }
    int code = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> run("scan", "--rules", rules.toString(), "-r", logs.toString()));
    assertEquals(0, code, stderr());
    assertEquals(List.of(logs.resolve("a/events.jsonl") + ":1"), sources());
    assertEquals(logs + ": skipped 1 link back to a folder being read (not followed)\n", stderr());
  }

  @Test
  void anArchiveInAFolderIsReadMemberByMemberUnderItsOwnPath() throws IOException {
    Path zip = logs.resolve("day1.zip");
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new java.util.zip.ZipEntry("host/events.jsonl"));
      z.write(hit("ws-zip").getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    assertEquals(0, run("scan", "--rules", rules.toString(), logs.toString()));
    assertEquals(List.of(zip + ":host/events.jsonl:1"), sources());
  }
}
