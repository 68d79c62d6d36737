package org.idetunnelrisk.read;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens an input as a stream of records, choosing the reader from the content, never from the name.
 *
 * <p>Gzip is recognised by its magic bytes {@code 1f 8b} and read transparently; text is UTF-8, or UTF-16
 * when it starts with a UTF-16 byte order mark. Then the first {@value #SNIFF_LIMIT} bytes pick the format:
 * <ul>
 *   <li>{@code ElfFile\0}: a Windows XML Event Log file ({@link EvtxReader});
 *   <li>a zip or tar archive (a {@code .tar.gz} once unzipped): each file in it read as a file
 *       ({@link ArchiveReader}), one level deep;
 *   <li>any other binary input (the magic of an archive, a compressed stream, an executable, an older
 *       {@code .evt} log..., or a NUL byte or invalid UTF-8 in those bytes) is refused at open with one fatal
 *       {@link InputException}: {@code file: not a format scan reads (looks like ...)};
 *   <li>the first byte that is neither whitespace nor part of a UTF-8 byte order mark: {@code <} Windows
 *       event XML ({@link XmlEventReader}), <code>{</code> or {@code [} JSON lines ({@link JsonLinesReader},
 *       which reports every line that is not an object, an array included);
 *   <li>a few lines of text (at most {@value #MAX_BANNER_LINES}, no comma or quote in them) before a line
 *       that starts an XML document ({@code <?xml}, {@code <Events}, {@code <Event}), as {@code evtxexport}
 *       prints its banner: that text is skipped, keeping line numbers, with a note
 *       ({@link RecordReader#notes()}), and the rest is Windows event XML;
 *   <li>a date line {@code MM/DD/YYYY hh:mm:ss AM} then a {@code Key=Value} line: Splunk's classic WinEventLog
 *       text ({@link WinEventLogReader});
 *   <li>anything else CSV with a header ({@link CsvReader}).
 * </ul>
 * An empty input gives a reader with no records.
 *
 * <p>Example:
 * <pre>{@code
 * try (RecordReader r = Readers.open(Path.of("events.xml.gz"))) {
 *   for (Record rec; (rec = r.next()) != null; ) { ... }
 * }
 * }</pre>
 * Stateless and thread-safe; each reader it returns is for one thread.
 */
public final class Readers {
  private static final int BUFFER = 64 * 1024;
  /** How far the sniffer looks (magic bytes, binary content, the first significant byte, a banner). */
  static final int SNIFF_LIMIT = 8 * 1024;
  /** The most lines of text skipped before an XML document. */
  static final int MAX_BANNER_LINES = 8;

  private Readers() {}

  /**
   * Whether one part of a path names something a user did not mean to scan: {@code __MACOSX} (the folder macOS
   * adds to archives), or a name that starts with a dot ({@code ._x.json} resource forks, {@code .DS_Store},
   * {@code .git}), but {@code .} and {@code ..}. Archive members and folder walks pass these over.
   */
  public static boolean hidden(String part) {
    return part.equals("__MACOSX") || part.startsWith(".") && !part.equals(".") && !part.equals("..");
  }

  /** Opens {@code file} with the default limits; the origin in messages is the path as given. */
  public static RecordReader open(Path file) throws IOException {
    return open(file, ReadLimits.DEFAULT);
  }

  public static RecordReader open(Path file, ReadLimits limits) throws IOException {
    InputStream in = Files.newInputStream(file);
    try {
      return open(in, file.toString(), limits);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Opens {@code file} as {@link #open(Path, ReadLimits)} does, and skips unparsed every JSON line or CSV data
   * row that the format's filter rejects (XML is read whole; a filter only ever saves work).
   */
  public static RecordReader open(Path file, ReadLimits limits, RawFilters filters) throws IOException {
    return filtered(open(file, limits), filters);
  }

  /** Opens a stream as {@link #open(InputStream, String, ReadLimits)} does, filtered as a file would be. */
  public static RecordReader open(InputStream in, String origin, ReadLimits limits, RawFilters filters)
      throws IOException {
    return filtered(open(in, origin, limits), filters);
  }

  private static RecordReader filtered(RecordReader r, RawFilters filters) {
    if (r instanceof JsonLinesReader j && filters.jsonLine() != null) {
      j.filter(filters.jsonLine(), filters.sample());
    } else if (r instanceof CsvReader c && filters.csvRow() != null) {
      c.filter(filters.csvRow(), filters.sample());
    } else if (r instanceof ArchiveReader a) {
      a.filters(filters);
    }
    return r;
  }

  /** Opens a stream named {@code origin} (used in every message); closing the reader closes the stream. */
  public static RecordReader open(InputStream in, String origin) throws IOException {
    return open(in, origin, ReadLimits.DEFAULT);
  }

  public static RecordReader open(InputStream raw, String origin, ReadLimits limits) throws IOException {
    return open(raw, origin, limits, false);
  }

  /** Opens a member of an archive: as a file, but an archive in it is refused (one level deep only). */
  static RecordReader openMember(InputStream in, String origin, ReadLimits limits, RawFilters filters)
      throws IOException {
    RecordReader r = open(in, origin, limits, true);
    return filters == null ? r : filtered(r, filters);
  }

  private static RecordReader open(InputStream raw, String origin, ReadLimits limits, boolean member)
      throws IOException {
    Counting counted = new Counting(raw);
    BufferedInputStream in = new BufferedInputStream(counted, BUFFER);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      in = new BufferedInputStream(new GzipGuard(gunzip(in, origin), origin), BUFFER);
      in.mark(2);
      b0 = in.read();
      b1 = in.read();
      in.reset();
    }
    if (b0 == 0xFF && b1 == 0xFE || b0 == 0xFE && b1 == 0xFF) {
      // UTF-16 with its byte order mark, as PowerShell redirects write: read as UTF-8 from here on.
      in = new BufferedInputStream(new Utf8Transcoder(new InputStreamReader(in, StandardCharsets.UTF_16)), BUFFER);
    }
    byte[] head = peek(in);
    if (EvtxReader.startsWith(head, 0, EvtxReader.FILE_MAGIC)) {
      return new EvtxReader(in, origin, limits);
    }
    String archive = Sniff.archive(head);
    if (archive != null && !member) {
      return new ArchiveReader(in, origin, limits, archive, counted);
    }
    if (archive != null) {
      throw new InputException(origin + ": not a format scan reads (looks like a " + archive
          + " archive inside an archive, which scan does not open)", false);
    }
    String binary = Sniff.binaryKind(head);
    if (binary != null) {
      throw new InputException(origin + ": not a format scan reads (looks like " + binary + ")", false);
    }
    switch (Sniff.firstSignificant(head)) {
      case '<':
        return new XmlEventReader(in, origin, limits);
      case '{':
      case '[': // JSON text, never a Splunk CSV header: each line that is not an object is reported
        return new JsonLinesReader(in, origin, limits);
      case -1:
        return new JsonLinesReader(in, origin, limits);
      default:
        if (Sniff.winEventLog(head)) {
          return new WinEventLogReader(in, origin, limits);
        }
        int xmlAt = Sniff.xmlAfterBanner(head, MAX_BANNER_LINES);
        if (xmlAt > 0) {
          int lines = Sniff.lines(head, xmlAt);
          String first = Sniff.firstLine(head);
          return new XmlEventReader(new BlankedPrefix(in, xmlAt), origin, limits).note(origin + ": skipped "
              + lines + (lines == 1 ? " line" : " lines") + " of text before the XML (" + first + ")");
        }
        return new CsvReader(in, origin, limits);
    }
  }

  /**
   * Up to {@link #SNIFF_LIMIT} bytes from the start; the stream is reset to where it was. Damaged gzip data
   * within them ends the peek there: the reader meets the same error after the bytes before it.
   */
  private static byte[] peek(BufferedInputStream in) throws IOException {
    in.mark(SNIFF_LIMIT + 1);
    byte[] head = new byte[SNIFF_LIMIT];
    int n = 0;
    try {
      for (int r; n < SNIFF_LIMIT && (r = in.read(head, n, SNIFF_LIMIT - n)) != -1; ) {
        n += r;
      }
    } catch (InputException e) {
      // GzipGuard keeps it and throws it again when the reader gets there
    } finally {
      in.reset();
    }
    return java.util.Arrays.copyOf(head, n);
  }

  /** Hands on the first {@code n} bytes as spaces, line breaks kept, so line numbers stay true. */
  private static final class BlankedPrefix extends FilterInputStream {
    private long left;

    BlankedPrefix(InputStream in, long n) {
      super(in);
      this.left = n;
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c != -1 && left > 0) {
        left--;
        return c == '\n' ? c : ' ';
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      for (int i = 0; i < n && left > 0; i++, left--) {
        if (b[off + i] != '\n') {
          b[off + i] = ' ';
        }
      }
      return n;
    }
  }

  private static InputStream gunzip(InputStream in, String origin) throws IOException {
    try {
      return new GZIPInputStream(in, BUFFER);
    } catch (ZipException | EOFException e) {
      throw GzipGuard.corrupt(origin, e);
    }
  }

  /** Counts the bytes read through it: an archive's own size read so far, for the zip-bomb bound. */
  static final class Counting extends FilterInputStream {
    private long count;

    Counting(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int c = in.read();
      if (c >= 0) {
        count++;
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long k = in.skip(n);
      count += Math.max(0, k);
      return k;
    }
  }

  /** Turns a damaged gzip stream into an {@link InputException} naming the input. */
  private static final class GzipGuard extends FilterInputStream {
    private final String origin;
    /** The first failure, thrown again by every later read: the sniffer may meet it before the reader does. */
    private InputException failed;

    GzipGuard(InputStream in, String origin) {
      super(in);
      this.origin = origin;
    }

    static InputException corrupt(String origin, IOException e) {
      String why = e instanceof EOFException ? "truncated gzip data" : "corrupt gzip data: " + e.getMessage();
      return new InputException(origin + ": " + why, false, e);
    }

    @Override
    public int read() throws IOException {
      if (failed != null) {
        throw failed;
      }
      try {
        return super.read();
      } catch (ZipException | EOFException e) {
        throw failed = corrupt(origin, e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (failed != null) {
        throw failed;
      }
      try {
        return super.read(b, off, len);
      } catch (ZipException | EOFException e) {
        throw failed = corrupt(origin, e);
      }
    }
  }
}
