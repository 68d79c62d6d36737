package org.idetunnelrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --summary}'s table per input (format, layouts, records read, evaluated, not evaluable, skipped by the
 * prefilter) and the warning for an input whose records none of the rules could evaluate.
 */
class ScanInputSummaryTest {
  @TempDir Path dir;
  private ScanRun scan;

  @BeforeEach
  void setUp() throws IOException {
    scan = new ScanRun(dir);
  }

  private Path lines(String name, String line, int n) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, (line + "\n").repeat(n));
    return p;
  }

  /** The rows of the per-input table, cells split on runs of two spaces or more. */
  private List<List<String>> inputRows() {
    List<String> lines = Arrays.asList(scan.stderr().split("\n"));
    int head = lines.indexOf(lines.stream().filter(l -> l.startsWith("input ")).findFirst().orElseThrow());
    int end = head + 1;
    while (end < lines.size() && !lines.get(end).isEmpty()) {
      end++;
    }
    return lines.subList(head + 1, end).stream().map(l -> List.of(l.split(" {2,}"))).toList();
  }

  @Test
  void eachInputIsOneRowWithItsFormatLayoutAndCounts() throws IOException {
    Path flat = lines("flat.jsonl", "{\"Image\":\"C:\\\\x\\\\devtunnel.exe\",\"Computer\":\"ws1\"}", 2);
    Path beat = lines("beat.jsonl", "{\"winlog\":{\"event_id\":1,\"channel\":\"Microsoft-Windows-Sysmon/Operational\","
        + "\"provider_name\":\"Microsoft-Windows-Sysmon\",\"computer_name\":\"ws2\",\"record_id\":7,"
        + "\"event_data\":{\"Image\":\"C:\\\\x\\\\notepad.exe\"}},\"@timestamp\":\"2026-11-20T10:00:00Z\"}", 1);
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "");
    assertEquals(0, scan.scan("--summary", flat.toString(), beat.toString(),
        empty.toString()));
    assertEquals(List.of(
        List.of(flat.toString(), "jsonl", "native", "2", "2", "0", "0"),
        List.of(beat.toString(), "jsonl", "winlogbeat", "1", "1", "0", "0"),
        List.of(empty.toString(), "jsonl", "-", "0", "0", "0", "0")), inputRows());
  }

  @Test
  void anInputNoRuleCanEvaluateIsWarnedAboutNamingItsFields() throws IOException {
    Path odd = lines("odd.jsonl", "{\"msg\":\"devtunnel.exe started\",\"hostname\":\"ws1\"}", 3);
    assertEquals(0, scan.scan(odd.toString()));
    assertEquals(odd + ": warning: 3 records read and none could be evaluated: no source or layout recognised and no"
        + " field a rule tests (the first has msg, hostname); see the README's formats and layouts, or map the names"
        + " with --fields\n", scan.stderr());
  }

  @Test
  void theWarningQuotesAtMostFortyCharactersOfAFieldName() throws IOException {
    Path prose = dir.resolve("notes.txt");
    Files.writeString(prose, "This is a paragraph of notes that nobody exported from Splunk\nsecond line\n");
    assertEquals(0, scan.scan(prose.toString()));
    assertTrue(scan.stderr().startsWith(prose + ": warning: 1 record read and none could be evaluated: no source or"
        + " layout recognised and no field a rule tests (the first has This is a paragraph of notes that nobody...);"),
        scan.stderr());
  }

  @Test
  void theWarningCannotBeMissedWhenThePrefilterWouldSkipTheWholeInput() throws IOException {
    // no line holds a literal of the rule: the prefilter alone would skip every one, unparsed and unseen
    int n = ScanCommand.LAYOUT_SAMPLE + 50;
    Path odd = lines("quiet.jsonl", "{\"msg\":\"hello\",\"hostname\":\"ws1\"}", n);
    assertEquals(0, scan.scan("--summary", odd.toString()));
    String stderr = scan.stderr();
    assertTrue(stderr.startsWith(odd + ": warning: " + ScanCommand.LAYOUT_SAMPLE + " records read and none could"),
        stderr);
    assertEquals(List.of(List.of(odd.toString(), "jsonl", "unknown", Integer.toString(ScanCommand.LAYOUT_SAMPLE),
        "0", Integer.toString(ScanCommand.LAYOUT_SAMPLE), "50")), inputRows());
  }

  @Test
  void classicWinEventLogTextIsItsOwnFormatAndLayout() throws IOException {
    Path log = Path.of("src/test/resources/events/wineventlog/ide_tunnel_devtunnel_execution/host_anonymous_4688.log");
    assertEquals(0, scan.scan("--summary", log.toString()));
    assertEquals(List.of(List.of(log.toString(), "wineventlog", "wineventlog", "1", "1", "0", "0")), inputRows());
  }

  @Test
  void archiveMembersAreRowsOfTheirOwn() throws IOException {
    Path zip = dir.resolve("logs.zip");
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new java.util.zip.ZipEntry("a.jsonl"));
      z.write("{\"Image\":\"C:\\\\x\\\\devtunnel.exe\",\"Computer\":\"ws1\"}\n".getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new java.util.zip.ZipEntry("b.jsonl"));
      z.write("{\"msg\":\"x\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(0, scan.scan("--summary", zip.toString()));
    assertEquals(List.of(
        List.of(zip + ":a.jsonl", "zip/jsonl", "native", "1", "1", "0", "0"),
        List.of(zip + ":b.jsonl", "zip/jsonl", "unknown", "1", "0", "1", "0")), inputRows());
    assertTrue(scan.stderr().startsWith(zip + ":b.jsonl: warning: 1 record read and none"));
  }
}
