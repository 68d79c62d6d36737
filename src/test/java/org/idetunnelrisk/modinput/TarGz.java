package org.idetunnelrisk.modinput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Test helper: a small reader for the gzipped POSIX tar archives maven-assembly-plugin writes (ustar headers,
 * pax {@code path} records for long names). Keeps each entry's name, type, mode and bytes.
 */
public final class TarGz {
  public record Entry(String name, char type, int mode, byte[] data) {
    boolean isDirectory() {
      return type == '5';
    }
  }

  private TarGz() {}

  public static Map<String, Entry> read(Path archive) throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
      String paxPath = null;
      while (true) {
        byte[] header = in.readNBytes(512);
        if (header.length < 512 || isZero(header)) {
          break;
        }
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        int mode = (int) octal(header, 100, 8);
        long size = octal(header, 124, 12);
        char type = header[156] == 0 ? '0' : (char) header[156];
        byte[] data = in.readNBytes((int) size);
        in.readNBytes((int) ((512 - size % 512) % 512));
        if (type == 'x') {
          paxPath = paxValue(new String(data, StandardCharsets.UTF_8), "path");
          continue;
        }
        if (type == 'g') {
          continue;
        }
        String full = paxPath != null ? paxPath : prefix.isEmpty() ? name : prefix + "/" + name;
        paxPath = null;
        entries.put(full, new Entry(full, type, mode & 07777, data));
      }
    }
    return entries;
  }

  /** Writes regular files and folders under {@code dir}, with their tar modes. */
  /**
   * The package {@code mvn verify} built (system property {@code app.tgz}) unpacked into
   * {@code <splunkHome>/etc/apps}, as an admin installs it; returns the app's folder.
   */
  public static Path installBuiltApp(Path splunkHome) throws IOException {
    String tgz = System.getProperty("app.tgz");
    org.junit.jupiter.api.Assertions.assertNotNull(tgz, "system property app.tgz is not set; run through mvn verify");
    Path apps = java.nio.file.Files.createDirectories(splunkHome.resolve("etc/apps"));
    extract(read(Path.of(tgz)), apps);
    return apps.resolve("ide_tunnel_risk");
  }

  public static void extract(Map<String, Entry> entries, Path dir) throws IOException {
    for (Entry e : entries.values()) {
      Path target = dir.resolve(e.name()).normalize();
      if (!target.startsWith(dir)) {
        throw new IOException("entry outside the folder: " + e.name());
      }
      if (e.isDirectory()) {
        Files.createDirectories(target);
      } else if (e.type() == '0') {
        Files.createDirectories(target.getParent());
        Files.write(target, e.data());
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString(perms(e.mode())));
      }
    }
  }

  private static String perms(int mode) {
    String letters = "rwxrwxrwx";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      out.append((mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
    }
    return out.toString();
  }

  private static String paxValue(String records, String key) {
    for (String record : records.split("\n")) {
      int space = record.indexOf(' ');
      int eq = record.indexOf('=');
      if (space > 0 && eq > space && record.substring(space + 1, eq).equals(key)) {
        return record.substring(eq + 1);
      }
    }
    return null;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] block, int offset, int length) {
    int end = offset;
    while (end < offset + length && block[end] != 0) {
      end++;
    }
    return new String(block, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] block, int offset, int length) {
    String t = text(block, offset, length).strip();
    return t.isEmpty() ? 0 : Long.parseLong(t, 8);
  }

  static String string(Entry e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(e.data());
    return out.toString(StandardCharsets.UTF_8);
  }
}
