package org.idetunnelrisk.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {
  @TempDir Path home;
  Path dispatch;
  Path results;
  ResultsFile guard;

  @BeforeEach
  void splunkHome() throws IOException {
    dispatch = Files.createDirectories(home.resolve("var/run/splunk/dispatch"));
    Path job = Files.createDirectories(dispatch.resolve("scheduler__admin_at_1_12"));
    results = Files.write(job.resolve("results.csv.gz"), new byte[] {31, -117});
    guard = new ResultsFile(home);
  }

  private String refused(String path) {
    return assertThrows(AlertException.class, () -> guard.check(path)).getMessage();
  }

  @Test
  void fileInDispatchAccepted() throws IOException {
    assertEquals(results.toRealPath(), guard.check(results.toString()));
  }

  @Test
  void linkInsideDispatchToFileInsideAccepted() throws IOException {
    Path link = Files.createSymbolicLink(dispatch.resolve("link.csv.gz"), results);
    assertEquals(results.toRealPath(), guard.check(link.toString()));
  }

  @Test
  void parentSegmentRefused() {
    String path = dispatch + "/scheduler__admin_at_1_12/../scheduler__admin_at_1_12/results.csv.gz";
    assertEquals("results_file: '" + path + "' contains '..'", refused(path));
  }

  @Test
  void fileOutsideDispatchRefused() throws IOException {
    Path outside = Files.writeString(home.resolve("secrets.txt"), "x");
    assertEquals("results_file: '" + outside + "' is outside Splunk's dispatch folder '" + dispatch.toRealPath() + "'",
        refused(outside.toString()));
  }

  @Test
  void symlinkPointingOutRefused() throws IOException {
    Path outside = Files.writeString(home.resolve("passwd"), "x");
    Path link = Files.createSymbolicLink(dispatch.resolve("evil.csv.gz"), outside);
    assertEquals("results_file: '" + link + "' is outside Splunk's dispatch folder '" + dispatch.toRealPath() + "'",
        refused(link.toString()));
  }

  @Test
  void folderRefused() {
    Path job = dispatch.resolve("scheduler__admin_at_1_12");
    assertEquals("results_file: '" + job + "' is not a regular file", refused(job.toString()));
  }

  @Test
  void dispatchItselfRefused() throws IOException {
    assertEquals("results_file: '" + dispatch + "' is outside Splunk's dispatch folder '" + dispatch.toRealPath()
        + "'", refused(dispatch.toString()));
  }

  @Test
  void missingFileRefused() {
    Path missing = dispatch.resolve("nope/results.csv.gz");
    assertEquals("results_file: '" + missing + "' does not exist", refused(missing.toString()));
  }

  @Test
  void relativePathRefused() {
    assertEquals("results_file: 'results.csv.gz' is not an absolute path", refused("results.csv.gz"));
  }

  @Test
  void missingDispatchFolderNamed() {
    ResultsFile other = new ResultsFile(home.resolve("elsewhere"));
    AlertException e = assertThrows(AlertException.class, () -> other.check(results.toString()));
    assertEquals("results_file: Splunk's dispatch folder '" + home.resolve("elsewhere/var/run/splunk/dispatch")
        + "' does not exist", e.getMessage());
  }

  @Test
  void splunkHomeMustBeSet() {
    AlertException e = assertThrows(AlertException.class, () -> ResultsFile.fromEnvironment(Map.of()));
    assertEquals("SPLUNK_HOME is not set; cannot locate Splunk's dispatch folder for results_file", e.getMessage());
  }
}
