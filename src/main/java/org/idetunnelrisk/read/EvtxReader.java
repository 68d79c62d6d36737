package org.idetunnelrisk.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Windows XML Event Log files ({@code .evtx}), read natively, chunk by chunk, from libyal's "Windows XML
 * Event Log (EVTX)" format document: a 4096-byte file header ({@code ElfFile\0}, CRC32 of its first 120
 * bytes), then 64 KiB chunks ({@code ElfChnk\0}; a 512-byte header whose CRC32 covers bytes 0-120 and
 * 128-512; the event records from byte 512 to the free-space offset, with their own CRC32), each record
 * ({@code **\0\0}, size, record identifier, written time, binary XML, size again) an event in binary XML
 * ({@link BinXml}, values rendered by {@link EvtxValues}).
 *
 * <p>Records are the same as {@link XmlEventReader} gives for the event as Windows renders it in XML: the
 * same fields ({@link EventFields}), and {@link Record#raw()} the event as XML text. {@link Record#line()}
 * is the record's ordinal in the file, as {@link Record#number()}.
 *
 * <p>Dirty files (a log copied while open, or not closed cleanly): the header's chunk count is not trusted;
 * every 64 KiB block after the header is read, an all-zero one skipped as unused. A block that is not a
 * chunk, or whose header or records fail their CRC32, is reported as {@code file:chunk N (offset X): reason}
 * (N counts from 0) and skipped, recoverably, and the next chunk is read. A record that cannot be read is
 * reported as {@code file:chunk N:record ID: reason} and skipped; a record whose size fields disagree ends
 * its chunk. A header that is not whole, or a truncated last chunk, is a fatal error after the records
 * before it. Memory: one chunk buffer and the chunk's names, whatever the file's size; one event is bounded
 * as {@link BinXml} says. Not thread-safe.
 */
final class EvtxReader implements RecordReader {
  static final int FILE_HEADER_SIZE = 4096;
  static final int CHUNK_SIZE = 64 * 1024;
  static final int CHUNK_HEADER_SIZE = 512;
  static final byte[] FILE_MAGIC = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};
  static final byte[] CHUNK_MAGIC = {'E', 'l', 'f', 'C', 'h', 'n', 'k', 0};
  private static final int RECORD_HEADER_SIZE = 24;

  private final InputStream in;
  private final String origin;
  private final byte[] chunk = new byte[CHUNK_SIZE];
  private final BinXml binXml;
  private final CRC32 crc = new CRC32();
  private final List<String> notes = new ArrayList<>(1);
  private boolean headerRead;
  private boolean done;
  private long chunkIndex = -1;
  private long chunksRead;
  private int headerChunkCount = -1;
  /** Offset of the next record in {@link #chunk}, or -1 when the chunk holds no more. */
  private int recordPos = -1;
  private int recordsEnd;
  private long number;

  EvtxReader(InputStream in, String origin, ReadLimits limits) {
    this.in = in;
    this.origin = origin;
    this.binXml = new BinXml(chunk, limits);
  }

  @Override
  public Record next() throws IOException {
    if (!headerRead) {
      headerRead = true;
      readHeader();
    }
    while (!done || recordPos >= 0) {
      if (recordPos >= 0) {
        Record r = nextRecord();
        if (r != null) {
          return r;
        }
      } else {
        loadChunk();
      }
    }
    return null;
  }

  private void readHeader() throws IOException {
    byte[] h = in.readNBytes(FILE_HEADER_SIZE);
    if (h.length < FILE_HEADER_SIZE) {
      done = true;
      throw new InputException(origin + ": EVTX file header truncated (" + h.length + " of " + FILE_HEADER_SIZE
          + " bytes)", false);
    }
    if (!startsWith(h, 0, FILE_MAGIC)) {
      done = true;
      throw new InputException(origin + ": not an EVTX file (no ElfFile signature)", false);
    }
    headerChunkCount = EvtxValues.u16(h, 42);
    crc.reset();
    crc.update(h, 0, 120);
    int stored = EvtxValues.i32(h, 124);
    if ((int) crc.getValue() != stored) {
      throw new InputException(origin + ": EVTX file header checksum mismatch (stored " + hex(stored) + ", computed "
          + hex((int) crc.getValue()) + "); its chunks are read all the same", true);
    }
  }

  /** Reads the next 64 KiB block; leaves {@link #recordPos} at its first record when it is a sound chunk. */
  private void loadChunk() throws IOException {
    int n = in.readNBytes(chunk, 0, CHUNK_SIZE);
    if (n == 0) {
      done = true;
      if (headerChunkCount >= 0 && chunksRead != headerChunkCount) {
        notes.add(origin + ": the file header counts " + headerChunkCount + " chunks but " + chunksRead
            + " were read (a log not closed cleanly)");
      }
      return;
    }
    chunkIndex++;
    String where = origin + ":chunk " + chunkIndex + " (offset " + (FILE_HEADER_SIZE + chunkIndex * CHUNK_SIZE) + ")";
    if (n < CHUNK_SIZE) {
      done = true;
      if (allZero(0, n)) {
        return;
      }
      throw new InputException(where + ": truncated (" + n + " of " + CHUNK_SIZE + " bytes); reading stopped",
          false);
    }
    if (!startsWith(chunk, 0, CHUNK_MAGIC)) {
      if (allZero(0, CHUNK_SIZE)) {
        return; // unused space after the last chunk
      }
      throw new InputException(where + ": not a chunk (no ElfChnk signature); skipped", true);
    }
    chunksRead++;
    crc.reset();
    crc.update(chunk, 0, 120);
    crc.update(chunk, 128, CHUNK_HEADER_SIZE - 128);
    int stored = EvtxValues.i32(chunk, 124);
    if ((int) crc.getValue() != stored) {
      throw new InputException(where + ": chunk header checksum mismatch (stored " + hex(stored) + ", computed "
          + hex((int) crc.getValue()) + "); skipped", true);
    }
    int free = EvtxValues.i32(chunk, 48);
    if (free < CHUNK_HEADER_SIZE || free > CHUNK_SIZE) {
      throw new InputException(where + ": free space offset " + Integer.toUnsignedString(free)
          + " outside the chunk; skipped", true);
    }
    crc.reset();
    crc.update(chunk, CHUNK_HEADER_SIZE, free - CHUNK_HEADER_SIZE);
    stored = EvtxValues.i32(chunk, 52);
    if ((int) crc.getValue() != stored) {
      throw new InputException(where + ": event records checksum mismatch (stored " + hex(stored) + ", computed "
          + hex((int) crc.getValue()) + "); skipped", true);
    }
    binXml.reset();
    recordPos = CHUNK_HEADER_SIZE;
    recordsEnd = free;
  }

  /** The next record of the current chunk, or null at its end. */
  private Record nextRecord() {
    int pos = recordPos;
    if (pos > recordsEnd - RECORD_HEADER_SIZE - 4) {
      recordPos = -1;
      return null;
    }
    String where = origin + ":chunk " + chunkIndex;
    if (chunk[pos] != '*' || chunk[pos + 1] != '*' || chunk[pos + 2] != 0 || chunk[pos + 3] != 0) {
      recordPos = -1;
      if (allZero(pos, recordsEnd)) {
        return null;
      }
      throw new InputException(where + ": no event record at offset " + pos + " (no ** signature); rest of the chunk skipped", true);
    }
    int size = EvtxValues.i32(chunk, pos + 4);
    long id = EvtxValues.i64(chunk, pos + 8);
    where += ":record " + Long.toUnsignedString(id);
    if (size < RECORD_HEADER_SIZE + 4 || size > recordsEnd - pos) {
      recordPos = -1;
      throw new InputException(where + ": size " + Integer.toUnsignedString(size) + " at offset " + pos
          + " runs past the chunk's records; rest of the chunk skipped", true);
    }
    int copy = EvtxValues.i32(chunk, pos + size - 4);
    if (copy != size) {
      recordPos = -1;
      throw new InputException(where + ": size " + size + " at offset " + pos + " but " + Integer.toUnsignedString(copy)
          + " at its end; rest of the chunk skipped", true);
    }
    recordPos = pos + size;
    EventNode event;
    try {
      event = binXml.event(pos + RECORD_HEADER_SIZE, pos + size - 4);
    } catch (BinXmlException e) {
      throw new InputException(where + ": " + e.getMessage(), true);
    }
    StringBuilder raw = new StringBuilder(1024);
    event.writeXml(raw);
    number++;
    return new Record(origin, number, number, EventFields.of(event), raw.toString());
  }

  private boolean allZero(int from, int to) {
    for (int i = from; i < to; i++) {
      if (chunk[i] != 0) {
        return false;
      }
    }
    return true;
  }

  static boolean startsWith(byte[] b, int off, byte[] magic) {
    if (b.length - off < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (b[off + i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static String hex(int v) {
    return String.format("0x%08x", v);
  }

  @Override
  public List<String> notes() {
    return notes;
  }

  @Override
  public String format() {
    return "evtx";
  }

  @Override
  public void close() throws IOException {
    done = true;
    recordPos = -1;
    in.close();
  }
}
