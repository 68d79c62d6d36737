package org.idetunnelrisk.read;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The members of a tar stream (POSIX ustar, with GNU long names ({@code L}) and pax {@code path} records),
 * one at a time, from the 512-byte headers: name, size (octal, or GNU base-256), type. Only regular files
 * are handed out; directories, links and devices are passed over. A header whose checksum is wrong, a size
 * that is not a number, or data cut short is an {@link IOException} naming the offset. Not thread-safe.
 */
final class TarMembers {
  private static final int BLOCK = 512;
  /** The longest GNU long name or pax header read; a longer one is refused. */
  private static final int MAX_META = 64 * 1024;

  private final InputStream in;
  private final byte[] header = new byte[BLOCK];
  private long offset;
  private long left;
  private long padding;

  TarMembers(InputStream in) {
    this.in = in;
  }

  /** A member: its path in the archive and a stream of exactly its bytes. */
  record Member(String name, InputStream data) {}

  /** The next regular file, or null at the end; the previous member's unread bytes are skipped. */
  Member next() throws IOException {
    skip(left + padding);
    left = 0;
    padding = 0;
    String longName = null;
    while (true) {
      long at = offset;
      int n = in.readNBytes(header, 0, BLOCK);
      offset += n;
      if (n == 0 || n == BLOCK && allZero()) {
        return null; // the end-of-archive blocks, or the end of the stream
      }
      if (n < BLOCK) {
        throw new IOException("tar header at offset " + at + " cut short (" + n + " of " + BLOCK + " bytes)");
      }
      checkSum(at);
      long size = size(at);
      char type = (char) header[156];
      String name = longName != null ? longName : name();
      longName = null;
      if (type == 'L' || type == 'x') {
        if (size > MAX_META) {
          throw new IOException("tar " + (type == 'L' ? "long name" : "pax header") + " at offset " + at + " of "
              + size + " bytes, more than " + MAX_META);
        }
        byte[] meta = readFully((int) size, at);
        skip(pad(size));
        longName = type == 'L' ? cString(meta, 0, meta.length) : paxPath(meta);
        continue;
      }
      left = size;
      padding = pad(size);
      if (type == '0' || type == 0 || type == '7') {
        return new Member(name, new MemberStream());
      }
      skip(left + padding); // directories, links, devices, global pax headers: nothing to read
      left = 0;
      padding = 0;
    }
  }

  private boolean allZero() {
    for (byte b : header) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private void checkSum(long at) throws IOException {
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xFF;
    }
    long stored = octal(148, 8, at, "checksum");
    if (stored != sum) {
      throw new IOException("tar header at offset " + at + " fails its checksum (stored " + stored + ", computed "
          + sum + ")");
    }
  }

  private long size(long at) throws IOException {
    if ((header[124] & 0x80) != 0) { // GNU base-256 for sizes of 8 GiB and more
      long v = 0;
      for (int i = 125; i < 136; i++) {
        if ((v >>> 55) != 0) {
          throw new IOException("tar member size at offset " + at + " too large");
        }
        v = v << 8 | header[i] & 0xFF;
      }
      return v;
    }
    return octal(124, 12, at, "size");
  }

  private long octal(int off, int len, long at, String what) throws IOException {
    long v = 0;
    boolean digits = false;
    for (int i = off; i < off + len; i++) {
      int c = header[i];
      if (c == 0 || c == ' ') {
        if (digits) {
          break;
        }
        continue;
      }
      if (c < '0' || c > '7' || v > (Long.MAX_VALUE >> 3)) {
        throw new IOException("tar header at offset " + at + ": " + what + " is not an octal number");
      }
      v = v << 3 | c - '0';
      digits = true;
    }
    return v;
  }

  private String name() {
    String name = cString(header, 0, 100);
    if (header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a' && header[261] == 'r') {
      String prefix = cString(header, 345, 155);
      if (!prefix.isEmpty()) {
        return prefix + "/" + name;
      }
    }
    return name;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  /** The {@code path} of pax records ({@code "<length> path=<value>\n"}), or null. */
  private static String paxPath(byte[] meta) {
    String text = new String(meta, StandardCharsets.UTF_8);
    for (String record : text.split("\n")) {
      int sp = record.indexOf(' ');
      if (sp > 0 && record.startsWith("path=", sp + 1)) {
        return record.substring(sp + 1 + "path=".length());
      }
    }
    return null;
  }

  private byte[] readFully(int n, long at) throws IOException {
    byte[] b = in.readNBytes(n);
    offset += b.length;
    if (b.length < n) {
      throw new IOException("tar member at offset " + at + " cut short");
    }
    return b;
  }

  private static long pad(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private void skip(long n) throws IOException {
    while (n > 0) {
      long k = in.skip(n);
      if (k <= 0) {
        if (in.read() < 0) {
          throw new EOFException("tar data cut short at offset " + offset);
        }
        k = 1;
      }
      n -= k;
      offset += k;
    }
  }

  /** The current member's bytes, then end of stream; closing it does not close the archive. */
  private final class MemberStream extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("tar member data cut short at offset " + offset);
      }
      left -= n;
      offset += n;
      return n;
    }
  }
}
