package org.idetunnelrisk.read;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders EVTX substitution values as text the way Windows renders them in event XML (as
 * {@code wevtutil qe /f:xml} prints and Splunk stores {@code XmlWinEventLog}), from libyal's "Windows XML
 * Event Log (EVTX)" format document, section "Value types":
 * <ul>
 *   <li>strings (0x01 UTF-16LE, 0x02 ANSI read as windows-1252) without their trailing NULs;
 *   <li>integers (0x03 to 0x0a) in decimal, signed or unsigned as typed; 0x0d bool as {@code true}/{@code false};
 *   <li>0x0b and 0x0c floating point in the shortest decimal form, an integral value without a fraction;
 *   <li>0x0e binary as upper-case hex digits; 0x0f GUID as {@code {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}},
 *       lower case as Windows writes it;
 *   <li>0x10 size_t, 0x14 and 0x15 hex integers as {@code 0x} and lower-case hex digits, no padding;
 *   <li>0x11 FILETIME as {@code yyyy-MM-ddTHH:mm:ss.fffffffZ}; 0x12 SYSTEMTIME as {@code yyyy-MM-ddTHH:mm:ss.fffZ};
 *   <li>0x13 SID as {@code S-1-5-21-...}.
 * </ul>
 * An array (type | 0x80) is a list of such values: strings separated by their NULs, the rest of fixed size.
 * A value whose size does not fit its type, and any other type, is a {@link BinXmlException}. Stateless.
 */
final class EvtxValues {
  static final int NULL = 0x00;
  static final int STRING = 0x01;
  static final int BINXML = 0x21;
  static final int ARRAY = 0x80;
  private static final Charset ANSI = Charset.forName("windows-1252");
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final long FILETIME_EPOCH_OFFSET = 11_644_473_600L;

  private EvtxValues() {}

  /** The value of {@code type} at {@code b[off..off+size)} as text. */
  static String render(byte[] b, int off, int size, int type) {
    switch (type) {
      case STRING: return utf16(b, off, size);
      case 0x02: return ansi(b, off, size);
      case 0x03: fixed(size, 1, type); return Integer.toString(b[off]);
      case 0x04: fixed(size, 1, type); return Integer.toString(b[off] & 0xFF);
      case 0x05: fixed(size, 2, type); return Integer.toString((short) u16(b, off));
      case 0x06: fixed(size, 2, type); return Integer.toString(u16(b, off));
      case 0x07: fixed(size, 4, type); return Integer.toString(i32(b, off));
      case 0x08: fixed(size, 4, type); return Long.toString(i32(b, off) & 0xFFFF_FFFFL);
      case 0x09: fixed(size, 8, type); return Long.toString(i64(b, off));
      case 0x0a: fixed(size, 8, type); return Long.toUnsignedString(i64(b, off));
      case 0x0b: fixed(size, 4, type); return real(Float.intBitsToFloat(i32(b, off)), true);
      case 0x0c: fixed(size, 8, type); return real(Double.longBitsToDouble(i64(b, off)), false);
      case 0x0d: fixed(size, 4, type); return i32(b, off) != 0 ? "true" : "false";
      case 0x0e: return binary(b, off, size);
      case 0x0f: fixed(size, 16, type); return guid(b, off);
      case 0x10:
        if (size == 4) {
          return hex(i32(b, off) & 0xFFFF_FFFFL);
        }
        fixed(size, 8, type);
        return hex(i64(b, off));
      case 0x11: fixed(size, 8, type); return filetime(i64(b, off));
      case 0x12: fixed(size, 16, type); return systemtime(b, off);
      case 0x13: return sid(b, off, size);
      case 0x14: fixed(size, 4, type); return hex(i32(b, off) & 0xFFFF_FFFFL);
      case 0x15: fixed(size, 8, type); return hex(i64(b, off));
      default: throw new BinXmlException("unknown value type " + typeName(type));
    }
  }

  /** The items of an array value (type | 0x80): NUL-separated strings, or fixed-size values in a row. */
  static List<String> items(byte[] b, int off, int size, int type) {
    int base = type & ~ARRAY;
    List<String> out = new ArrayList<>();
    if (base == STRING || base == 0x02) {
      int unit = base == STRING ? 2 : 1;
      int start = off;
      int end = off + size - size % unit;
      for (int i = off; i < end; i += unit) {
        if (b[i] == 0 && (unit == 1 || b[i + 1] == 0)) {
          out.add(render(b, start, i - start, base));
          start = i + unit;
        }
      }
      if (start < end) {
        out.add(render(b, start, end - start, base));
      }
      return out;
    }
    if (base == 0x13) { // SIDs vary in size: each is as long as its sub-authority count says
      for (int i = off; i < off + size; ) {
        int n = off + size - i < 8 ? off + size - i : 8 + 4 * (b[i + 1] & 0xFF);
        out.add(render(b, i, Math.min(n, off + size - i), base));
        i += n;
      }
      return out;
    }
    int width = width(base, size);
    if (size % width != 0) {
      throw new BinXmlException("array value of type " + typeName(type) + " has " + size
          + " bytes, not a multiple of " + width);
    }
    for (int i = off; i < off + size; i += width) {
      out.add(render(b, i, width, base));
    }
    return out;
  }

  private static int width(int base, int size) {
    switch (base) {
      case 0x03: case 0x04: return 1;
      case 0x05: case 0x06: return 2;
      case 0x07: case 0x08: case 0x0b: case 0x0d: case 0x14: return 4;
      case 0x09: case 0x0a: case 0x0c: case 0x11: case 0x15: return 8;
      case 0x0f: case 0x12: return 16;
      case 0x10: return size % 8 == 0 ? 8 : 4;
      default: throw new BinXmlException("unknown value type " + typeName(base | ARRAY));
    }
  }

  static String typeName(int type) {
    return String.format("0x%02x", type);
  }

  private static void fixed(int size, int want, int type) {
    if (size != want) {
      throw new BinXmlException("value of type " + typeName(type) + " has " + size + " bytes, expected " + want);
    }
  }

  static int u16(byte[] b, int off) {
    return b[off] & 0xFF | (b[off + 1] & 0xFF) << 8;
  }

  static int i32(byte[] b, int off) {
    return b[off] & 0xFF | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
  }

  static long i64(byte[] b, int off) {
    return i32(b, off) & 0xFFFF_FFFFL | (long) i32(b, off + 4) << 32;
  }

  /** UTF-16LE text of {@code size} bytes (an odd last byte ignored), trailing NULs dropped. */
  static String utf16(byte[] b, int off, int size) {
    int n = size / 2;
    while (n > 0 && b[off + 2 * n - 2] == 0 && b[off + 2 * n - 1] == 0) {
      n--;
    }
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = (char) (b[off + 2 * i] & 0xFF | (b[off + 2 * i + 1] & 0xFF) << 8);
    }
    return new String(c);
  }

  private static String ansi(byte[] b, int off, int size) {
    int n = size;
    while (n > 0 && b[off + n - 1] == 0) {
      n--;
    }
    return new String(b, off, n, n == 0 || allAscii(b, off, n) ? StandardCharsets.ISO_8859_1 : ANSI);
  }

  private static boolean allAscii(byte[] b, int off, int n) {
    for (int i = off; i < off + n; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }

  private static String real(double v, boolean single) {
    if (Double.isNaN(v)) {
      return "-1.#IND";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "1.#INF" : "-1.#INF";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return single ? Float.toString((float) v) : Double.toString(v);
  }

  private static String binary(byte[] b, int off, int size) {
    char[] c = new char[2 * size];
    for (int i = 0; i < size; i++) {
      c[2 * i] = Character.toUpperCase(HEX[(b[off + i] >> 4) & 0xF]);
      c[2 * i + 1] = Character.toUpperCase(HEX[b[off + i] & 0xF]);
    }
    return new String(c);
  }

  static String guid(byte[] b, int off) {
    StringBuilder s = new StringBuilder(38).append('{');
    hexDigits(s, i32(b, off) & 0xFFFF_FFFFL, 8);
    s.append('-');
    hexDigits(s, u16(b, off + 4), 4);
    s.append('-');
    hexDigits(s, u16(b, off + 6), 4);
    s.append('-');
    for (int i = 8; i < 16; i++) {
      if (i == 10) {
        s.append('-');
      }
      hexDigits(s, b[off + i] & 0xFF, 2);
    }
    return s.append('}').toString();
  }

  private static void hexDigits(StringBuilder s, long v, int digits) {
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
      s.append(HEX[(int) (v >>> shift) & 0xF]);
    }
  }

  static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  /** 100-nanosecond ticks since 1601-01-01 UTC as {@code yyyy-MM-ddTHH:mm:ss.fffffffZ}. */
  static String filetime(long ticks) {
    long seconds = Long.divideUnsigned(ticks, 10_000_000L) - FILETIME_EPOCH_OFFSET;
    int fraction = (int) Long.remainderUnsigned(ticks, 10_000_000L);
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    StringBuilder s = new StringBuilder(28);
    pad(s, t.getYear(), 4).append('-');
    pad(s, t.getMonthValue(), 2).append('-');
    pad(s, t.getDayOfMonth(), 2).append('T');
    pad(s, t.getHour(), 2).append(':');
    pad(s, t.getMinute(), 2).append(':');
    pad(s, t.getSecond(), 2).append('.');
    return pad(s, fraction, 7).append('Z').toString();
  }

  private static String systemtime(byte[] b, int off) {
    StringBuilder s = new StringBuilder(24);
    pad(s, u16(b, off), 4).append('-');
    pad(s, u16(b, off + 2), 2).append('-');
    pad(s, u16(b, off + 6), 2).append('T');
    pad(s, u16(b, off + 8), 2).append(':');
    pad(s, u16(b, off + 10), 2).append(':');
    pad(s, u16(b, off + 12), 2).append('.');
    return pad(s, u16(b, off + 14), 3).append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder s, int v, int digits) {
    String d = Integer.toString(v);
    for (int i = d.length(); i < digits; i++) {
      s.append('0');
    }
    return s.append(d);
  }

  /** Revision, sub-authority count, 48-bit big-endian authority, then the 32-bit little-endian sub-authorities. */
  private static String sid(byte[] b, int off, int size) {
    if (size < 8) {
      throw new BinXmlException("SID value has " + size + " bytes, expected at least 8");
    }
    int count = b[off + 1] & 0xFF;
    if (size < 8 + 4 * count) {
      throw new BinXmlException("SID value has " + size + " bytes, too few for its " + count + " sub-authorities");
    }
    long authority = 0;
    for (int i = 2; i < 8; i++) {
      authority = authority << 8 | b[off + i] & 0xFF;
    }
    StringBuilder s = new StringBuilder(64).append("S-").append(b[off] & 0xFF).append('-').append(authority);
    for (int i = 0; i < count; i++) {
      s.append('-').append(i32(b, off + 8 + 4 * i) & 0xFFFF_FFFFL);
    }
    return s.toString();
  }
}
