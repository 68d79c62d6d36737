package org.idetunnelrisk.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Stable ids: a hex SHA-256 prefix (128 bits) over parts, each ended by a NUL byte, so no two lists of parts give
 * the same input. The ids of risk events ({@link Engine}) and of correlation results are made here. Stateless.
 */
public final class StableId {
  private StableId() {}

  public static String of(String... parts) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
    for (String s : parts) {
      md.update(s.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
    }
    byte[] d = md.digest();
    StringBuilder sb = new StringBuilder(32);
    for (int i = 0; i < 16; i++) {
      sb.append(Character.forDigit((d[i] >> 4) & 0xf, 16)).append(Character.forDigit(d[i] & 0xf, 16));
    }
    return sb.toString();
  }
}
