package org.idetunnelrisk.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadersTest {
  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ReadersTest.class.getResourceAsStream("/read/" + name)) {
      return in.readAllBytes();
    }
  }

  private static Path gzip(Path dir, String name, byte[] content) throws IOException {
    Path out = dir.resolve(name);
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(out))) {
      o.write(content);
    }
    return out;
  }

  @Test
  void sniffsEachFormatFromContentNotName(@TempDir Path dir) throws Exception {
    Path xml = Files.write(dir.resolve("a.csv"), resource("sysmon-splunk.xml"));
    Path json = Files.write(dir.resolve("b.xml"), "\n  {\"a\":1}\n".getBytes(StandardCharsets.UTF_8));
    Path csv = Files.write(dir.resolve("c.jsonl"), "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("xml", Reading.of(Readers.open(xml)).format);
    assertEquals("jsonl", Reading.of(Readers.open(json)).format);
    assertEquals("csv", Reading.of(Readers.open(csv)).format);
  }

  @Test
  void anInputThatStartsWithAnArrayIsJsonLinesAndTheArrayIsReported() throws Exception {
    Reading r = Reading.text("\uFEFF \n[\"devtunnel.exe\",\"host\"]\n{\"a\":1}\n", "a.jsonl");
    assertEquals("jsonl", r.format);
    assertEquals(List.of("a.jsonl:2: not a JSON object: [\"devtunnel.exe\",\"host\"]"), r.errors);
    assertEquals(3, r.only().line());
  }

  @Test
  void bomAndWhitespaceBeforeTheFirstByte() throws Exception {
    Reading r = Reading.text("\uFEFF\r\n  <Event><EventData><Data Name=\"a\">1</Data></EventData></Event>", "bom.xml");
    assertEquals("xml", r.format);
    assertEquals(List.of("1"), r.only().fields().get("a"));
  }

  @Test
  void gzippedInputsAreReadTransparently(@TempDir Path dir) throws Exception {
    Reading xml = Reading.of(Readers.open(gzip(dir, "events.bin", resource("sysmon-splunk.xml"))));
    assertEquals("xml", xml.format);
    assertEquals(5, xml.records.size());
    Reading json = Reading.of(Readers.open(gzip(dir, "rows", resource("splunk-export.jsonl"))));
    assertEquals("jsonl", json.format);
    assertEquals(2, json.records.size());
    Path csvGz = gzip(dir, "results.csv.gz", resource("splunk-results.csv"));
    Reading csv = Reading.of(Readers.open(csvGz));
    assertEquals("csv", csv.format);
    assertEquals(3, csv.records.size());
    assertEquals(List.of(csvGz + ":5: expected 8 columns as in the header but found 4"), csv.errors);
  }

  @Test
  void gzipStreamsLongerThanOneBufferStream(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    for (int i = 1; i <= 20_000; i++) {
      text.write(("{\"n\":" + i + ",\"pad\":\"" + "p".repeat(40) + "\"}\n").getBytes(StandardCharsets.UTF_8));
    }
    Path gz = gzip(dir, "many.jsonl.gz", text.toByteArray());
    long count = 0;
    Record last = null;
    try (RecordReader r = Readers.open(gz)) {
      for (Record rec; (rec = r.next()) != null; ) {
        count++;
        last = rec;
      }
    }
    assertEquals(20_000, count);
    assertEquals(List.of("20000"), last.fields().get("n"));
    assertEquals(20_000, last.line());
  }

  @Test
  void truncatedGzipNamesTheInput(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    for (int i = 0; i < 2000; i++) {
      text.write(("{\"n\":" + i + ",\"r\":\"" + Integer.toHexString(i * 7919) + "\"}\n").getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = Files.readAllBytes(gzip(dir, "x.gz", text.toByteArray()));
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);
    InputException e = assertThrows(InputException.class, () -> {
      try (RecordReader r = Readers.open(new ByteArrayInputStream(cut), "cut.jsonl.gz")) {
        while (r.next() != null) {
          // read to the damage
        }
      }
    });
    assertEquals("cut.jsonl.gz: truncated gzip data", e.getMessage());
    assertTrue(!e.recoverable());
  }

  @Test
  void emptyInputHasNoRecords() throws Exception {
    try (RecordReader r = Readers.open(new ByteArrayInputStream(new byte[0]), "empty")) {
      assertNull(r.next());
    }
  }

  @Test
  void limitsAreChecked() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReadLimits(0, 5));
    assertEquals("maxRecordBytes must be at least 1 but was 0", e.getMessage());
    assertEquals(8 * 1024 * 1024, ReadLimits.DEFAULT.maxRecordBytes());
    assertEquals(64, ReadLimits.DEFAULT.maxDepth());
  }

  @Test
  void utf16WithByteOrderMark(@TempDir Path dir) throws Exception {
    String xml = "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<Event><EventData><Data Name=\"Image\">C:\\x\\d\u00e9vtunnel.exe</Data>"
        + "</EventData></Event>\r\n";
    Path le = Files.write(dir.resolve("le.xml"), xml.getBytes(StandardCharsets.UTF_16LE));
    assertEquals(List.of("C:\\x\\d\u00e9vtunnel.exe"), Reading.of(Readers.open(le)).only().fields().get("Image"));
    Path beGz = gzip(dir, "be.xml.gz", xml.getBytes(StandardCharsets.UTF_16BE));
    assertEquals(List.of("C:\\x\\d\u00e9vtunnel.exe"), Reading.of(Readers.open(beGz)).only().fields().get("Image"));
    Path json = Files.write(dir.resolve("j.jsonl"), "\uFEFF{\"a\":\"\u00e9\"}\r\n{\"b\":1}".getBytes(StandardCharsets.UTF_16LE));
    Reading r = Reading.of(Readers.open(json));
    assertEquals(2, r.records.size());
    assertEquals(List.of("\u00e9"), r.records.get(0).fields().get("a"));
  }

  private static String refusal(byte[] content, String origin) {
    InputException e = assertThrows(InputException.class,
        () -> Readers.open(new ByteArrayInputStream(content), origin));
    assertTrue(!e.recoverable());
    return e.getMessage();
  }

  @Test
  void anEvtxFileIsReadByItsMagicWhateverItsName() throws Exception {
    byte[] evtx = EvtxBuilder.file(0);
    assertEquals("evtx", Readers.open(new ByteArrayInputStream(evtx), "events.csv").format());
  }

  @Test
  void unreadArchivesAndBinaryInputsAreRefusedInOneLineNeverReadAsCsv() throws Exception {
    assertEquals("a.7z: not a format scan reads (looks like a 7-Zip archive; unpack it and scan its files)",
        refusal("7z\u00bc\u00af\u0027\u001c\u0000\u0004".getBytes(StandardCharsets.ISO_8859_1), "a.7z"));
    byte[] random = new byte[4096];
    new java.util.Random(7).nextBytes(random);
    random[0] = 'a'; // neither gzip's nor any other magic
    String m = refusal(random, "blob.bin");
    assertTrue(m.startsWith("blob.bin: not a format scan reads (looks like binary data: "), m);
    assertEquals("old.evt: not a format scan reads (looks like a Windows XP event log (.evt); export it as XML or"
        + " .evtx)", refusal("0\u0000\u0000\u0000LfLe\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1), "old.evt"));
  }

  @Test
  void utf16WithoutAByteOrderMarkIsBinaryNotCsv() throws Exception {
    String m = refusal("EventID,Computer\n4688,WS01\n".getBytes(StandardCharsets.UTF_16LE), "u16.csv");
    assertTrue(m.startsWith("u16.csv: not a format scan reads (looks like binary data: "), m);
  }

  @Test
  void evtxexportsBannerBeforeTheXmlIsSkippedWithANoteAndLinesStayTrue() throws Exception {
    Reading r = Reading.text("evtxexport 20181227\n\n<Event><System><EventID>1</EventID></System></Event>\n\n"
        + "<Event><System><EventID>2</EventID></System></Event>\n", "export.txt");
    assertEquals("xml", r.format);
    assertEquals(List.of(), r.errors);
    assertEquals(List.of("export.txt: skipped 2 lines of text before the XML (evtxexport 20181227)"), r.notes);
    assertEquals(List.of(3L, 5L), r.records.stream().map(Record::line).toList());
  }

  @Test
  void aCsvHeaderBeforeXmlLinesIsStillCsv() throws Exception {
    Reading r = Reading.text("_time,_raw\n<Event>,x\n", "rows.csv");
    assertEquals("csv", r.format);
  }
}
