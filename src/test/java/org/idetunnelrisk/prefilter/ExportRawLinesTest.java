package org.idetunnelrisk.prefilter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.idetunnelrisk.engine.Engine;
import org.idetunnelrisk.engine.Rule;
import org.idetunnelrisk.fields.FieldTable;
import org.idetunnelrisk.read.LineFilter;
import org.idetunnelrisk.read.Readers;
import org.idetunnelrisk.read.Record;
import org.idetunnelrisk.read.RecordReader;
import org.idetunnelrisk.read.RowRecords;
import org.idetunnelrisk.source.Normalizer;
import org.junit.jupiter.api.Test;

/**
 * Splunk export rows of raw events ({@code _raw} holding event XML or JSON, as the alert action's and the
 * modular input's raw searches return them) are never skipped by scan's JSON-line prefilter, while export
 * rows and flat lines without {@code _raw} still are.
 */
class ExportRawLinesTest {
  private final List<Rule> rules = PrefilterSoundnessTest.shipped();
  private final FieldTable fields = FieldTable.shipped();
  private final LineFilter scanFilter = RawPrefilter.filters(rules, fields).jsonLine();
  private final RawPrefilter jsonOnly = RawPrefilter.of(rules, fields);

  static String exportRow(String raw) {
    JsonObject result = new JsonObject();
    result.addProperty("_time", "1795428000");
    result.addProperty("_raw", raw);
    result.addProperty("host", "forwarder1");
    JsonObject row = new JsonObject();
    row.addProperty("preview", false);
    row.addProperty("offset", 0);
    row.add("result", result);
    return row.toString();
  }

  private static boolean candidate(LineFilter f, String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return f.candidate(b, 0, b.length);
  }

  /** Whether a shipped rule matches a record read from this export line as scan reads it. */
  private boolean hits(String line) throws IOException {
    Normalizer normalizer = new Normalizer(fields);
    Engine engine = new Engine(rules, fields.canonicalFields());
    try (RecordReader r = Readers.open(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), "x")) {
      for (Record rec; (rec = r.next()) != null; ) {
        for (Record one : RowRecords.of(rec, m -> { })) {
          if (!engine.evaluate(normalizer.toRow(one)).isEmpty()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Test
  void everyRawEventThatHitsInAnExportRowIsACandidate() throws IOException {
    List<String> raws = new ArrayList<>();
    raws.addAll(Files.readAllLines(Path.of("samples/sysmon_tunnel_day.xml")));
    raws.addAll(Files.readAllLines(Path.of("samples/crowdstrike.jsonl")));
    // a JSON escape inside the event, which the export row writes as \\u: no escape to the line's eye
    raws.add("{\"event_simpleName\":\"DnsRequest\",\"aid\":\"a1\",\"ComputerName\":\"ws1\",\"timestamp\":\"1763715601000\","
        + "\"DomainName\":\"x.\\u0064evtunnels.ms\",\"ContextProcessId\":\"5\"}");
    int hitting = 0;
    int lostWithoutIt = 0;
    for (String raw : raws) {
      if (raw.isBlank()) {
        continue;
      }
      String line = exportRow(raw);
      if (hits(line)) {
        hitting++;
        assertTrue(candidate(scanFilter, line), line);
        if (!candidate(jsonOnly, line)) {
          lostWithoutIt++;
        }
      }
    }
    assertTrue(hitting >= 10, "raw events that hit: " + hitting);
    assertTrue(lostWithoutIt > 0, "the JSON-line prefilter alone would lose some of them");
  }

  @Test
  void linesWithoutARawEventAreStillFiltered() {
    assertFalse(candidate(scanFilter, "{\"preview\":false,\"offset\":0,\"result\":{\"_time\":\"1795428000\","
        + "\"dest\":\"ws1\",\"process_name\":\"notepad.exe\",\"process\":\"notepad.exe a.txt\",\"count\":\"2\"}}"));
    assertFalse(candidate(scanFilter, "{\"_raw\":\"<Event><Data Name='Image'>C:\\\\notepad.exe</Data></Event>\","
        + "\"Image\":\"C:\\\\notepad.exe\"}"), "not an export row: its _raw is a field like any other");
  }

  @Test
  void exportRowsAreToldByTheirFirstMember() {
    assertTrue(firstMemberIsAnExportKey("{\"preview\":false,\"result\":{}}"));
    assertTrue(firstMemberIsAnExportKey(" { \"result\":{}}"));
    assertFalse(firstMemberIsAnExportKey("{\"results\":{}}"));
    assertFalse(firstMemberIsAnExportKey("{\"_raw\":\"x\",\"result\":{}}"));
    assertFalse(firstMemberIsAnExportKey("[\"preview\"]"));
    assertFalse(firstMemberIsAnExportKey("{\"preview"));
  }

  private static boolean firstMemberIsAnExportKey(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return ExportRawLines.exportRow(b, 0, b.length);
  }
}
