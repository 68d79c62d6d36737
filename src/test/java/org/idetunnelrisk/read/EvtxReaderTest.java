package org.idetunnelrisk.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.idetunnelrisk.read.EvtxBuilder.Chunk;
import org.idetunnelrisk.read.EvtxBuilder.Value;
import org.junit.jupiter.api.Test;

/** {@link EvtxReader} on EVTX files built byte by byte ({@link EvtxBuilder}), sound and damaged. */
class EvtxReaderTest {
  private static final List<String> DATA = List.of("Image", "CommandLine");

  private static Reading read(byte[] file) throws IOException {
    return Reading.of(Readers.open(new ByteArrayInputStream(file), "f.evtx", ReadLimits.DEFAULT));
  }

  private static Reading xml(String xml) throws IOException {
    return Reading.of(new XmlEventReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "f.xml",
        ReadLimits.DEFAULT));
  }

  /** A chunk of {@code n} Sysmon 1 records with ids from {@code firstId}, the first defining the template. */
  private static byte[] chunk(long firstId, int n) {
    Chunk c = new Chunk();
    int[] def = new int[1];
    for (int i = 0; i < n; i++) {
      long id = firstId + i;
      Value[] v = EvtxBuilder.values(1, id, Value.string("C:\\Windows\\System32\\cmd.exe"),
          Value.string("cmd.exe /c echo " + id));
      if (i == 0) {
        c.record(id, r -> def[0] = r.template(EvtxBuilder.event(DATA), v));
      } else {
        c.record(id, r -> r.fragmentHeader().template(def[0], v).eof());
      }
    }
    return c.bytes();
  }

  private static List<Long> recordIds(Reading r) {
    return r.records.stream().map(x -> Long.parseLong(x.fields().get("EventRecordID").get(0))).toList();
  }

  @Test
  void recordsHaveTheFieldsTheSameEventAsWindowsXmlHas() throws Exception {
    Reading evtx = read(EvtxBuilder.file(1, chunk(41, 2)));
    Reading xml = xml("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
        + "<Provider Name='Microsoft-Windows-Sysmon'/><EventID>1</EventID>"
        + "<TimeCreated SystemTime='2019-04-17T18:40:00.0000000Z'/><EventRecordID>42</EventRecordID>"
        + "<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>WS01.example.corp</Computer></System>"
        + "<EventData><Data Name='Image'>C:\\Windows\\System32\\cmd.exe</Data>"
        + "<Data Name='CommandLine'>cmd.exe /c echo 42</Data></EventData></Event>");
    assertEquals(List.of(), evtx.errors);
    assertEquals("evtx", evtx.format);
    assertEquals(2, evtx.records.size());
    assertEquals(xml.only().fields(), evtx.records.get(1).fields());
    assertEquals(2, evtx.records.get(1).number());
    assertEquals(xml.only().fields(), xml(evtx.records.get(1).raw()).only().fields(), "raw is the event as XML");
  }

  @Test
  void aChunkWhoseRecordsFailTheirChecksumIsReportedAndSkippedAndTheNextChunkIsRead() throws Exception {
    byte[] bad = chunk(10, 3);
    bad[700] ^= 0x01;
    Reading r = read(EvtxBuilder.file(3, chunk(1, 2), bad, chunk(20, 2)));
    assertEquals(1, r.errors.size());
    assertTrue(r.errors.get(0).startsWith("f.evtx:chunk 1 (offset 69632): event records checksum mismatch (stored 0x"),
        r.errors.get(0));
    assertTrue(r.errors.get(0).endsWith("); skipped"), r.errors.get(0));
    assertEquals(List.of(1L, 2L, 20L, 21L), recordIds(r));
  }

  @Test
  void aChunkWhoseHeaderFailsItsChecksumIsReportedAndSkipped() throws Exception {
    byte[] bad = chunk(10, 1);
    bad[8] ^= 0x01; // first event record number, covered by the header's CRC32
    Reading r = read(EvtxBuilder.file(2, bad, chunk(20, 1)));
    assertEquals(1, r.errors.size());
    assertTrue(r.errors.get(0).startsWith("f.evtx:chunk 0 (offset 4096): chunk header checksum mismatch"), r.errors.get(0));
    assertEquals(List.of(20L), recordIds(r));
  }

  @Test
  void aBlockWithoutTheChunkSignatureIsReportedAndAnAllZeroBlockIsUnusedSpace() throws Exception {
    byte[] junk = new byte[EvtxBuilder.CHUNK];
    Arrays.fill(junk, (byte) 'x');
    Reading r = read(EvtxBuilder.file(2, chunk(1, 1), junk, new byte[EvtxBuilder.CHUNK], chunk(5, 1)));
    assertEquals(List.of("f.evtx:chunk 1 (offset 69632): not a chunk (no ElfChnk signature); skipped"), r.errors);
    assertEquals(List.of(1L, 5L), recordIds(r));
  }

  @Test
  void aTruncatedFileGivesTheRecordsBeforeTheCutThenAFatalError() throws Exception {
    byte[] whole = EvtxBuilder.file(2, chunk(1, 2), chunk(3, 2));
    Reading r = read(Arrays.copyOf(whole, 4096 + 65536 + 30000));
    assertEquals(List.of("f.evtx:chunk 1 (offset 69632): truncated (30000 of 65536 bytes); reading stopped"), r.errors);
    assertTrue(r.fatal);
    assertEquals(List.of(1L, 2L), recordIds(r));
  }

  @Test
  void aTruncatedHeaderIsFatal() throws Exception {
    Reading r = read(Arrays.copyOf(EvtxBuilder.file(0), 100));
    assertEquals(List.of("f.evtx: EVTX file header truncated (100 of 4096 bytes)"), r.errors);
    assertTrue(r.fatal);
  }

  @Test
  void aDirtyFileWhoseHeaderMiscountsItsChunksIsReadWholeWithANote() throws Exception {
    Reading r = read(EvtxBuilder.file(1, chunk(1, 2), chunk(3, 2), chunk(5, 1)));
    assertEquals(List.of(), r.errors);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), recordIds(r));
    assertEquals(List.of("f.evtx: the file header counts 1 chunks but 3 were read (a log not closed cleanly)"),
        r.notes);
  }

  @Test
  void aFileHeaderFailingItsChecksumIsReportedAndItsChunksAreReadAllTheSame() throws Exception {
    byte[] f = EvtxBuilder.file(1, chunk(1, 1));
    f[24] ^= 0x7F; // next record identifier
    Reading r = read(f);
    assertEquals(1, r.errors.size());
    assertTrue(r.errors.get(0).startsWith("f.evtx: EVTX file header checksum mismatch"), r.errors.get(0));
    assertEquals(List.of(1L), recordIds(r));
  }

  @Test
  void anUnknownValueTypeIsReportedWithFileChunkAndRecordAndTheNextRecordIsRead() throws Exception {
    Chunk c = new Chunk();
    int[] def = new int[1];
    c.record(7, r -> def[0] = r.template(EvtxBuilder.event(DATA),
        EvtxBuilder.values(1, 7, Value.of(0x2f, 1, 2), Value.string("x"))));
    c.record(8, r -> r.fragmentHeader().template(def[0], EvtxBuilder.values(1, 8, Value.string("a"),
        Value.string("b"))).eof());
    byte[] bytes = c.bytes();
    Reading r = read(EvtxBuilder.file(1, bytes));
    assertEquals(List.of("f.evtx:chunk 0:record 7: unknown value type 0x2f in value 6 of the template instance at offset 536"),
        r.errors);
    assertFalse(r.fatal);
    assertEquals(List.of(8L), recordIds(r));
  }

  @Test
  void valueTypesRenderAsWindowsRendersThem() throws Exception {
    List<String> names = List.of("sid", "guid", "hex32", "hex64", "size", "i8", "u64", "bool", "real", "systime",
        "binary", "ansi", "empty");
    Chunk c = new Chunk();
    c.record(1, r -> r.template(EvtxBuilder.event(names), EvtxBuilder.values(1, 1,
        Value.of(0x13, 1, 4, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 0x39, 0x30, 0, 0, 0xf4, 1, 0, 0, 0xff, 0xff, 0xff, 0xff),
        Value.of(0x0f, 0x25, 0x96, 0x84, 0x54, 0x78, 0x54, 0x94, 0x49, 0xa5, 0xba, 0x3e, 0x3b, 0x03, 0x28, 0xc3, 0x0d),
        Value.u32(0x14, 0x3e7),
        Value.u64(0x15, 0x17e2d2),
        Value.u64(0x10, 0xfffff80000000000L),
        Value.of(0x03, 0xff),
        Value.u64(0x0a, -1L),
        Value.u32(0x0d, 1),
        Value.u64(0x0c, Double.doubleToLongBits(2.5)),
        Value.of(0x12, 0xe3, 0x07, 3, 0, 2, 0, 19, 0, 23, 0, 34, 0, 25, 0, 7, 0),
        Value.of(0x0e, 0xde, 0xad, 0x01),
        Value.of(0x02, 'o', 'k', 0),
        new Value(0x00, new byte[0]))));
    Map<String, List<String>> f = read(EvtxBuilder.file(1, c.bytes())).only().fields();
    assertEquals(List.of("S-1-5-21-12345-500-4294967295"), f.get("sid"));
    assertEquals(List.of("{54849625-5478-4994-a5ba-3e3b0328c30d}"), f.get("guid"));
    assertEquals(List.of("0x3e7"), f.get("hex32"));
    assertEquals(List.of("0x17e2d2"), f.get("hex64"));
    assertEquals(List.of("0xfffff80000000000"), f.get("size"));
    assertEquals(List.of("-1"), f.get("i8"));
    assertEquals(List.of("18446744073709551615"), f.get("u64"));
    assertEquals(List.of("true"), f.get("bool"));
    assertEquals(List.of("2.5"), f.get("real"));
    assertEquals(List.of("2019-03-19T23:34:25.007Z"), f.get("systime"));
    assertEquals(List.of("DEAD01"), f.get("binary"));
    assertEquals(List.of("ok"), f.get("ansi"));
    assertFalse(f.containsKey("empty"));
  }

  @Test
  void anArrayValueRepeatsItsElementOncePerItem() throws Exception {
    Chunk c = new Chunk();
    c.record(1, r -> r.template(EvtxBuilder.event(List.of("Ports")), EvtxBuilder.values(1, 1,
        new Value(0x86, new byte[] {80, 0, (byte) 0xbb, 1, 0x50, 0x0d}))));
    Chunk s = new Chunk();
    s.record(2, r -> r.template(EvtxBuilder.event(List.of("Names")), EvtxBuilder.values(1, 2,
        new Value(0x81, "a\0bc\0".getBytes(StandardCharsets.UTF_16LE)))));
    Reading r = read(EvtxBuilder.file(2, c.bytes(), s.bytes()));
    assertEquals(List.of("80", "443", "3408"), r.records.get(0).fields().get("Ports"));
    assertEquals(List.of("a", "bc"), r.records.get(1).fields().get("Names"));
  }

  @Test
  void aBinXmlValueIsInterpretedInPlace() throws Exception {
    Chunk c = new Chunk();
    int[] log = new int[1];
    c.record(1, r -> log[0] = r.template(x -> {
      x.fragmentHeader();
      x.open("Log", false).closeStart();
      x.open("Param1", false).closeStart().substitution(0, 0x01).end();
      x.end().eof();
    }, Value.string("first")));
    // a BinXML value: a fragment holding an instance of the definition above, position-independent
    byte[] inner = c.detached(x -> x.fragmentHeader().template(log[0], Value.string("inner")).eof());
    c.record(2, r -> r.template(x -> {
      x.fragmentHeader();
      x.open("Event", false).closeStart();
      x.open("UserData", false).closeStart().substitution(0, 0x21).end();
      x.end().eof();
    }, new Value(0x21, inner)));
    Reading r = read(EvtxBuilder.file(1, c.bytes()));
    assertEquals(List.of(), r.errors);
    assertEquals(Map.of("Param1", List.of("inner")), r.records.get(1).fields());
    assertEquals("<Event><UserData><Log><Param1>inner</Param1></Log></UserData></Event>", r.records.get(1).raw());
  }

  @Test
  void aTemplateThatContainsItselfIsAnErrorNotAStackOverflow() throws Exception {
    Chunk c = new Chunk();
    c.record(1, r -> {
      int here = r.pos;
      // the definition's body is a template instance of that same definition
      r.u8(0x0c).u8(1).u32(0).u32(here + 10).u32(0);
      for (int i = 0; i < 16; i++) {
        r.u8(0);
      }
      r.u32(1 + 9 + 4);
      r.u8(0x0c).u8(1).u32(0).u32(here + 10).u32(0);
      r.u32(0);
    });
    Reading r = read(EvtxBuilder.file(1, c.bytes()));
    assertEquals(List.of("f.evtx:chunk 0:record 1: templates nested deeper than the limit of 64 levels"), r.errors);
  }
}
