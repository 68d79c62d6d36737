package org.idetunnelrisk.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
  @Test
  void readsSplunkResultsWithMultivalueAndQuotedNewlines() throws Exception {
    Reading r = Reading.resource("splunk-results.csv");
    assertEquals("csv", r.format);
    assertEquals(List.of("splunk-results.csv:5: expected 8 columns as in the header but found 4"), r.errors);
    assertEquals(3, r.records.size());

    Record a = r.records.get(0);
    assertEquals(2, a.line());
    assertEquals(1, a.number());
    assertNull(a.raw());
    assertEquals(List.of("2026-11-23T10:00:00.000+00:00"), a.fields().get("_time"));
    assertEquals(List.of("code-tunnel.exe tunnel --name \"wks042\""), a.fields().get("process"));
    assertEquals(List.of("wks042", "wks042.corp.example", "cost $5"), a.fields().get("dest"));
    assertFalse(a.fields().containsKey("note"), "an empty cell is no field");
    assertFalse(a.fields().containsKey("__mv_dest"));
    assertFalse(a.fields().containsKey("__mv_process"));
    assertEquals(List.of("_time", "host", "process_name", "process", "dest"), List.copyOf(a.fields().keySet()));

    Record b = r.records.get(1);
    assertEquals(3, b.line());
    assertEquals(List.of("devtunnel.exe host", "devtunnel.exe  host -p 22"), b.fields().get("process"));
    assertEquals(List.of("wks043"), b.fields().get("dest"));
    assertEquals(List.of("line one\r\nline two, with comma"), b.fields().get("note"));

    Record c = r.records.get(2);
    assertEquals(7, c.line());
    assertEquals(4, c.number(), "the fourth data row: the malformed row on line 5 counts, the blank line not");
    assertEquals(Map.of("_time", List.of("2026-11-23T10:03:00.000+00:00"), "host", List.of("wks045"),
        "note", List.of("last")), c.fields());
  }

  @Test
  void multivalueCells() {
    assertEquals(List.of("a", "b$c", ""), CsvReader.multivalue("$a$;$b$$c$;$$"));
    assertEquals(List.of("only"), CsvReader.multivalue("$only$"));
    assertEquals(List.of("x;y"), CsvReader.multivalue("$x;y$"));
    assertNull(CsvReader.multivalue(""));
    assertNull(CsvReader.multivalue("plain"));
    assertNull(CsvReader.multivalue("$open"));
    assertNull(CsvReader.multivalue("$a$,$b$"));
  }

  @Test
  void malformedMultivalueFallsBackToThePlainColumn() throws Exception {
    Reading r = Reading.text("f,__mv_f\nplain,$broken\n", "mv.csv");
    assertEquals(List.of("plain"), r.only().fields().get("f"));
  }

  @Test
  void multivalueColumnWithoutItsPlainColumn() throws Exception {
    Reading r = Reading.text("a,__mv_g\n1,$x$;$y$\n", "mv.csv");
    assertEquals(Map.of("a", List.of("1"), "g", List.of("x", "y")), r.only().fields());
  }

  @Test
  void duplicateHeaderIsFatal() throws Exception {
    Reading r = Reading.text("a,b,c,b\n1,2,3,4\n", "dup.csv");
    assertEquals(List.of("dup.csv:1: header repeats column name 'b' at positions 2 and 4"), r.errors);
    assertTrue(r.fatal);
    assertEquals(0, r.records.size());
  }

  @Test
  void emptyHeaderNameIsFatal() throws Exception {
    Reading r = Reading.text("\n\na,,c\n1,2,3\n", "empty.csv");
    assertEquals(List.of("empty.csv:3: header has an empty column name at position 2"), r.errors);
    assertTrue(r.fatal);
  }

  @Test
  void unterminatedQuoteIsFatalAfterEarlierRows() throws Exception {
    Reading r = Reading.text("a,b\n1,2\n3,\"open\nstill open\n", "open.csv");
    assertEquals(List.of("open.csv:3: quoted field not closed before the end of input"), r.errors);
    assertTrue(r.fatal);
    assertEquals(List.of("2"), r.only().fields().get("b"));
  }

  @Test
  void longRowIsSkipped() throws Exception {
    char[] big = new char[200];
    Arrays.fill(big, 'x');
    String text = "a,b\n1,2\n3," + new String(big) + "\n5,6\n";
    Reading r = Reading.of(Readers.open(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        "long.csv", new ReadLimits(100, 64)));
    assertEquals(List.of("long.csv:3: row longer than the limit of 100 bytes"), r.errors);
    assertEquals(2, r.records.size());
    assertEquals(4, r.records.get(1).line());
  }

  @Test
  void headerOnlyGivesNoRecords() throws Exception {
    Reading r = Reading.text("a,b\r\n", "head.csv");
    assertEquals(List.of(), r.errors);
    assertEquals(0, r.records.size());
  }

  /** Reads {@code text} as CSV, skipping rows whose bytes lack {@code word}. */
  private static Reading filtered(String text, String word) throws Exception {
    return filtered(text, word, "f.csv");
  }

  private static Reading filtered(String text, String word, String origin) throws Exception {
    CsvReader reader = new CsvReader(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        origin, ReadLimits.DEFAULT);
    reader.filter((b, from, to) -> new String(b, from, to - from, java.nio.charset.StandardCharsets.UTF_8).contains(word));
    Reading r = Reading.of(reader);
    r.skippedCount = reader.skipped();
    return r;
  }

  @Test
  void filteredRowsAreSkippedUnparsedWithLinesAndNumbersKept() throws Exception {
    String text = "a,b\r\n"
        + "1,\"drop\r\nover two lines\"\r\n"
        + "2,keep\r\n"
        + "\r\n"
        + "3,\"a \"\"quoted\"\" word, a comma\nand a line\"\r\n"
        + "4,\"keep \"\"this\"\"\nand this\"\r\n"
        + "5,x\"y\n"
        + "6,keep\n";
    Reading all = Reading.text(text, "f.csv");
    Reading some = filtered(text, "keep");
    assertEquals(List.of(), all.errors);
    assertEquals(List.of(), some.errors);
    assertEquals(6, all.records.size());
    List<Record> kept = all.records.stream().filter(rec -> rec.fields().get("b").get(0).contains("keep")).toList();
    assertEquals(kept, some.records, "same records, same lines, numbers and origin");
    assertEquals(List.of(4L, 8L, 11L), some.records.stream().map(Record::line).toList());
    assertEquals(List.of(2L, 4L, 6L), some.records.stream().map(Record::number).toList());
    assertEquals(List.of("keep \"this\"\nand this"), some.records.get(1).fields().get("b"));
    assertEquals(3, some.skippedCount);
  }

  @Test
  void aQuoteInsideAnUnquotedCellDoesNotSwallowTheLineBreak() throws Exception {
    Reading r = filtered("a,b\n1,x\"y\n2,keep\n", "keep");
    assertEquals(List.of(), r.errors);
    assertEquals(List.of(Map.of("a", List.of("2"), "b", List.of("keep"))), r.records.stream().map(Record::fields).toList());
    assertEquals(3, r.records.get(0).line());
  }

  @Test
  void doubledQuotesAndLineBreaksAcrossTheReadBuffersEdge() throws Exception {
    // The reader fills 64 KiB at a time: put a doubled quote, and a quoted line break, on each side of the edge.
    for (int pad = 65_520; pad < 65_540; pad++) {
      String filler = "z".repeat(pad);
      String text = "a,b\n1," + filler + "\n2,\"x\"\"\ny\"\"\"\n3,keep\n";
      Reading r = Reading.text(text, "edge.csv");
      assertEquals(List.of(), r.errors, "pad " + pad);
      assertEquals(List.of("x\"\ny\""), r.records.get(1).fields().get("b"), "pad " + pad);
      assertEquals(List.of(2L, 3L, 5L), r.records.stream().map(Record::line).toList(), "pad " + pad);
      Reading f = filtered(text, "keep", "edge.csv");
      assertEquals(List.of(r.records.get(2)), f.records, "pad " + pad);
    }
  }

  @Test
  void anUnclosedQuoteIsReportedEvenWhenTheFilterWouldSkipTheRow() throws Exception {
    Reading r = filtered("a,b\n1,keep\n2,\"open\nstill open\n", "keep");
    assertEquals(List.of("f.csv:3: quoted field not closed before the end of input"), r.errors);
    assertTrue(r.fatal);
    assertEquals(1, r.records.size());
  }

  @Test
  void byteOrderMarkAndCrlfOnlyFile() throws Exception {
    Reading r = Reading.text("\uFEFFa,b\r\n\r\n1,2\r\n", "bom.csv");
    assertEquals(List.of(Map.of("a", List.of("1"), "b", List.of("2"))), r.records.stream().map(Record::fields).toList());
    assertEquals(3, r.records.get(0).line());
  }

  @Test
  void anUnclosedQuoteLongerThanTheLimitIsStillReportedAsUnclosed() throws Exception {
    String text = "a,b\n1,keep\n2,\"" + "z".repeat(300) + "\n";
    Reading r = Reading.of(Readers.open(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        "open.csv", new ReadLimits(100, 64)));
    assertEquals(List.of("open.csv:3: quoted field not closed before the end of input"), r.errors);
    assertTrue(r.fatal);
  }
}
