package org.idetunnelrisk.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input matrix for telemetry (Issue 4): each case is read through {@link Readers} with the
 * default limits, as {@code scan} reads it, and gives exactly the error named here, or is handled safely;
 * never another exception, never a hang. Big inputs are generated in a temporary folder, never committed.
 */
class HostileReadTest {
  private static final int DEEP = 100_000;
  private static final long BIG = 64L * 1024 * 1024;

  private static Reading read(byte[] bytes, String origin) throws IOException {
    return Reading.of(Readers.open(new ByteArrayInputStream(bytes), origin));
  }

  private static Reading read(String text, String origin) throws IOException {
    return read(text.getBytes(StandardCharsets.UTF_8), origin);
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(content);
    }
    return out.toByteArray();
  }

  /** Writes {@code head}, then {@code fill} repeated to {@code size} bytes, then {@code tail}. */
  private static Path big(Path dir, String name, String head, char fill, long size, String tail) throws IOException {
    Path p = dir.resolve(name);
    byte[] chunk = new byte[1 << 20];
    Arrays.fill(chunk, (byte) fill);
    try (OutputStream out = Files.newOutputStream(p)) {
      out.write(head.getBytes(StandardCharsets.UTF_8));
      for (long left = size; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
      out.write(tail.getBytes(StandardCharsets.UTF_8));
    }
    return p;
  }

  private static final String EVENT_OK = "<Event><EventData><Data Name=\"a\">ok</Data></EventData></Event>\n";

  // ---- Windows event XML

  @Test
  void xmlExternalEntityOverTheNetworkIsNeverFetched() throws Exception {
    String xml = EVENT_OK + "<!DOCTYPE Event [<!ENTITY net SYSTEM \"http://127.0.0.1:9/steal\">]>\n"
        + "<Event><EventData><Data Name=\"a\">&net;</Data></EventData></Event>\n";
    Reading r = read(xml, "net.xml");
    assertEquals(List.of("net.xml:2: DOCTYPE is not allowed (DTDs and external entities are refused); reading stopped"),
        r.errors);
    assertEquals(List.of("ok"), r.only().fields().get("a"));
  }

  @Test
  void xmlEntityExpansionBombIsRefused() throws Exception {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      xml.append(" <!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
          .append("\">\n");
    }
    xml.append("]>\n<Event><EventData><Data Name=\"a\">&lol9;</Data></EventData></Event>\n");
    Reading r = read(xml.toString(), "lolz.xml");
    assertEquals(List.of("lolz.xml:2: DOCTYPE is not allowed (DTDs and external entities are refused); reading stopped"),
        r.errors);
    assertEquals(0, r.records.size());
  }

  @Test
  void xmlEntityReferenceWithoutDoctypeIsMalformed() throws Exception {
    Reading r = read(EVENT_OK + "<Event><EventData><Data Name=\"a\">&undeclared;</Data></EventData></Event>\n", "ref.xml");
    assertEquals(List.of("ref.xml:2: malformed XML: The entity \"undeclared\" was referenced, but not declared."), r.errors);
    assertEquals(1, r.records.size());
  }

  @Test
  void xmlHundredThousandDeepEventIsSkippedAndReadingGoesOn() throws Exception {
    String xml = "<Event><UserData>" + "<x>".repeat(DEEP) + "v" + "</x>".repeat(DEEP) + "</UserData></Event>\n" + EVENT_OK;
    Reading r = read(xml, "deep.xml");
    assertEquals(List.of("deep.xml:1: event nested deeper than the limit of 64 levels"), r.errors);
    assertEquals(Map.of("a", List.of("ok")), r.only().fields());
  }

  @Test
  void xmlHundredThousandDeepForeignElementIsSkippedAndReadingGoesOn() throws Exception {
    String xml = "<Other>" + "<x>".repeat(DEEP) + "</x>".repeat(DEEP) + "</Other>\n" + EVENT_OK;
    Reading r = read(xml, "deep-other.xml");
    assertEquals(List.of("deep-other.xml:1: expected an <Event> element but found <Other>"), r.errors);
    assertEquals(Map.of("a", List.of("ok")), r.only().fields());
  }

  @Test
  void xmlInvalidCharacterIsFatalWithItsLine() throws Exception {
    Reading r = read(EVENT_OK + "<Event><EventData><Data Name=\"a\">bell\u0007</Data></EventData></Event>\n", "ctl.xml");
    assertEquals(List.of("ctl.xml:2: malformed XML: An invalid XML character (Unicode: 0x7) was found in the element"
        + " content of the document."), r.errors);
    assertTrue(r.fatal);
    assertEquals(1, r.records.size());
  }

  @Test
  void xmlNulByteIsFatalWithItsLine() throws Exception {
    Reading r = read(EVENT_OK + "<Event><EventData><Data Name=\"a\">x\u0000y</Data></EventData></Event>\n", "nul.xml");
    assertEquals(List.of("nul.xml:2: malformed XML: An invalid XML character (Unicode: 0x0) was found in the element"
        + " content of the document."), r.errors);
    assertEquals(1, r.records.size());
  }

  @Test
  void xmlInvalidUtf8BecomesReplacementCharacters() throws Exception {
    byte[] head = "<Event><EventData><Data Name=\"a\">x".getBytes(StandardCharsets.UTF_8);
    byte[] tail = "y</Data></EventData></Event>\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(head);
    b.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
    b.write(tail);
    Reading r = read(b.toByteArray(), "utf8.xml");
    assertEquals(List.of(), r.errors);
    assertEquals(List.of("x\uFFFD(\uFFFDy"), r.only().fields().get("a"));
  }

  @Test
  void xmlTruncatedDocumentIsFatalAfterEarlierEvents() throws Exception {
    Reading r = read(EVENT_OK + "<Event><EventData><Data Name=\"a\">cut", "cut.xml");
    assertEquals(List.of("cut.xml:2: malformed XML: The element type \"Data\" must be terminated by the matching end-tag"
        + " \"</Data>\"."), r.errors);
    assertTrue(r.fatal);
    assertEquals(1, r.records.size());
  }

  @Test
  void xmlDefaultNamespaceUndeclaredIsReadFuzzFind() throws Exception {
    Reading r = read("<Events xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><Event xmlns=\"\">"
        + "<EventData><Data Name=\"a\">v</Data></EventData></Event></Events>\n", "ns.xml");
    assertEquals(List.of(), r.errors);
    assertEquals("<Event xmlns=\"\"><EventData><Data Name=\"a\">v</Data></EventData></Event>", r.only().raw());
  }

  @Test
  void xmlSixtyFourMegabyteEventIsReportedAndReadingGoesOn(@TempDir Path dir) throws Exception {
    Path p = big(dir, "big.xml", "<Event><EventData><Data Name=\"a\">", 'z', BIG, "</Data></EventData></Event>\n" + EVENT_OK);
    Reading r = Reading.of(Readers.open(p));
    assertEquals(List.of(p + ":1: event larger than the limit of 8388608 characters"), r.errors);
    assertEquals(Map.of("a", List.of("ok")), r.only().fields());
  }

  // ---- JSON lines

  @Test
  void jsonHundredThousandDeepIsReportedAndReadingGoesOn() throws Exception {
    String deep = "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP);
    Reading r = read(deep + "\n{\"b\":\"2\"}\n", "deep.jsonl");
    assertEquals(List.of("deep.jsonl:1: nested deeper than the limit of 64 levels"), r.errors);
    assertEquals(Map.of("b", List.of("2")), r.only().fields());
  }

  @Test
  void jsonHundredThousandDeepArrayIsReportedAndReadingGoesOn() throws Exception {
    String deep = "{\"a\":" + "[".repeat(DEEP) + "]".repeat(DEEP) + "}";
    Reading r = read(deep + "\n{\"b\":\"2\"}\n", "deep-array.jsonl");
    assertEquals(List.of("deep-array.jsonl:1: nested deeper than the limit of 64 levels"), r.errors);
    assertEquals(1, r.records.size());
  }

  @Test
  void jsonSixtyFourMegabyteRecordIsReportedAndReadingGoesOn(@TempDir Path dir) throws Exception {
    Path p = big(dir, "big.jsonl", "{\"a\":\"", 'z', BIG, "\"}\n{\"b\":\"2\"}\n");
    Reading r = Reading.of(Readers.open(p));
    assertEquals(List.of(p + ":1: line longer than the limit of 8388608 bytes"), r.errors);
    assertEquals(2, r.only().line());
    assertEquals(Map.of("b", List.of("2")), r.only().fields());
  }

  @Test
  void jsonInvalidUtf8BecomesReplacementCharacters() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write("{\"a\":\"x".getBytes(StandardCharsets.UTF_8));
    b.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
    b.write("y\"}\n".getBytes(StandardCharsets.UTF_8));
    Reading r = read(b.toByteArray(), "utf8.jsonl");
    assertEquals(List.of(), r.errors);
    assertEquals(List.of("x\uFFFD(\uFFFDy"), r.only().fields().get("a"));
  }

  @Test
  void jsonNulBytesAreKeptAsData() throws Exception {
    Reading r = read("{\"a\":\"x\u0000y\",\"b\":\"\\u0000\"}\n", "nul.jsonl");
    assertEquals(List.of(), r.errors);
    assertEquals(Map.of("a", List.of("x\u0000y"), "b", List.of("\u0000")), r.only().fields());
  }

  @Test
  void jsonUnbalancedQuoteIsReportedAndReadingGoesOn() throws Exception {
    Reading r = read("{\"a\":\"open}\n{\"b\":\"2\"}\n", "quote.jsonl");
    assertEquals(List.of("quote.jsonl:1: malformed JSON: Unterminated string at line 1 column 12 path $.a"), r.errors);
    assertEquals(Map.of("b", List.of("2")), r.only().fields());
  }

  @Test
  void jsonTruncatedLastLineIsReported() throws Exception {
    Reading r = read("{\"b\":\"2\"}\n{\"a\":[1,2", "cut.jsonl");
    assertEquals(List.of("cut.jsonl:2: malformed JSON: End of input at line 1 column 10 path $.a[2]"), r.errors);
    assertEquals(1, r.records.size());
  }

  @Test
  void jsonDuplicateKeysKeepEveryValueSoNoneCanBeHidden() throws Exception {
    Reading r = read("{\"user\":\"alice\",\"o\":{\"x\":\"1\"},\"user\":[\"SYSTEM\",\"bob\"],\"o\":{\"x\":\"2\"}}\n",
        "dup.jsonl");
    assertEquals(List.of(), r.errors);
    assertEquals(Map.of("user", List.of("alice", "SYSTEM", "bob"), "o.x", List.of("1", "2")), r.only().fields());
  }

  // ---- CSV

  @Test
  void csvSixtyFourMegabyteRowIsReportedAndReadingGoesOn(@TempDir Path dir) throws Exception {
    Path p = big(dir, "big.csv", "a,b\n\"", 'z', BIG, "\",1\nok,2\n");
    Reading r = Reading.of(Readers.open(p));
    assertEquals(List.of(p + ":2: row longer than the limit of 8388608 bytes"), r.errors);
    assertEquals(Map.of("a", List.of("ok"), "b", List.of("2")), r.only().fields());
    assertEquals(3, r.only().line());
  }

  @Test
  void csvInvalidUtf8BecomesReplacementCharacters() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write("a,b\nx".getBytes(StandardCharsets.UTF_8));
    b.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
    b.write("y,1\n".getBytes(StandardCharsets.UTF_8));
    Reading r = read(b.toByteArray(), "utf8.csv");
    assertEquals(List.of(), r.errors);
    assertEquals(List.of("x\uFFFD(\uFFFDy"), r.only().fields().get("a"));
  }

  @Test
  void csvNulBytesAreKeptAsData() throws Exception {
    Reading r = read("a,b\nx\u0000y,\"\u0000\"\n", "nul.csv");
    assertEquals(List.of(), r.errors);
    assertEquals(Map.of("a", List.of("x\u0000y"), "b", List.of("\u0000")), r.only().fields());
  }

  @Test
  void csvQuoteInsideAnUnquotedCellIsData() throws Exception {
    Reading r = read("a,b\nx\"y,1\n", "midquote.csv");
    assertEquals(List.of(), r.errors);
    assertEquals(List.of("x\"y"), r.only().fields().get("a"));
  }

  @Test
  void csvUnbalancedQuoteIsFatalAtTheRowWhereItOpened() throws Exception {
    Reading r = read("a,b\n1,2\n\"open,3\n4,5\n", "open.csv");
    assertEquals(List.of("open.csv:3: quoted field not closed before the end of input"), r.errors);
    assertTrue(r.fatal);
    assertEquals(1, r.records.size());
  }

  @Test
  void csvHeaderWithDuplicateNamesIsFatal() throws Exception {
    Reading r = read("user,dest,user\n1,2,3\n", "dup.csv");
    assertEquals(List.of("dup.csv:1: header repeats column name 'user' at positions 1 and 3"), r.errors);
    assertTrue(r.fatal);
  }

  @Test
  void csvHeaderWithEmptyNameIsFatal() throws Exception {
    Reading r = read("user,,dest\n1,2,3\n", "empty.csv");
    assertEquals(List.of("empty.csv:1: header has an empty column name at position 2"), r.errors);
    assertTrue(r.fatal);
  }

  // ---- gzip

  @Test
  void truncatedGzipCsvIsFatalNamingTheInput() throws Exception {
    StringBuilder csv = new StringBuilder("n,r\n");
    for (int i = 0; i < 5000; i++) {
      csv.append(i).append(',').append(Integer.toHexString(i * 7919)).append('\n');
    }
    byte[] z = gzip(csv.toString().getBytes(StandardCharsets.UTF_8));
    Reading r = read(Arrays.copyOf(z, z.length / 2), "cut.csv.gz");
    assertEquals(List.of("cut.csv.gz: truncated gzip data"), r.errors);
    assertTrue(r.fatal);
  }

  @Test
  void corruptGzipBodyIsFatalNamingTheInput() throws Exception {
    byte[] z = gzip((EVENT_OK.repeat(200)).getBytes(StandardCharsets.UTF_8));
    for (int i = 20; i < z.length - 20; i++) {
      z[i] = (byte) 0xFF;
    }
    InputException e = assertThrows(InputException.class, () -> read(z, "bad.xml.gz"));
    assertEquals("bad.xml.gz: corrupt gzip data: invalid literal/lengths set", e.getMessage());
    assertFalse(e.recoverable());
  }

  @Test
  void corruptGzipTrailerIsFatalNamingTheInput() throws Exception {
    byte[] z = gzip("{\"a\":\"1\"}\n".getBytes(StandardCharsets.UTF_8));
    z[z.length - 6] ^= 0x55; // the CRC-32
    Reading r = read(z, "crc.jsonl.gz");
    assertEquals(List.of("crc.jsonl.gz: corrupt gzip data: Corrupt GZIP trailer"), r.errors);
    assertTrue(r.fatal);
  }

  @Test
  void gzipMagicWithAGarbageHeaderIsRefusedAtOpen() {
    byte[] bytes = {0x1f, (byte) 0x8b, 0x07, 0x00, 0x00};
    InputException e = assertThrows(InputException.class,
        () -> Readers.open(new ByteArrayInputStream(bytes), "magic.gz"));
    assertEquals("magic.gz: corrupt gzip data: Unsupported compression method", e.getMessage());
    assertFalse(e.recoverable());
  }
}
