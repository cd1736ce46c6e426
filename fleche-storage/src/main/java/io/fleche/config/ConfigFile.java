package io.fleche.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@code fleche.toml} that was found, and why it was skipped if it was.
 *
 * @param path the file (its real path)
 * @param error why the file was skipped (a syntax error with its line, an I/O error), or {@code
 *     null} if it was read
 */
public record ConfigFile(Path path, String error) {
  public ConfigFile {
    Objects.requireNonNull(path, "path");
  }

  /** Whether the file was read; a skipped file contributes nothing. */
  public boolean read() {
    return error == null;
  }
}
