package io.fleche.caches;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.FileOptions;
import io.fleche.storages.Storages;
import io.fleche.storages.sql.SqlDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Caches over the storages of one kind in one place, and more caches over the very same place, as
 * other processes would open it (storages of their own, locks of their own). Close it.
 */
final class StoredCaches implements AutoCloseable {
  /** Where the entries are kept. */
  enum Kind {
    MEMORY,
    FILES,
    SQLITE
  }

  /** A cache with its storages. */
  record Opened(Cache cache, ValueStorage values, CallStorage calls) {
    Set<Digest> valueKeys() {
      try (Stream<Digest> s = values.list()) {
        return s.collect(Collectors.toSet());
      }
    }

    Set<Digest> callKeys() {
      try (Stream<Digest> s = calls.list()) {
        return s.collect(Collectors.toSet());
      }
    }
  }

  static final FileOptions OPTIONS =
      FileOptions.defaults().signingKeys(List.of()).allow("io.fleche.caches");

  final Kind kind;
  final Path dir;
  private final int depth;
  private final List<SqlDatabase> open = new ArrayList<>();
  private final ValueStorage memoryValues;
  private final CallStorage memoryCalls;

  /**
   * @param depth the destructuring depth of the values
   */
  StoredCaches(Kind kind, Path dir, int depth) {
    this.kind = kind;
    this.dir = dir;
    this.depth = depth;
    this.memoryValues = Storages.valueMemory(depth);
    this.memoryCalls = Storages.callMemory();
  }

  /** A new cache over the place (in memory: over the same storage objects). */
  Opened open() {
    ValueStorage values;
    CallStorage calls;
    switch (kind) {
      case MEMORY:
        values = memoryValues;
        calls = memoryCalls;
        break;
      case FILES:
        values = Storages.valueFiles(dir.resolve("values"), OPTIONS, depth);
        calls = Storages.callFiles(dir.resolve("calls"), OPTIONS);
        break;
      default:
        SqlDatabase db = SqlDatabase.open("jdbc:sqlite:" + dir.resolve("cache.db"));
        open.add(db);
        values = db.values(OPTIONS.codec(), depth);
        calls = db.calls();
    }
    return new Opened(Caches.of(values, calls), values, calls);
  }

  @Override
  public void close() {
    open.forEach(SqlDatabase::close);
  }

  @Override
  public String toString() {
    return kind + " depth " + depth;
  }
}
