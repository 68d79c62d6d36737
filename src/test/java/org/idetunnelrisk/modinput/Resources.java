package org.idetunnelrisk.modinput;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test resources and in-memory stdin for modular-input tests. */
final class Resources {
  static final Path ROOT = Path.of("src/test/resources");

  private Resources() {}

  static InputStream file(String relative) {
    try {
      return new ByteArrayInputStream(Files.readAllBytes(ROOT.resolve(relative)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InputStream text(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }
}
