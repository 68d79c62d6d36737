package org.idetunnelrisk.engine;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR form ({@code 10.0.0.0/8}, {@code fd00::/8}), for Sigma's {@code cidr}
 * modifier. Addresses are parsed here from text (no name lookup ever happens: {@code java.net} is not used).
 */
public final class IpNetwork {
  private final byte[] network;
  private final int prefix;
  private final String text;

  private IpNetwork(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /**
   * Parses {@code address/prefix} (or a bare address, a /32 or /128).
   *
   * @throws IllegalArgumentException with a message naming the text when it is not a network
   */
  public static IpNetwork parse(String cidr) {
    String s = cidr.trim();
    int slash = s.indexOf('/');
    byte[] addr = parseAddress(slash < 0 ? s : s.substring(0, slash));
    if (addr == null) {
      throw new IllegalArgumentException("'" + cidr + "' is not an IP network in CIDR form");
    }
    int bits = addr.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0.." + bits);
      }
    }
    return new IpNetwork(mask(addr, prefix), prefix, s);
  }

  /** Whether {@code address} (text) is an address inside this network; false for anything not an address. */
  public boolean contains(String address) {
    byte[] a = parseAddress(address.trim());
    if (a == null || a.length != network.length) {
      return false;
    }
    return Arrays.equals(mask(a, prefix), network);
  }

  private static byte[] mask(byte[] addr, int prefix) {
    byte[] m = addr.clone();
    for (int i = 0; i < m.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      m[i] = (byte) (m[i] & (0xff << (8 - keep)));
    }
    return m;
  }

  /** Parses dotted IPv4 or IPv6 text (with {@code ::} and an embedded IPv4 tail); null when not an address. */
  static byte[] parseAddress(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return null;
    }
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    if (s.indexOf(':') < 0) {
      return parseV4(s);
    }
    return parseV6(s);
  }

  private static byte[] parseV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3) {
        return null;
      }
      int v = 0;
      for (int j = 0; j < p.length(); j++) {
        char c = p.charAt(j);
        if (c < '0' || c > '9') {
          return null;
        }
        v = v * 10 + (c - '0');
      }
      if (v > 255) {
        return null;
      }
      b[i] = (byte) v;
    }
    return b;
  }

  private static byte[] parseV6(String s) {
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return null;
    }
    String head = dbl >= 0 ? s.substring(0, dbl) : s;
    String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
    int[] h = groups(head);
    int[] t = groups(tail);
    if (h == null || t == null) {
      return null;
    }
    int total = h.length + t.length;
    if ((dbl < 0 && total != 8) || (dbl >= 0 && total > 7)) {
      return null;
    }
    byte[] b = new byte[16];
    for (int i = 0; i < h.length; i++) {
      b[i * 2] = (byte) (h[i] >> 8);
      b[i * 2 + 1] = (byte) h[i];
    }
    for (int i = 0; i < t.length; i++) {
      int at = 8 - t.length + i;
      b[at * 2] = (byte) (t[i] >> 8);
      b[at * 2 + 1] = (byte) t[i];
    }
    return b;
  }

  /** Colon-separated 16-bit groups; a last group in dotted IPv4 form counts as two. */
  private static int[] groups(String s) {
    if (s.isEmpty()) {
      return new int[0];
    }
    String[] parts = s.split(":", -1);
    int[] out = new int[parts.length + 1];
    int n = 0;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (i == parts.length - 1 && p.indexOf('.') >= 0) {
        byte[] v4 = parseV4(p);
        if (v4 == null) {
          return null;
        }
        out[n++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
        out[n++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        continue;
      }
      if (p.isEmpty() || p.length() > 4) {
        return null;
      }
      int v = 0;
      for (int j = 0; j < p.length(); j++) {
        int d = Character.digit(p.charAt(j), 16);
        if (d < 0) {
          return null;
        }
        v = v * 16 + d;
      }
      out[n++] = v;
    }
    return Arrays.copyOf(out, n);
  }

  @Override
  public String toString() {
    return text;
  }
}
