package org.idetunnelrisk.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Test helper: an installed-app folder under a temporary folder, holding what {@link AppHome} reads as the
 * package ships it (default/app.conf, default/ide_tunnel_risk.conf, fields/, lookups/, rules/), for tests to add
 * local files to.
 */
public final class TestApp {
  private TestApp() {}

  public static Path create(Path parent) throws IOException {
    Path app = Files.createDirectories(parent.resolve("ide_tunnel_risk"));
    Files.createDirectories(app.resolve("default"));
    Files.copy(Path.of("default/app.conf"), app.resolve("default/app.conf"));
    Files.copy(Path.of("default/ide_tunnel_risk.conf"), app.resolve("default/ide_tunnel_risk.conf"));
    for (String folder : new String[] {"fields", "lookups", "rules"}) {
      Path to = Files.createDirectories(app.resolve(folder));
      try (Stream<Path> files = Files.list(Path.of("app", folder))) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.copy(f, to.resolve(f.getFileName().toString()));
        }
      }
    }
    return app;
  }

  /** Writes {@code text} to {@code relative} under the app folder, creating its folders. */
  public static Path write(Path app, String relative, String text) throws IOException {
    Path file = app.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
