package org.idetunnelrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
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
  private Path logs;
  private ScanRun scan;

  @BeforeEach
  void setUp() throws IOException {
    scan = new ScanRun(dir);
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

  /** The {@code orig_location} of each risk event written (file:line), in output order. */
  private List<String> sources() {
    List<String> s = new ArrayList<>();
    for (String line : scan.stdout().split("\n")) {
      if (!line.isBlank()) {
        s.add(JsonParser.parseString(line).getAsJsonObject().get("orig_location").getAsString());
      }
    }
    return s;
  }

  @Test
  void aFolderGivesItsFilesInNameOrderAndNotItsSubfoldersWithoutRecursive() throws IOException {
    write("b.jsonl", hit("ws-b"));
    write("a.jsonl", hit("ws-a"));
    write("sub/c.jsonl", hit("ws-c"));
    assertEquals(0, scan.scan(logs.toString()));
    assertEquals(List.of(logs.resolve("a.jsonl") + ":1", logs.resolve("b.jsonl") + ":1"), sources());
    assertEquals(logs + ": skipped 1 subfolder (--recursive reads them)\n", scan.stderr());
  }

  @Test
  void recursiveReadsSubfoldersDepthFirstInNameOrder() throws IOException {
    write("b.jsonl", hit("ws-b"));
    write("a/z.jsonl", hit("ws-az"));
    write("a/y/x.jsonl", hit("ws-ayx"));
    write("c.jsonl", hit("ws-c"));
    assertEquals(0, scan.scan("-r", logs.toString()));
    assertEquals(List.of(logs.resolve("a/y/x.jsonl") + ":1", logs.resolve("a/z.jsonl") + ":1",
        logs.resolve("b.jsonl") + ":1", logs.resolve("c.jsonl") + ":1"), sources());
    assertEquals("", scan.stderr());
  }

  @Test
  void hiddenFilesAndFoldersAreSkippedWithACount() throws IOException {
    write("events.jsonl", hit("ws-1"));
    write("._events.jsonl", hit("resource-fork"));
    write(".DS_Store", hit("dot-file"));
    write("__MACOSX/events.jsonl", hit("macosx"));
    write(".git/x.jsonl", hit("git"));
    assertEquals(0, scan.scan("--recursive", logs.toString()));
    assertEquals(List.of(logs.resolve("events.jsonl") + ":1"), sources());
    assertEquals(logs + ": skipped 4 hidden entries (dot files, ._* resource forks, __MACOSX)\n", scan.stderr());
  }

  @Test
  void aHiddenFileNamedOnTheCommandLineIsRead() throws IOException {
    Path fork = write(".named.jsonl", hit("ws-named"));
    assertEquals(0, scan.scan(fork.toString()));
    assertEquals(List.of(fork + ":1"), sources());
  }

  @Test
  void aFolderWithNoFileToReadSaysSoAndExitsOne() throws IOException {
    Files.createDirectories(logs.resolve("sub"));
    write(".hidden.jsonl", hit("x"));
    assertEquals(1, scan.scan(logs.toString()));
    assertEquals(logs + ": skipped 1 hidden entry (dot files, ._* resource forks, __MACOSX), 1 subfolder"
        + " (--recursive reads them)\n"
        + logs + ": a folder with no file to read (it has 1 subfolder; --recursive reads them)\n", scan.stderr());
  }

  @Test
  void aBadFileInAFolderIsNamedAndTheOthersAreStillRead() throws IOException {
    write("a.jsonl", hit("ws-a") + "{not json\n");
    write("b.jsonl", hit("ws-b"));
    assertEquals(1, scan.scan(logs.toString()));
    assertEquals(List.of(logs.resolve("a.jsonl") + ":1", logs.resolve("b.jsonl") + ":1"), sources());
    assertTrue(scan.stderr().startsWith(logs.resolve("a.jsonl") + ":2: "), scan.stderr());
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
        () -> scan.scan("-r", logs.toString()));
    assertEquals(0, code, scan.stderr());
    assertEquals(List.of(logs.resolve("a/events.jsonl") + ":1"), sources());
    assertEquals(logs + ": skipped 1 link back to a folder being read (not followed)\n", scan.stderr());
  }

  @Test
  void anArchiveInAFolderIsReadMemberByMemberUnderItsOwnPath() throws IOException {
    Path zip = logs.resolve("day1.zip");
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new java.util.zip.ZipEntry("host/events.jsonl"));
      z.write(hit("ws-zip").getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    assertEquals(0, scan.scan(logs.toString()));
    assertEquals(List.of(zip + ":host/events.jsonl:1"), sources());
  }
}
