package org.idetunnelrisk.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteLineReader} against a plain definition of its lines: split on line feeds, a carriage return
 * before one dropped, the empty piece after a final line feed not a line; a line over the bound is reported
 * as too long (as empty text); a non-empty line the filter rejects is {@link ByteLineReader#SKIPPED}. Inputs
 * are long enough to span many chunks (so helper threads filter ahead), with lines around the chunk size and
 * the bound, served whole, a few bytes per read, or failing part way.
 */
class ByteLineReaderTest {
  /** A filter that keeps lines whose first byte is 'k' (and says so from the bytes alone). */
  private static final LineFilter KEEP_K = (b, from, to) -> b[from] == 'k';

  /** What the reader should return for one line, and whether it was too long. */
  private record Line(String text, boolean tooLong) {}

  private static List<Line> expected(byte[] input, int maxBytes, LineFilter filter) {
    List<Line> out = new ArrayList<>();
    int start = 0;
    while (start < input.length) {
      int nl = start;
      while (nl < input.length && input[nl] != '\n') {
        nl++;
      }
      int end = nl > start && input[nl - 1] == '\r' ? nl - 1 : nl;
      if (end - start > maxBytes) {
        out.add(new Line("", true));
      } else if (filter != null && end > start && !filter.candidate(input, start, end)) {
        out.add(new Line(null, false));
      } else {
        out.add(new Line(new String(input, start, end - start, StandardCharsets.UTF_8), false));
      }
      start = nl + 1;
    }
    return out;
  }

  private static List<Line> read(InputStream in, int maxBytes, LineFilter filter, long[] skipped) throws IOException {
    ByteLineReader r = new ByteLineReader(in, maxBytes);
    r.filter(filter);
    List<Line> out = new ArrayList<>();
    try {
      for (String s; (s = r.readLine()) != null; ) {
        assertEquals(out.size() + 1, r.lineNumber());
        out.add(new Line(s == ByteLineReader.SKIPPED ? null : s, r.tooLong()));
      }
      skipped[0] = r.skipped();
      assertNull(r.readLine(), "stays at the end");
    } finally {
      r.close();
    }
    return out;
  }

  /** Lines of random lengths, some around the chunk size and the bound, some with CR LF, some non-ASCII. */
  private static byte[] input(SplittableRandom rnd, int lines, int maxBytes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      int kind = rnd.nextInt(20);
      int len = kind == 0 ? ByteLineReader.CHUNK - 2 + rnd.nextInt(5)
          : kind == 1 ? maxBytes - 1 + rnd.nextInt(3)
          : kind == 2 ? 0
          : kind == 3 ? ByteLineReader.CHUNK * 2 + rnd.nextInt(1000)
          : rnd.nextInt(300);
      sb.append(rnd.nextBoolean() ? 'k' : 's');
      for (int k = 1; k < len; k++) {
        sb.append(rnd.nextInt(50) == 0 ? '\u00e9' : (char) ('a' + rnd.nextInt(26)));
      }
      if (rnd.nextInt(5) == 0) {
        sb.append('\r');
      }
      if (i + 1 < lines || rnd.nextBoolean()) {
        sb.append('\n');
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Serves at most {@code most} bytes per read, and says nothing is available, as a pipe does. */
  private static InputStream trickle(byte[] data, int most) {
    return new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, most));
      }

      @Override
      public synchronized int available() {
        return 0;
      }
    };
  }

  /** Equal lists, or a failure naming the first line that differs (the lists are long). */
  private static void same(List<Line> want, List<Line> got, String what) {
    for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
      int k = i;
      if (!want.get(i).equals(got.get(i))) {
        for (int j = Math.max(0, i - 8); j <= Math.min(i + 6, Math.min(want.size(), got.size()) - 1); j++) {
          System.err.println("line " + (j + 1) + " want " + shortly(want.get(j)) + " got " + shortly(got.get(j)));
        }
      }
      assertEquals(want.get(i), got.get(i), () -> what + ": line " + (k + 1));
    }
    assertEquals(want.size(), got.size(), what + ": line count");
  }

  private static String shortly(Line l) {
    return l.tooLong() ? "TOO_LONG" : l.text() == null ? "SKIPPED" : l.text().length() + ":" + l.text().substring(0, Math.min(10, l.text().length()));
  }

  @Test
  void linesFiltersAndBoundsAreThoseOfThePlainDefinitionAcrossChunks() throws IOException {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int round = 0; round < 12; round++) {
      int maxBytes = round % 3 == 0 ? 40 : round % 3 == 1 ? ByteLineReader.CHUNK + 100 : 8 * 1024 * 1024;
      byte[] data = input(rnd, 400 + rnd.nextInt(2000), maxBytes);
      LineFilter filter = rnd.nextBoolean() ? KEEP_K : null;
      List<Line> want = expected(data, maxBytes, filter);
      long wantSkipped = want.stream().filter(l -> l.text() == null && !l.tooLong()).count();
      long[] skipped = new long[1];
      same(want, read(new ByteArrayInputStream(data), maxBytes, filter, skipped), "round " + round);
      assertEquals(wantSkipped, skipped[0]);
      same(want, read(trickle(data, 1 + rnd.nextInt(70_000)), maxBytes, filter, skipped), "trickled, round " + round);
      assertEquals(wantSkipped, skipped[0]);
    }
  }

  @Test
  void edgesOfTheInput() throws IOException {
    long[] skipped = new long[1];
    for (String text : new String[] {"", "\n", "\n\n", "a", "a\n", "a\r\n", "\r\n", "a\nb", "\r", "a\r\r\n"}) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      assertEquals(expected(b, 10, null), read(new ByteArrayInputStream(b), 10, null, skipped), text);
    }
    byte[] exact = "abcde\r\nabcdef\nabcde\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of(new Line("abcde", false), new Line("", true), new Line("abcde", false)),
        read(new ByteArrayInputStream(exact), 5, null, skipped), "a CR before the LF does not count toward the bound");
  }

  @Test
  void aFailingReadHandsOutTheWholeLinesBeforeItThenThrows() throws IOException {
    byte[] data = input(new SplittableRandom(9), 3000, 1000);
    int failAt = data.length / 2;
    ByteArrayInputStream head = new ByteArrayInputStream(data, 0, failAt);
    InputStream failing = new InputStream() {
      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = head.read(b, off, Math.min(len, 10_000));
        if (n < 0) {
          throw new IOException("disk gone");
        }
        return n;
      }

      @Override
      public int available() {
        return head.available();
      }
    };
    ByteLineReader r = new ByteLineReader(failing, 1000);
    List<Line> got = new ArrayList<>();
    IOException e = assertThrows(IOException.class, () -> {
      for (String s; (s = r.readLine()) != null; ) {
        got.add(new Line(s, r.tooLong()));
      }
    });
    assertEquals("disk gone", e.getMessage());
    int lastLf = failAt - 1;
    while (data[lastLf] != '\n') {
      lastLf--;
    }
    byte[] whole = java.util.Arrays.copyOf(data, lastLf + 1);
    same(expected(whole, 1000, null), got, "every line ended before the failure, none after");
    r.close();
  }

  @Test
  void aHugeLineIsDroppedNotKept() throws IOException {
    int maxBytes = 1000;
    byte[] huge = new byte[20 * ByteLineReader.CHUNK];
    java.util.Arrays.fill(huge, (byte) 'x');
    byte[] data = ("a\n" + new String(huge, StandardCharsets.US_ASCII) + "\nb\n").getBytes(StandardCharsets.US_ASCII);
    long[] skipped = new long[1];
    assertEquals(List.of(new Line("a", false), new Line("", true), new Line("b", false)),
        read(new ByteArrayInputStream(data), maxBytes, null, skipped));
  }

  @Test
  void keptLinesPassOverRejectedOnesAndCountThem() throws IOException {
    SplittableRandom rnd = new SplittableRandom(8);
    byte[] data = input(rnd, 5000, 1000);
    List<Line> want = expected(data, 1000, KEEP_K);
    ByteLineReader r = new ByteLineReader(new ByteArrayInputStream(data), 1000);
    r.filter(KEEP_K);
    int k = 0;
    for (String s; (s = r.readKeptLine()) != null; ) {
      while (want.get(k).text() == null && !want.get(k).tooLong()) {
        k++;
      }
      assertEquals(want.get(k), new Line(s, r.tooLong()));
      assertEquals(k + 1, r.lineNumber(), "line numbers count the rejected lines");
      k++;
    }
    assertEquals(want.stream().filter(l -> l.text() == null && !l.tooLong()).count(), r.skipped());
    r.close();
  }

  @Test
  void skippedLinesAreReturnedByIdentity() throws IOException {
    ByteLineReader r = new ByteLineReader(new ByteArrayInputStream("kept\nskip\n".getBytes(StandardCharsets.US_ASCII)), 100);
    r.filter(KEEP_K);
    assertEquals("kept", r.readLine());
    assertSame(ByteLineReader.SKIPPED, r.readLine());
    assertNull(r.readLine());
    assertEquals(1, r.skipped());
    r.close();
  }

  @Test
  void aFilterThatThrowsFailsTheRead() {
    byte[] data = input(new SplittableRandom(4), 5000, 1000);
    ByteLineReader r = new ByteLineReader(new ByteArrayInputStream(data), 1000);
    r.filter((b, from, to) -> {
      throw new IllegalStateException("filter bug");
    });
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
      while (r.readLine() != null) {
        // read on
      }
    });
    assertTrue(e.getMessage().contains("filter bug"));
  }
}
