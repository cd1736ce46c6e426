package io.fleche.storages.sql;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How long to wait for a busy database, and where the mount table is.
 *
 * @param busyTimeout how long one statement waits for a lock held by another connection
 * @param retryBound how long an operation keeps retrying while the database is busy; after that
 *     a save is refused (the call runs uncached) and a load fails (a miss)
 * @param mounts the mount table that tells network file systems apart ({@code /proc/mounts})
 */
record Settings(Duration busyTimeout, Duration retryBound, Path mounts) {
  static final Settings DEFAULT =
      new Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), Path.of("/proc/mounts"));
}
