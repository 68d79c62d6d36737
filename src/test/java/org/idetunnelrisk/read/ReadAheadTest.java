package org.idetunnelrisk.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadAheadTest {
  @TempDir
  Path dir;

  /** Bytes {@code i % 251} up to {@code size}, in reads of random length, then {@code failure} if any. */
  private static final class Source extends InputStream {
    private final long size;
    private final IOException failure;
    private final Random steps = new Random(5);
    private long at;
    volatile boolean closed;

    Source(long size, IOException failure) {
      this.size = size;
      this.failure = failure;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (at == size) {
        if (failure != null) {
          throw failure;
        }
        return -1;
      }
      int n = (int) Math.min(Math.min(len, 1 + steps.nextInt(3 * ReadAhead.BLOCK)), size - at);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) (at++ % 251);
      }
      return n;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void givesEveryByteOfTheSourceInOrderThenTheEnd() throws IOException {
    int size = 10 * ReadAhead.BLOCKS * ReadAhead.BLOCK + 17;
    Source s = new Source(size, null);
    byte[] got;
    try (ReadAhead in = new ReadAhead(s, "t")) {
      assertEquals(0, in.read());
      assertEquals(1, in.read());
      got = in.readAllBytes();
      assertEquals(-1, in.read());
    }
    assertEquals(size - 2, got.length);
    for (int i = 0; i < got.length; i++) {
      assertEquals((byte) ((i + 2) % 251), got[i], "byte " + (i + 2));
    }
    assertTrue(s.closed);
  }

  @Test
  void aFailureOfTheSourceComesAfterTheBytesBeforeItAndAgainOnEachRead() throws IOException {
    IOException broken = new IOException("disk gone");
    Source s = new Source(3 * ReadAhead.BLOCK + 5, broken);
    try (ReadAhead in = new ReadAhead(s, "t")) {
      byte[] head = in.readNBytes(3 * ReadAhead.BLOCK + 5);
      assertEquals(3 * ReadAhead.BLOCK + 5, head.length);
      assertSame(broken, assertThrows(IOException.class, in::read));
      assertSame(broken, assertThrows(IOException.class, () -> in.read(new byte[8], 0, 8)));
    }
    assertTrue(s.closed);
  }

  @Test
  void closingEarlyStopsTheThreadAndClosesTheSource() throws IOException {
    Source s = new Source(Long.MAX_VALUE, null);
    ReadAhead in = new ReadAhead(s, "t");
    assertEquals(100, in.readNBytes(100).length);
    in.close(); // returns although the source never ends: the thread, blocked on full blocks, is stopped
    assertTrue(s.closed);
    assertThrows(IOException.class, in::read);
    in.close();
  }

  private Path gzipFile(String name, byte[] content, int keep) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(content);
    }
    byte[] z = out.toByteArray();
    Path p = dir.resolve(name);
    Files.write(p, Arrays.copyOf(z, keep < 0 ? z.length : keep));
    return p;
  }

  private static byte[] csv(int rows) {
    StringBuilder csv = new StringBuilder("n,r\n");
    for (int i = 0; i < rows; i++) {
      csv.append(i).append(',').append(Integer.toHexString(i * 7919)).append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aGzippedFileReadsAsTheSameRecordsAsTheSameBytesFromAStream() throws IOException {
    Path p = gzipFile("r.csv.gz", csv(50_000), -1);
    Reading file = Reading.of(Readers.open(p));
    Reading stream = Reading.of(Readers.open(Files.newInputStream(p), p.toString()));
    assertEquals(50_000, file.records.size());
    assertEquals(stream.records, file.records);
    assertEquals(List.of(), file.errors);
  }

  @Test
  void aTruncatedGzippedFileIsFatalNamingTheFileAfterTheRowsBeforeTheCut() throws IOException {
    byte[] content = csv(50_000);
    Path p = gzipFile("cut.csv.gz", content, 200_000);
    Reading r = Reading.of(Readers.open(p));
    assertEquals(List.of(p + ": truncated gzip data"), r.errors);
    assertTrue(r.fatal);
    assertFalse(r.records.isEmpty());
    assertTrue(r.records.size() < 50_000);
    for (int i = 0; i < r.records.size(); i++) {
      assertEquals(i + 2, r.records.get(i).line());
    }
  }
}
