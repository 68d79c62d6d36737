package org.idetunnelrisk.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each reader returns its first record having consumed a small part of a large input: no reading it all. */
class StreamingTest {
  /** A lazily generated input: a head, then {@code count} copies of a record, then a tail; counts what was read. */
  static final class Generated extends InputStream {
    private final byte[] head;
    private final byte[] record;
    private final byte[] tail;
    private final long total;
    long consumed;

    Generated(String head, String record, String tail, long count) {
      this.head = head.getBytes(StandardCharsets.UTF_8);
      this.record = record.getBytes(StandardCharsets.UTF_8);
      this.tail = tail.getBytes(StandardCharsets.UTF_8);
      this.total = this.head.length + count * this.record.length + this.tail.length;
    }

    @Override
    public int read() {
      if (consumed >= total) {
        return -1;
      }
      long p = consumed++;
      if (p < head.length) {
        return head[(int) p] & 0xff;
      }
      p -= head.length;
      long body = total - head.length - tail.length;
      if (p < body) {
        return record[(int) (p % record.length)] & 0xff;
      }
      return tail[(int) (p - body)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (consumed >= total) {
        return -1;
      }
      int n = 0;
      while (n < len && consumed < total) {
        b[off + n++] = (byte) read();
      }
      return n;
    }
  }

  private static final long COUNT = 5_000_000;
  private static final long SMALL = 1024 * 1024;

  private static void firstRecordEarly(Generated in, String field, String value) throws Exception {
    try (RecordReader r = Readers.open(in, "generated")) {
      Record first = r.next();
      assertEquals(List.of(value), first.fields().get(field));
      Record second = r.next();
      assertEquals(2, second.number());
    }
    assertTrue(in.consumed < SMALL, "read " + in.consumed + " bytes of " + in.total + " for two records");
    assertTrue(in.total > 100 * SMALL);
  }

  @Test
  void xmlStreams() throws Exception {
    firstRecordEarly(new Generated("<Events>\n",
        "<Event><EventData><Data Name=\"Image\">C:\\x\\devtunnel.exe</Data></EventData></Event>\n", "</Events>\n", COUNT),
        "Image", "C:\\x\\devtunnel.exe");
  }

  @Test
  void jsonLinesStream() throws Exception {
    firstRecordEarly(new Generated("", "{\"process_name\":\"devtunnel.exe\",\"pad\":\"0123456789012345678901234567890123456789\"}\n",
        "", COUNT), "process_name", "devtunnel.exe");
  }

  @Test
  void csvStreams() throws Exception {
    firstRecordEarly(new Generated("process_name,pad\r\n", "devtunnel.exe,\"0123456789, 0123456789\r\n0123456789\"\r\n", "", COUNT),
        "process_name", "devtunnel.exe");
  }
}
