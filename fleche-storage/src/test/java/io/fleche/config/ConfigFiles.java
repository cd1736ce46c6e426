package io.fleche.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A fake user for the configuration tests, all inside a temporary directory: a home directory,
 * a working directory {@code home/projects/app/src}, and {@code XDG_CONFIG_HOME} (when {@link
 * #xdg} is set) — never the real user's files.
 */
final class ConfigFiles {
  final Path outside;
  final Path home;
  final Path project;
  final Path work;
  Path xdg;

  ConfigFiles(Path tmp) {
    outside = real(tmp);
    home = outside.resolve("home");
    project = home.resolve("projects").resolve("app");
    work = project.resolve("src");
    try {
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code dir/fleche.toml}; returns the file. */
  Path write(Path dir, String toml) {
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve(FlecheConfig.FILE_NAME), toml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The configuration seen from the working directory. */
  FlecheConfig load() {
    return FlecheConfig.load(
        work, home, xdg == null ? Map.of() : Map.of("XDG_CONFIG_HOME", xdg.toString()));
  }
}
