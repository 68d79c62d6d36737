package org.idetunnelrisk.read;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes {@link ArchiveReader} with small limits and a small zip-bomb bound, so the bounds are reached by short
 * inputs. The input's first byte chooses what the rest is: 0, a zip as it comes; 1, a tar as it comes (checksums
 * and all, which random bytes rarely pass); 2 and 3, members (see {@link #members}) packed by the test into a
 * sound zip or tar, so every mutation reaches member names (hidden, long, odd characters) and member contents
 * (each sniffed and read in its own format, an archive inside refused). Property: no exception but
 * {@link InputException}, every error naming the archive ({@code fuzz.zip: ...} or {@code fuzz.zip:member...}),
 * every record named after its member; no hang (a bounded number of results for the bytes the bound lets out);
 * memory bounded by the limits (one member open at a time). Regression mode replays the seeds in
 * {@code ArchiveReaderFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (docs/testing.md, Fuzzing).
 */
class ArchiveReaderFuzzTest {
  static final String ORIGIN = "fuzz.zip";
  static final ReadLimits LIMITS = new ReadLimits(2048, 12);
  static final long BOMB_FLOOR = 64 * 1024;
  static final int RATIO = 50;

  @FuzzTest(maxDuration = "2m")
  void archive(byte[] data) throws IOException {
    check(data);
  }

  static void check(byte[] data) throws IOException {
    if (data.length == 0) {
      return;
    }
    byte[] rest = Arrays.copyOfRange(data, 1, data.length);
    int mode = data[0] & 3;
    byte[] archive = switch (mode) {
      case 0, 1 -> rest;
      case 2 -> ArchiveReaderTest.zip(members(rest).toArray());
      default -> ArchiveReaderTest.tar(members(rest).stream().map(ArchiveReaderFuzzTest::text).toArray(String[]::new));
    };
    Readers.Counting counted = new Readers.Counting(new ByteArrayInputStream(archive));
    ArchiveReader reader = new ArchiveReader(counted, ORIGIN, LIMITS, mode % 2 == 0 ? "zip" : "tar", counted,
        BOMB_FLOOR, RATIO);
    // what the bound lets out: the floor, or the ratio times the archive, plus one read's worth past the check
    long out = Math.max(BOMB_FLOOR, (long) RATIO * archive.length) + 64 * 1024;
    Drain.drainMembers(reader, ORIGIN, out);
  }

  /**
   * Name, content pairs: a count byte (1 to 4 members), then per member a name length byte (0 to 63), the name,
   * a two-byte content length and the content, each cut short where the input ends.
   */
  static List<Object> members(byte[] b) {
    List<Object> out = new ArrayList<>();
    int at = 0;
    int n = b.length == 0 ? 0 : 1 + (b[at++] & 3);
    for (int i = 0; i < n && at < b.length; i++) {
      int nameLength = b[at++] & 63;
      String name = new String(b, at, Math.min(nameLength, b.length - at), StandardCharsets.UTF_8);
      at = Math.min(b.length, at + nameLength);
      int length = at + 1 < b.length ? (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF : 0;
      at = Math.min(b.length, at + 2);
      byte[] content = Arrays.copyOfRange(b, at, Math.min(b.length, at + length));
      at += content.length;
      name = name.isEmpty() || name.endsWith("/") ? name + "m" : name; // a name, never a folder entry
      out.add(out.contains(name) ? name + "#" + i : name); // zip refuses a name twice
      out.add(content);
    }
    return out;
  }

  /** The tar writer of the tests takes names and contents as text, and names of at most 99 bytes. */
  private static String text(Object member) {
    String s = member instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : (String) member;
    return member instanceof String && s.getBytes(StandardCharsets.UTF_8).length > 99 ? s.substring(0, 24) : s;
  }
}
