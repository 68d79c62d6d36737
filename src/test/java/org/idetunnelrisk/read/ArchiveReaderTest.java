package org.idetunnelrisk.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ArchiveReader} through {@link Readers}, on zip and tar archives built in the test. */
class ArchiveReaderTest {
  /** 2026-11-20 10:00:00 UTC, the time of every member {@link #zip} writes. */
  private static final long MEMBER_TIME = 1_795_168_800_000L;
  private static final String EVENT = "{\"Image\":\"C:\\\\x\\\\devtunnel.exe\",\"Computer\":\"ws1\"}\n";

  /** A zip of name, content pairs; a name ending in / is a folder. The same members give the same bytes. */
  static byte[] zip(Object... members) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      for (int i = 0; i < members.length; i += 2) {
        ZipEntry e = new ZipEntry((String) members[i]);
        e.setTime(MEMBER_TIME); // not the clock's: the fuzz target builds zips, and its runs must repeat
        z.putNextEntry(e);
        Object c = members[i + 1];
        z.write(c instanceof byte[] bytes ? bytes : ((String) c).getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return b.toByteArray();
  }

  /** A ustar archive of name, content pairs. */
  static byte[] tar(String... members) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i < members.length; i += 2) {
      byte[] data = members[i + 1].getBytes(StandardCharsets.UTF_8);
      byte[] h = new byte[512];
      put(h, 0, members[i]);
      put(h, 100, "0000644");
      put(h, 124, String.format("%011o", data.length));
      put(h, 136, "00000000000");
      h[156] = '0';
      put(h, 257, "ustar");
      put(h, 263, "00");
      for (int k = 148; k < 156; k++) {
        h[k] = ' ';
      }
      long sum = 0;
      for (byte x : h) {
        sum += x & 0xFF;
      }
      put(h, 148, String.format("%06o", sum));
      h[154] = 0;
      b.writeBytes(h);
      b.writeBytes(data);
      b.writeBytes(new byte[(512 - data.length % 512) % 512]);
    }
    b.writeBytes(new byte[1024]);
    return b.toByteArray();
  }

  private static void put(byte[] h, int off, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, off, b.length);
  }

  private static Reading read(byte[] content, String origin) throws IOException {
    return Reading.of(Readers.open(new ByteArrayInputStream(content), origin));
  }

  @Test
  void zipMembersAreReadOneByOneEachInItsOwnFormatNamedArchiveColonMember() throws Exception {
    Reading r = read(zip("logs/", "", "logs/a.jsonl", EVENT + "[1]\n", "logs/b.xml",
        "<Event><EventData><Data Name='Image'>y.exe</Data></EventData></Event>"), "a.zip");
    assertEquals("zip", r.format);
    assertEquals(List.of("a.zip:logs/a.jsonl:2: not a JSON object: [1]"), r.errors);
    assertEquals(List.of("a.zip:logs/a.jsonl:1", "a.zip:logs/b.xml:1"),
        r.records.stream().map(x -> x.origin() + ":" + x.line()).toList());
  }

  @Test
  void hiddenMembersAreSkippedWithACount() throws Exception {
    Reading r = read(zip("__MACOSX/._a.jsonl", "\u0000\u0005\u0016\u0007binary", "a.jsonl", EVENT, ".DS_Store",
        "x", "logs/._b.jsonl", EVENT), "mac.zip");
    assertEquals(List.of(), r.errors);
    assertEquals(1, r.records.size());
    assertEquals(List.of("mac.zip: skipped 3 hidden members (__MACOSX/, ._* resource forks, dot files)"), r.notes);
  }

  @Test
  void anArchiveInsideAnArchiveIsReportedAndTheNextMemberIsRead() throws Exception {
    Reading r = read(zip("inner.zip", zip("x.jsonl", EVENT), "b.jsonl", EVENT), "outer.zip");
    assertEquals(List.of("outer.zip:inner.zip: not a format scan reads (looks like a zip archive inside an archive,"
        + " which scan does not open); member skipped"), r.errors);
    assertEquals(List.of("outer.zip:b.jsonl"), r.records.stream().map(Record::origin).toList());
  }

  @Test
  void aTarGzIsReadMemberByMember(@TempDir Path dir) throws Exception {
    Path tgz = dir.resolve("logs.tgz");
    try (GZIPOutputStream z = new GZIPOutputStream(Files.newOutputStream(tgz))) {
      z.write(tar("day1/a.jsonl", EVENT + EVENT, "day2/b.jsonl", EVENT));
    }
    Reading r = Reading.of(Readers.open(tgz));
    assertEquals("tar", r.format);
    assertEquals(List.of(), r.errors);
    assertEquals(List.of(tgz + ":day1/a.jsonl", tgz + ":day1/a.jsonl", tgz + ":day2/b.jsonl"),
        r.records.stream().map(Record::origin).toList());
  }

  @Test
  void aTarHeaderFailingItsChecksumIsFatalAfterTheMembersBeforeIt() throws Exception {
    byte[] t = tar("a.jsonl", EVENT, "b.jsonl", EVENT);
    t[1024] ^= 0x01; // the second header's name
    Reading r = read(t, "t.tar");
    assertEquals(1, r.records.size());
    assertTrue(r.fatal);
    assertTrue(r.errors.get(0).startsWith("t.tar: damaged tar data: tar header at offset 1024 fails its checksum"),
        r.errors.get(0));
  }

  @Test
  void aZipBombIsStoppedByTheRatioOfMemberBytesToArchiveBytes() throws Exception {
    byte[] lines = new byte[4 * 1024 * 1024];
    java.util.Arrays.fill(lines, (byte) '\n');
    byte[] bomb = zip("bomb.jsonl", lines);
    Readers.Counting counted = new Readers.Counting(new ByteArrayInputStream(bomb));
    Reading r = Reading.of(new ArchiveReader(counted, "bomb.zip", ReadLimits.DEFAULT, "zip", counted, 1024 * 1024, 100));
    assertTrue(r.fatal);
    assertEquals(1, r.errors.size());
    assertTrue(r.errors.get(0).startsWith("bomb.zip: "), r.errors.get(0));
    assertTrue(r.errors.get(0).endsWith(" to 1: a zip bomb? Reading stopped"), r.errors.get(0));
    assertFalse(r.errors.get(0).contains("member is skipped"));
  }

  @Test
  void aZipMemberNameThatIsNotUtf8IsFatalNamingTheArchive() throws Exception {
    byte[] z = zip("é.jsonl", EVENT);
    byte[] e = "é".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 1 < z.length; i++) { // the name in the local header: flagged UTF-8, made invalid
      if (z[i] == e[0] && z[i + 1] == e[1]) {
        z[i] = (byte) 0xFF;
        break;
      }
    }
    Reading r = read(z, "n.zip");
    assertTrue(r.fatal);
    assertTrue(r.errors.get(0).startsWith("n.zip: damaged zip data: member name: "), r.errors.get(0));
  }

  @Test
  void anEvtxMemberIsReadNatively() throws Exception {
    EvtxBuilder.Chunk c = new EvtxBuilder.Chunk();
    c.record(3, r -> r.template(EvtxBuilder.event(List.of("Image")),
        EvtxBuilder.values(1, 3, EvtxBuilder.Value.string("C:\\x\\devtunnel.exe"))));
    Reading r = read(zip("Security.evtx", EvtxBuilder.file(1, c.bytes())), "ir.zip");
    assertEquals(List.of(), r.errors);
    assertEquals("ir.zip:Security.evtx", r.only().origin());
    assertEquals(List.of("C:\\x\\devtunnel.exe"), r.only().fields().get("Image"));
  }
}
