package org.idetunnelrisk.read;

import java.nio.charset.StandardCharsets;

/**
 * What the first bytes of an input say about its format, for {@link Readers}: binary content it does not
 * read, the first significant byte, a banner before an XML document. Stateless.
 */
final class Sniff {
  private Sniff() {}

  /** One magic number: the bytes at an offset, and what they mean. */
  private record Magic(int offset, byte[] bytes, String kind) {
    Magic(int offset, String latin1, String kind) {
      this(offset, latin1.getBytes(StandardCharsets.ISO_8859_1), kind);
    }

    boolean matches(byte[] head) {
      return EvtxReader.startsWith(head, offset, bytes);
    }
  }

  private static final Magic[] MAGICS = {
    new Magic(0, "7z\u00bc\u00af\u0027\u001c", "a 7-Zip archive; unpack it and scan its files"),
    new Magic(0, "Rar!\u001a\u0007", "a RAR archive; unpack it and scan its files"),
    new Magic(0, "\u00fd7zXZ\u0000", "xz-compressed data; decompress it first"),
    new Magic(0, "\u0028\u00b5\u002f\u00fd", "zstd-compressed data; decompress it first"),
    new Magic(0, "ElfChnk\u0000", "an EVTX chunk without its file header"),
    new Magic(4, "LfLe", "a Windows XP event log (.evt); export it as XML or .evtx"),
    new Magic(0, "regf", "a Windows registry hive"),
    new Magic(0, "SQLite format 3\u0000", "an SQLite database"),
    new Magic(0, "%PDF-", "a PDF document"),
    new Magic(0, "\u007fELF", "an ELF executable"),
    new Magic(0, "\u0089PNG", "a PNG image"),
    new Magic(0, "\u00d0\u00cf\u0011\u00e0", "an OLE document (.doc, .xls, .msg)"),
  };

  /** {@code zip} or {@code tar} when {@code head} starts an archive {@link ArchiveReader} reads, else null. */
  static String archive(byte[] head) {
    if (startsWith(head, 0, "PK\u0003\u0004") || startsWith(head, 0, "PK\u0005\u0006")) {
      return "zip";
    }
    return startsWith(head, 257, "ustar") ? "tar" : null;
  }

  /** What {@code head} looks like when it is not text scan reads, else null. */
  static String binaryKind(byte[] head) {
    for (Magic m : MAGICS) {
      if (m.matches(head)) {
        return m.kind;
      }
    }
    if (startsWith(head, 0, "BZh") && startsWith(head, 4, "1AY&SY")) {
      return "bzip2-compressed data; decompress it first";
    }
    if (head.length >= 2 && head[0] == 'M' && head[1] == 'Z' && nul(head) >= 0) {
      return "a Windows executable";
    }
    return binaryContent(head);
  }

  /** Control bytes in the sniffed prefix that can be data in text records, as ever, whatever their share. */
  static final int MAX_CONTROL_BYTES = 3;
  /** Past {@link #MAX_CONTROL_BYTES}, control bytes make the prefix binary when 1 in this many bytes or more. */
  static final int CONTROL_SHARE = 32;
  /** Invalid UTF-8 sequences that make it binary, when they are also 1 in 64 of its bytes or more. */
  static final int MAX_INVALID_UTF8 = 15;

  /**
   * Binary content: more than {@value #MAX_CONTROL_BYTES} NUL or other control bytes (not tab, line feed,
   * form feed, carriage return or escape) making 1 in {@value #CONTROL_SHARE} bytes or more (UTF-16 without a
   * byte order mark has one NUL in two; compressed or random data one in nine), or more than {@value #MAX_INVALID_UTF8} invalid UTF-8 sequences
   * making 1 in 64 bytes or more. A stray NUL or byte of another encoding in a text log is left to the
   * text readers, which keep it or replace it, record by record.
   */
  private static String binaryContent(byte[] head) {
    int controls = 0;
    int firstControl = -1;
    for (int i = 0; i < head.length; i++) {
      int c = head[i] & 0xFF;
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != 0x1b || c == 0x7f) {
        controls++;
        firstControl = firstControl < 0 ? i : firstControl;
      }
    }
    if (controls > MAX_CONTROL_BYTES && controls * CONTROL_SHARE >= head.length) {
      return "binary data: " + controls + " NUL or control bytes in the first " + head.length
          + ", the first at offset " + firstControl;
    }
    int invalid = 0;
    int firstInvalid = -1;
    for (int i = 0; i >= 0 && i < head.length; ) {
      int bad = invalidUtf8(head, i);
      if (bad < 0) {
        break;
      }
      invalid++;
      firstInvalid = firstInvalid < 0 ? bad : firstInvalid;
      i = bad + 1;
    }
    if (invalid > MAX_INVALID_UTF8 && invalid * 64 >= head.length) {
      return "binary data or text not in UTF-8: " + invalid + " invalid UTF-8 sequences in the first " + head.length
          + ", the first at offset " + firstInvalid;
    }
    return null;
  }

  private static int nul(byte[] head) {
    for (int i = 0; i < head.length; i++) {
      if (head[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /** The offset of the first byte from {@code from} on that does not start well-formed UTF-8 (a sequence cut by the end is well-formed). */
  static int invalidUtf8(byte[] b, int from) {
    int i = from;
    while (i < b.length) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int n;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        min = 0x10000;
      } else {
        return i;
      }
      int cp = c & (0x3F >> n);
      for (int k = 1; k <= n; k++) {
        if (i + k >= b.length) {
          return -1; // cut by the end of the sniffed bytes
        }
        int d = b[i + k] & 0xFF;
        if ((d & 0xC0) != 0x80) {
          return i;
        }
        cp = cp << 6 | d & 0x3F;
      }
      if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
        return i;
      }
      i += n + 1;
    }
    return -1;
  }

  /** The first byte that is not whitespace or part of a UTF-8 BOM; -1 for no bytes, a space for only those. */
  static int firstSignificant(byte[] head) {
    if (head.length == 0) {
      return -1;
    }
    for (byte x : head) {
      int c = x & 0xFF;
      if (c != 0xEF && c != 0xBB && c != 0xBF && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return c;
      }
    }
    return ' ';
  }

  /**
   * The offset of a line that starts an XML document ({@code <?xml}, {@code <Events}, {@code <Event}) after
   * at most {@code maxLines} lines of text holding no comma or double quote (so never a CSV header), or -1.
   */
  static int xmlAfterBanner(byte[] head, int maxLines) {
    int lines = 0;
    int lineStart = 0;
    for (int i = 0; i < head.length; i++) {
      byte c = head[i];
      if (c == ',' || c == '"') {
        return -1;
      }
      if (c != '\n') {
        continue;
      }
      lines++;
      lineStart = i + 1;
      if (lines > maxLines) {
        return -1;
      }
      int j = lineStart;
      while (j < head.length && (head[j] == ' ' || head[j] == '\t' || head[j] == '\r')) {
        j++;
      }
      if (startsWith(head, j, "<?xml") || startsWith(head, j, "<Events") || startsWith(head, j, "<Event")) {
        return lineStart;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] head, int at, String s) {
    return EvtxReader.startsWith(head, at, s.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Whether {@code head} starts with an event of Splunk's classic WinEventLog text ({@link WinEventLogReader}): its
   * first line that is not blank is a date {@code MM/DD/YYYY hh:mm:ss AM} and the next a {@code Key=Value} line.
   */
  static boolean winEventLog(byte[] head) {
    String text = new String(head, 0, Math.min(head.length, 1024), StandardCharsets.UTF_8);
    String[] lines = text.replace("\uFEFF", "").split("\r?\n", -1);
    int i = 0;
    while (i < lines.length && lines[i].isBlank()) {
      i++;
    }
    return i + 1 < lines.length && WinEventLogReader.starts(lines[i], lines[i + 1]);
  }

  /** Line breaks in {@code head[0..end)}. */
  static int lines(byte[] head, int end) {
    int n = 0;
    for (int i = 0; i < end; i++) {
      if (head[i] == '\n') {
        n++;
      }
    }
    return n;
  }

  /** The first non-blank line, stripped and cut to 60 characters, for a note. */
  static String firstLine(byte[] head) {
    String text = new String(head, 0, Math.min(head.length, 512), StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty()) {
        return t.length() > 60 ? t.substring(0, 60) + "..." : t;
      }
    }
    return "";
  }
}
