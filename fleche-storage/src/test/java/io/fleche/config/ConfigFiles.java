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
    return writeFile(dir.resolve(FlecheConfig.FILE_NAME), toml);
  }

  /** Writes the user-wide {@code cache.toml} in the XDG directory {@code dir}; returns it. */
  Path writeXdg(Path dir, String toml) {
    return writeFile(dir.resolve("fleche").resolve(FlecheConfig.XDG_FILE_NAME), toml);
  }

  private static Path writeFile(Path file, String toml) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, toml);
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
