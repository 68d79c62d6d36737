package org.idetunnelrisk.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvRecordCutterTest {
  /** What the cutter reports for one record. */
  private record Cut(String text, long line, boolean tooLong, boolean unclosed, boolean blank) {}

  /** Hands out at most {@code step} bytes per read, so records and quote pairs straddle the read buffer. */
  private static final class Trickle extends InputStream {
    private final byte[] data;
    private final Random steps;
    private final int step;
    private int at;

    Trickle(byte[] data, int step, long seed) {
      this.data = data;
      this.step = step;
      this.steps = new Random(seed);
    }

    @Override
    public int read() {
      return at < data.length ? data[at++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (at == data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + steps.nextInt(step)), data.length - at);
      System.arraycopy(data, at, b, off, n);
      at += n;
      return n;
    }
  }

  private static List<Cut> cut(InputStream in, int max) throws IOException {
    CsvRecordCutter c = new CsvRecordCutter(in, max);
    List<Cut> out = new ArrayList<>();
    while (c.next()) {
      String text = c.tooLong() ? "" : new String(c.bytes(), c.from(), c.length(), StandardCharsets.ISO_8859_1);
      out.add(new Cut(text, c.startLine(), c.tooLong(), c.unclosed(), c.blank()));
    }
    return out;
  }

  /** The cutting rules read byte by byte, as a plain state machine: the reference for the word-at-a-time cutter. */
  private static List<Cut> reference(byte[] data, int max) {
    List<Cut> out = new ArrayList<>();
    int i = 0;
    if (data.length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB && (data[2] & 0xff) == 0xBF) {
      i = 3;
    }
    long line = 1;
    while (i < data.length) {
      long start = line;
      int from = i;
      int state = 0; // 0 field start, 1 unquoted, 2 quoted, 3 quote in quoted
      int end = -1;
      for (; i < data.length; i++) {
        byte b = data[i];
        if (b == '\n') {
          line++;
          if (state != 2) {
            end = i++;
            break;
          }
        } else if (b == '"') {
          state = state == 0 ? 2 : state == 2 ? 3 : state == 3 ? 2 : 1;
        } else if (b == ',') {
          state = state == 2 ? 2 : 0;
        } else if (state == 0 || state == 3) {
          state = 1;
        }
      }
      int to = end >= 0 ? end : data.length;
      int n = to - from;
      boolean cr = n > 0 && data[to - 1] == '\r';
      boolean tooLong = n - (cr ? 1 : 0) > max;
      String text = tooLong ? "" : new String(data, from, n, StandardCharsets.ISO_8859_1);
      boolean blank = !tooLong && (n == 0 || n == 1 && cr);
      out.add(new Cut(text, start, tooLong, end < 0 && state == 2, blank));
    }
    return out;
  }

  @Test
  void cutsLikeTheByteByByteStateMachineOnRandomCsvWithRecordsAcrossReadBuffers() throws IOException {
    String alphabet = "\"\"\",,,\n\n\r abcxyz€$;";
    Random r = new Random(7);
    for (int round = 0; round < 3000; round++) {
      StringBuilder sb = new StringBuilder(round % 5 == 0 ? "\uFEFF" : "");
      int len = r.nextInt(round < 2000 ? 60 : 400);
      for (int k = 0; k < len; k++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      byte[] data = sb.toString().getBytes(StandardCharsets.UTF_8);
      int max = 1 + r.nextInt(40);
      List<Cut> expected = reference(data, max);
      assertEquals(expected, cut(new ByteArrayInputStream(data), max), sb::toString);
      assertEquals(expected, cut(new Trickle(data, 1 + r.nextInt(9), round), max), sb::toString);
    }
  }

  @Test
  void aRecordLongerThanTheReadBufferIsGatheredWhole() throws IOException {
    String cell = "x".repeat(100_000);
    String text = "a,b\n1,\"" + cell + "\n" + cell + "\"\"\"\n2,z\n";
    List<Cut> cuts = cut(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 300_000);
    assertEquals(List.of(
        new Cut("a,b", 1, false, false, false),
        new Cut("1,\"" + cell + "\n" + cell + "\"\"\"", 2, false, false, false),
        new Cut("2,z", 4, false, false, false)), cuts);
  }
}
