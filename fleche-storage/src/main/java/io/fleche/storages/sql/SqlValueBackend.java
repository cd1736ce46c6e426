package io.fleche.storages.sql;

import io.fleche.Digest;
import io.fleche.FlecheException;
import io.fleche.storage.StorageBackend;
import io.fleche.storages.Codec;
import io.fleche.storages.CorruptEntryException;
import io.fleche.storages.sql.Connections.Mode;
import java.sql.ResultSet;
import java.util.NoSuchElementException;

/**
 * Values as blobs in the {@code value_blobs} table, encoded by a {@link Codec}. A put replaces
 * the entry in one statement, so no lock is needed: writers of one key write the same bytes.
 */
final class SqlValueBackend extends TableKeys implements StorageBackend<Object> {
  private static final String PUT =
      "INSERT INTO value_blobs (key, data) VALUES (?, ?)"
          + " ON CONFLICT (key) DO UPDATE SET data = excluded.data";
  private static final String GET = "SELECT data FROM value_blobs WHERE key = ?";

  private final Codec codec;

  SqlValueBackend(Connections db, Codec codec) {
    super(db, "value_blobs");
    this.codec = codec;
  }

  @Override
  public void put(Digest key, Object value) {
    byte[] data = codec.encode(key, value);
    save("under " + key, Mode.AUTOCOMMIT, s -> s.update(PUT, key.toBytes(), data));
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
}
