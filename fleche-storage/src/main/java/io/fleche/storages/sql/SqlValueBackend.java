package io.fleche.storages.sql;

import io.fleche.Digest;
import io.fleche.FlecheException;
import io.fleche.storage.StorageBackend;
import io.fleche.storages.Codec;
import io.fleche.storages.CorruptEntryException;
import io.fleche.storages.sql.Connections.Mode;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

/**
 * Values as blobs in the {@code value_blobs} table, encoded by a {@link Codec}. A put replaces
 * the entry in one statement, so no lock is needed: writers of one key write the same bytes. Each
 * put and {@link #touch} sets the row's {@code stamp} (nanoseconds since the epoch, by this
 * machine's clock); {@link #evictIfStale} is one conditional {@code DELETE}.
 */
final class SqlValueBackend extends TableKeys implements StorageBackend<Object> {
  private static final String PUT =
      "INSERT INTO value_blobs (key, data, stamp) VALUES (?, ?, ?)"
          + " ON CONFLICT (key) DO UPDATE SET data = excluded.data, stamp = excluded.stamp";
  private static final String GET = "SELECT data FROM value_blobs WHERE key = ?";
  private static final String TOUCH = "UPDATE value_blobs SET stamp = ? WHERE key = ?";
  private static final String EVICT_STALE =
      "DELETE FROM value_blobs WHERE key = ? AND stamp < ? RETURNING length(data)";
  private static final String SIZE_IF_STALE =
      "SELECT length(data) FROM value_blobs WHERE key = ? AND stamp < ?";
  private static final String SIZE = "SELECT length(data) FROM value_blobs WHERE key = ?";

  private final Codec codec;

  SqlValueBackend(Connections db, Codec codec) {
    super(db, "value_blobs");
    this.codec = codec;
  }

  @Override
  public void put(Digest key, Object value) {
    byte[] data = codec.encode(key, value);
    save(
        "under " + key,
        Mode.AUTOCOMMIT,
        s -> s.update(PUT, key.toBytes(), data, nanos(Instant.now())));
  }

  @Override
  public boolean touch(Digest key) {
    return save(
        "under " + key,
        Mode.AUTOCOMMIT,
        s -> s.update(TOUCH, nanos(Instant.now()), key.toBytes()) > 0);
  }

  @Override
  public long evictIfStale(Digest key, Instant staleBefore) {
    return sizeOrMinusOne(EVICT_STALE, key, staleBefore);
  }

  @Override
  public long sizeIfStale(Digest key, Instant staleBefore) {
    return sizeOrMinusOne(SIZE_IF_STALE, key, staleBefore);
  }

  /** The length {@code sql} returns for the entry under {@code key} if stale, else -1. */
  private long sizeOrMinusOne(String sql, Digest key, Instant staleBefore) {
    return db.run(
        Mode.AUTOCOMMIT,
        s -> {
          try (ResultSet rs = s.prepare(sql, key.toBytes(), nanos(staleBefore)).executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
          }
        });
  }

  /** {@code t} in nanoseconds since the epoch, clamped to the years 1677 to 2262. */
  private static long nanos(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (ArithmeticException outOfRange) {
      return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws FlecheException if the database fails or stays locked (the cache takes it for a
   *     miss)
   */
  @Override
  public Object get(Digest key) {
    byte[] data =
        db.run(
            Mode.AUTOCOMMIT,
            s -> {
              try (ResultSet rs = s.prepare(GET, key.toBytes()).executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
              }
            });
    if (data == null) {
      throw new NoSuchElementException("No value under key " + key);
    }
    try {
      return codec.decode(key, data);
    } catch (CorruptEntryException e) {
      throw unreadable(key, e);
    }
  }

  /** The length of the entry's blob. */
  @Override
  public OptionalLong sizeOf(Digest key) {
    Long size =
        db.run(
            Mode.AUTOCOMMIT,
            s -> {
              try (ResultSet rs = s.prepare(SIZE, key.toBytes()).executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
              }
            });
    return size == null ? OptionalLong.empty() : OptionalLong.of(size);
  }
}
