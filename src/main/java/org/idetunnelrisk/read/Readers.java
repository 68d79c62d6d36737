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
 * when it starts with a UTF-16 byte order mark. Then the first byte that
 * is neither whitespace nor part of a UTF-8 byte order mark picks the format: {@code <} Windows event
 * XML ({@link XmlEventReader}), <code>{</code> or {@code [} JSON lines ({@link JsonLinesReader}, which
 * reports every line that is not an object, an array included), anything else CSV with a header
 * ({@link CsvReader}). An empty input gives a reader with no records.
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
  /** How far the sniffer looks for the first significant byte before it settles on CSV. */
  private static final int SNIFF_LIMIT = 8 * 1024;

  private Readers() {}

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
      j.filter(filters.jsonLine());
    } else if (r instanceof CsvReader c && filters.csvRow() != null) {
      c.filter(filters.csvRow());
    }
    return r;
  }

  /** Opens a stream named {@code origin} (used in every message); closing the reader closes the stream. */
  public static RecordReader open(InputStream in, String origin) throws IOException {
    return open(in, origin, ReadLimits.DEFAULT);
  }

  public static RecordReader open(InputStream raw, String origin, ReadLimits limits) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
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
    switch (sniff(in)) {
      case '<':
        return new XmlEventReader(in, origin, limits);
      case '{':
      case '[': // JSON text, never a Splunk CSV header: each line that is not an object is reported
        return new JsonLinesReader(in, origin, limits);
      case -1:
        return new JsonLinesReader(in, origin, limits);
      default:
        return new CsvReader(in, origin, limits);
    }
  }

  private static InputStream gunzip(InputStream in, String origin) throws IOException {
    try {
      return new GZIPInputStream(in, BUFFER);
    } catch (ZipException | EOFException e) {
      throw GzipGuard.corrupt(origin, e);
    }
  }

  /** The first byte that is not whitespace or a UTF-8 BOM, or -1 for an empty input; the stream is reset. */
  private static int sniff(BufferedInputStream in) throws IOException {
    in.mark(SNIFF_LIMIT + 1);
    try {
      for (int i = 0; i < SNIFF_LIMIT; i++) {
        int b = in.read();
        if (b == -1) {
          return i == 0 ? -1 : ' ';
        }
        if (b == 0xEF || b == 0xBB || b == 0xBF || b == ' ' || b == '\t' || b == '\r' || b == '\n') {
          continue;
        }
        return b;
      }
      return ' ';
    } finally {
      in.reset();
    }
  }

  /** Turns a damaged gzip stream into an {@link InputException} naming the input. */
  private static final class GzipGuard extends FilterInputStream {
    private final String origin;

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
      try {
        return super.read();
      } catch (ZipException | EOFException e) {
        throw corrupt(origin, e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (ZipException | EOFException e) {
        throw corrupt(origin, e);
      }
    }
  }
}
