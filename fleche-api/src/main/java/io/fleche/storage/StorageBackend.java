package io.fleche.storage;

import io.fleche.Digest;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The primitive key-value layer under a storage: put and get by key, nothing more. {@link
 * ValueStorage} and {@link CallStorage} implementations are built on backends (memory, files,
 * HDF5) so that one backend serves both.
 *
 * @param <T> what the backend stores
 */
public interface StorageBackend<T> extends KeyManagement {
  /** Stores {@code value} under {@code key}, replacing any entry. */
  void put(Digest key, T value);

  /**
   * The entry under {@code key}.
   *
   * @throws NoSuchElementException if there is none (or it is unreadable: a logged miss)
   */
  T get(Digest key);

  @Override
  default boolean contains(Digest key) {
    try {
      get(key);
      return true;
    } catch (NoSuchElementException e) {
      return false;
    }
  }

  /**
   * The keys of the entries that the entry under {@code key} refers to (destructured parts); the
   * default: none.
   */
  default Set<Digest> childDigests(Digest key) {
    return Set.of();
  }

  /**
   * Marks the entry under {@code key} as written now; every {@link #put} stamps its entry too,
   * also one that holds the same content already. See {@link ValueStorage#touch}; the default
   * keeps no stamps and only tells whether the entry is stored.
   *
   * @return false if nothing is stored under {@code key}
   */
  default boolean touch(Digest key) {
    return contains(key);
  }

  /**
   * Removes the entry under {@code key} if it was last written or touched before {@code
   * staleBefore}; see {@link ValueStorage#evictIfStale}. For content-addressed entries only: a
   * concurrent writer of the key writes the same content.
   *
   * @return the bytes freed (0 if unknown), or {@code -1} if the entry was kept or is not stored
   * @throws UnsupportedOperationException if this backend keeps no stamps (the default)
   */
  default long evictIfStale(Digest key, Instant staleBefore) {
    throw new UnsupportedOperationException(
        this + " keeps no save times: it cannot tell which entries are safe to collect");
  }

  /**
   * What {@link #evictIfStale evictIfStale(key, staleBefore)} would do now, doing nothing; see
   * {@link ValueStorage#sizeIfStale}.
   *
   * @return the bytes it would free (0 if unknown), or {@code -1} if it would keep the entry or
   *     none is stored
   * @throws UnsupportedOperationException if this backend keeps no stamps (the default)
   */
  default long sizeIfStale(Digest key, Instant staleBefore) {
    throw new UnsupportedOperationException(
        this + " keeps no save times: it cannot tell which entries are safe to collect");
  }

  /**
   * The bytes the entry under {@code key} takes in storage (its file, its blob), without the
   * entries it refers to; empty if there is no such entry or the backend cannot tell (in memory).
   */
  default OptionalLong sizeOf(Digest key) {
    return OptionalLong.empty();
  }
}
