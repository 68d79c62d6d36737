package org.idetunnelrisk.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLinesReaderTest {
  @Test
  void flattensValuesAndSkipsBadLines() throws Exception {
    Reading r = Reading.resource("bad.jsonl");
    assertEquals("jsonl", r.format);
    assertEquals(List.of(
        "bad.jsonl:2: not a JSON object: [\"not\",\"an\",\"object\"]",
        "bad.jsonl:3: malformed JSON: Expected value at line 1 column 12 path $.broken",
        "bad.jsonl:5: more than one JSON value on the line: {\"x\":1} {\"y\":2}"), r.errors);
    assertFalse(r.fatal);
    assertEquals(2, r.records.size());
    Record first = r.records.get(0);
    assertEquals(Map.of(
        "a", List.of("1"),
        "b", List.of("true"),
        "d.e", List.of("x"),
        "d.f.g", List.of("2.50"),
        "h", List.of("1", "two", "{\"i\":3}"),
        "j", List.of("")), first.fields());
    assertEquals(List.of("a", "b", "d.e", "d.f.g", "h", "j"), List.copyOf(first.fields().keySet()));
    assertEquals(1, first.line());
    assertEquals(1, first.number());
    assertEquals("{\"a\":1,\"b\":true,\"c\":null,\"d\":{\"e\":\"x\",\"f\":{\"g\":2.50}},\"h\":[1,\"two\",null,{\"i\":3}],\"j\":\"\"}",
        first.raw());
    Record after = r.records.get(1);
    assertEquals(Map.of("ok", List.of("after")), after.fields());
    assertEquals(4, after.line());
    assertEquals(2, after.number());
  }

  @Test
  void splunkExportRowsGiveTheirResult() throws Exception {
    Reading r = Reading.resource("splunk-export.jsonl");
    assertEquals(List.of("splunk-export.jsonl:4: Splunk reported ERROR: Error in 'tstats' command: "
        + "This command is not supported in a real-time search."), r.errors);
    assertEquals(2, r.records.size());
    Record a = r.records.get(0);
    assertEquals(2, a.line());
    assertEquals(List.of("devtunnel.exe"), a.fields().get("process_name"));
    assertEquals(List.of("wks042", "wks042.corp.example"), a.fields().get("dest"));
    assertFalse(a.fields().containsKey("preview"));
    assertFalse(a.fields().containsKey("result.process_name"));
    Record b = r.records.get(1);
    assertEquals(6, b.line());
    assertEquals(2, b.number());
    assertEquals(List.of("CORP\\alice"), b.fields().get("Processes.user"));
  }

  @Test
  void strictJsonOnly() throws Exception {
    Reading r = Reading.text("{name:'single'}\n", "lenient.jsonl");
    assertEquals(1, r.errors.size());
    assertTrue(r.errors.get(0).startsWith("lenient.jsonl:1: malformed JSON: "), r.errors.get(0));
  }

  @Test
  void nestingIsBounded() throws Exception {
    String deep = "{\"a\":".repeat(5) + "1" + "}".repeat(5);
    ReadLimits limits = new ReadLimits(1024, 4);
    Reading r = Reading.of(Readers.open(new ByteArrayInputStream((deep + "\n{\"b\":2}\n").getBytes(StandardCharsets.UTF_8)),
        "deep.jsonl", limits));
    assertEquals(List.of("deep.jsonl:1: nested deeper than the limit of 4 levels"), r.errors);
    assertEquals(Map.of("b", List.of("2")), r.only().fields());
  }

  @Test
  void longLinesAreSkipped() throws Exception {
    String big = "{\"k\":\"" + "x".repeat(100) + "\"}";
    ReadLimits limits = new ReadLimits(50, 64);
    Reading r = Reading.of(Readers.open(new ByteArrayInputStream(("{\"a\":1}\r\n" + big + "\r\n{\"b\":2}").getBytes(StandardCharsets.UTF_8)),
        "long.jsonl", limits));
    assertEquals(List.of("long.jsonl:2: line longer than the limit of 50 bytes"), r.errors);
    assertEquals(2, r.records.size());
    assertEquals(3, r.records.get(1).line());
    assertEquals("{\"b\":2}", r.records.get(1).raw());
  }

  @Test
  void blankLinesAndBomAreSkipped() throws Exception {
    Reading r = Reading.text("\uFEFF{\"a\":\"\u00e9\"}\n\n   \n{\"b\":1}\n", "bom.jsonl");
    assertEquals(List.of(), r.errors);
    assertEquals(2, r.records.size());
    assertEquals(List.of("\u00e9"), r.records.get(0).fields().get("a"));
    assertEquals(4, r.records.get(1).line());
  }
}
