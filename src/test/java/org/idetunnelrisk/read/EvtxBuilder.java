package org.idetunnelrisk.read;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Test helper: writes EVTX files byte by byte from libyal's format document, so tests can build exactly
 * the structure (and the damage) they need. A {@link Chunk} lays out records from offset 512, names
 * inline at first use and by offset after, template definitions inline at first use; {@link #file} puts a
 * header with its CRC32 before the chunks. Every CRC32 is right unless a test breaks it afterwards.
 */
final class EvtxBuilder {
  static final int CHUNK = 65536;

  private EvtxBuilder() {}

  /** A value of a template instance: its type and bytes. */
  record Value(int type, byte[] bytes) {
    static Value string(String s) {
      return new Value(0x01, s.getBytes(StandardCharsets.UTF_16LE));
    }

    static Value of(int type, int... unsignedBytes) {
      byte[] b = new byte[unsignedBytes.length];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) unsignedBytes[i];
      }
      return new Value(type, b);
    }

    static Value u32(int type, long v) {
      return of(type, (int) v & 0xFF, (int) (v >> 8) & 0xFF, (int) (v >> 16) & 0xFF, (int) (v >> 24) & 0xFF);
    }

    static Value u64(int type, long v) {
      int[] b = new int[8];
      for (int i = 0; i < 8; i++) {
        b[i] = (int) (v >>> (8 * i)) & 0xFF;
      }
      return of(type, b);
    }
  }

  /** The 4096-byte file header (its chunk count as given, its CRC32 right), then the chunks. */
  static byte[] file(int chunkCount, byte[]... chunks) {
    byte[] h = new byte[4096];
    System.arraycopy("ElfFile\0".getBytes(StandardCharsets.ISO_8859_1), 0, h, 0, 8);
    le(h, 32, 128, 4);
    le(h, 36, 1, 2);
    le(h, 38, 3, 2);
    le(h, 40, 4096, 2);
    le(h, 42, chunkCount, 2);
    CRC32 c = new CRC32();
    c.update(h, 0, 120);
    le(h, 124, c.getValue(), 4);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(h);
    for (byte[] chunk : chunks) {
      out.writeBytes(chunk);
    }
    return out.toByteArray();
  }

  static void le(byte[] b, int off, long v, int n) {
    for (int i = 0; i < n; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }

  /** One chunk under construction. */
  static final class Chunk {
    final byte[] b = new byte[CHUNK];
    int pos = 512;
    private final Map<String, Integer> names = new HashMap<>();
    private long firstId = -1;
    private long lastId;

    /** Appends a record whose binary XML {@code body} writes. */
    Chunk record(long id, Consumer<Chunk> body) {
      int start = pos;
      System.arraycopy(new byte[] {0x2a, 0x2a, 0, 0}, 0, b, pos, 4);
      le(b, pos + 8, id, 8);
      le(b, pos + 16, 132_000_000_000_000_000L, 8);
      pos += 24;
      body.accept(this);
      int size = pos + 4 - start;
      le(b, start + 4, size, 4);
      le(b, pos, size, 4);
      pos += 4;
      firstId = firstId < 0 ? id : firstId;
      lastId = id;
      return this;
    }

    /** The finished chunk: header fields and both CRC32s. */
    byte[] bytes() {
      System.arraycopy("ElfChnk\0".getBytes(StandardCharsets.ISO_8859_1), 0, b, 0, 8);
      le(b, 8, firstId, 8);
      le(b, 16, lastId, 8);
      le(b, 24, firstId, 8);
      le(b, 32, lastId, 8);
      le(b, 40, 128, 4);
      le(b, 48, pos, 4);
      CRC32 c = new CRC32();
      c.update(b, 512, pos - 512);
      le(b, 52, c.getValue(), 4);
      c.reset();
      c.update(b, 0, 120);
      c.update(b, 128, 384);
      le(b, 124, c.getValue(), 4);
      return b.clone();
    }

    Chunk u8(int v) {
      b[pos++] = (byte) v;
      return this;
    }

    Chunk u16(int v) {
      le(b, pos, v, 2);
      pos += 2;
      return this;
    }

    Chunk u32(long v) {
      le(b, pos, v, 4);
      pos += 4;
      return this;
    }

    Chunk fragmentHeader() {
      return u8(0x0f).u8(1).u8(1).u8(0);
    }

    /** A name offset, then the name itself when this is its first use in the chunk. */
    Chunk name(String name) {
      Integer at = names.get(name);
      if (at != null) {
        return u32(at);
      }
      names.put(name, pos + 4);
      u32(pos + 4);
      u32(0).u16(0).u16(name.length());
      for (char c : name.toCharArray()) {
        u16(c);
      }
      return u16(0);
    }

    /** An element start: 0x01, or 0x41 when attributes follow. */
    Chunk open(String name, boolean attributes) {
      return u8(attributes ? 0x41 : 0x01).u16(0xFFFF).u32(0).name(name);
    }

    /** An attribute list's size (not checked by the reader), before the attributes. */
    Chunk attributes() {
      return u32(0);
    }

    Chunk attribute(String name) {
      return u8(0x06).name(name);
    }

    Chunk text(String s) {
      u8(0x05).u8(0x01).u16(s.length());
      for (char c : s.toCharArray()) {
        u16(c);
      }
      return this;
    }

    Chunk substitution(int id, int type) {
      return u8(0x0d).u16(id).u8(type);
    }

    Chunk optional(int id, int type) {
      return u8(0x0e).u16(id).u8(type);
    }

    Chunk closeStart() {
      return u8(0x02);
    }

    Chunk closeEmpty() {
      return u8(0x03);
    }

    Chunk end() {
      return u8(0x04);
    }

    Chunk eof() {
      return u8(0x00);
    }

    /** A template instance whose definition follows inline; returns where the definition is, for reuse. */
    int template(Consumer<Chunk> definition, Value... values) {
      u8(0x0c).u8(1).u32(0x1234);
      int def = pos + 4;
      u32(def);
      u32(0);
      for (int i = 0; i < 16; i++) {
        u8(i);
      }
      int sizeAt = pos;
      u32(0);
      int bodyStart = pos;
      definition.accept(this);
      le(b, sizeAt, pos - bodyStart, 4);
      values(values);
      return def;
    }

    /** Bytes {@code body} writes when it only refers to names and definitions already in the chunk. */
    byte[] detached(Consumer<Chunk> body) {
      int start = pos;
      body.accept(this);
      byte[] out = Arrays.copyOfRange(b, start, pos);
      Arrays.fill(b, start, pos, (byte) 0);
      pos = start;
      return out;
    }

    /** A template instance of a definition written earlier in the chunk. */
    Chunk template(int definition, Value... values) {
      u8(0x0c).u8(1).u32(0x1234).u32(definition);
      values(values);
      return this;
    }

    private void values(Value... values) {
      u32(values.length);
      for (Value v : values) {
        u16(v.bytes().length).u8(v.type()).u8(0);
      }
      for (Value v : values) {
        System.arraycopy(v.bytes(), 0, b, pos, v.bytes().length);
        pos += v.bytes().length;
      }
    }
  }

  /**
   * The usual definition: {@code <Event xmlns=...><System><Provider Name=%0/><EventID>%1</EventID>
   * <TimeCreated SystemTime=%2/><EventRecordID>%3</EventRecordID><Channel>%4</Channel>
   * <Computer>%5</Computer></System><EventData>} then one {@code <Data Name=X>%n</Data>} per data name,
   * numbered from 6.
   */
  static Consumer<Chunk> event(List<String> dataNames) {
    return c -> {
      c.fragmentHeader();
      c.open("Event", true).attributes().attribute("xmlns")
          .text("http://schemas.microsoft.com/win/2004/08/events/event").closeStart();
      c.open("System", false).closeStart();
      c.open("Provider", true).attributes().attribute("Name").optional(0, 0x01).closeEmpty();
      c.open("EventID", false).closeStart().substitution(1, 0x06).end();
      c.open("TimeCreated", true).attributes().attribute("SystemTime").optional(2, 0x11).closeEmpty();
      c.open("EventRecordID", false).closeStart().substitution(3, 0x0a).end();
      c.open("Channel", false).closeStart().substitution(4, 0x01).end();
      c.open("Computer", false).closeStart().substitution(5, 0x01).end();
      c.end();
      c.open("EventData", false).closeStart();
      for (int i = 0; i < dataNames.size(); i++) {
        c.open("Data", true).attributes().attribute("Name").text(dataNames.get(i)).closeStart()
            .optional(6 + i, 0x01).end();
      }
      c.end();
      c.end();
      c.eof();
    };
  }

  /** The System values for {@link #event}: provider, event id, a FILETIME, record id, channel, computer. */
  static List<Value> system(int eventId, long recordId) {
    List<Value> v = new ArrayList<>();
    v.add(Value.string("Microsoft-Windows-Sysmon"));
    v.add(Value.of(0x06, eventId & 0xFF, eventId >> 8));
    v.add(Value.u64(0x11, 132_000_000_000_000_000L));
    v.add(Value.u64(0x0a, recordId));
    v.add(Value.string("Microsoft-Windows-Sysmon/Operational"));
    v.add(Value.string("WS01.example.corp"));
    return v;
  }

  /** {@link #system} then the data values. */
  static Value[] values(int eventId, long recordId, Value... data) {
    List<Value> v = system(eventId, recordId);
    v.addAll(List.of(data));
    return v.toArray(new Value[0]);
  }
}
