package io.fleche.storage;

import io.fleche.Digest;
import io.fleche.ValueLoader;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Stores values by content: the key of a value is its {@link Digest}, so equal values are stored
 * once. Loading returns a value equal to the one saved, never an alias of stored state.
 *
 * <pre>{@code
 * ValueStorage values = Storages.valueMemory();
 * Digest key = values.save(List.of(1, 2, 3));
 * List<?> back = (List<?>) values.load(key);
 * }</pre>
 */
public interface ValueStorage extends KeyManagement, ValueLoader {
  /**
   * Stores {@code value} under its digest and returns the digest.
   *
   * @throws SaveException if the value cannot be digested or stored
   */
  default Digest save(Object value) {
    return save(value, null);
  }

  /**
   * Stores {@code value} under {@code key}, which the caller vouches is {@code
   * Digest.of(value)} (it saves computing it again); {@code null} computes it.
   *
   * @throws SaveException if the value cannot be digested or stored
   */
  Digest save(Object value, Digest key);

  /**
   * {@inheritDoc}
   *
   * @throws NoSuchElementException if nothing is stored under {@code key}
   */
  @Override
  Object load(Digest key);

  /**
   * The value under a full key or a unique prefix.
   *
   * @throws NoSuchElementException if nothing matches
   * @throws AmbiguousDigestException if the prefix matches several keys
   */
  default Object load(String key) {
    return load(expand(key));
  }

  /**
   * The keys of stored entries that the entry under {@code key} refers to (the parts of a
   * destructured value), for garbage collection; none by default.
   */
  default Set<Digest> childDigests(Digest key) {
    return Set.of();
  }

  /**
   * Marks the entry under {@code key} as saved now, as saving the value again would, without
   * writing it: garbage collection keeps an entry for a while after it was saved or touched (see
   * {@link #evictIfStale}). A commit touches its argument values, saved when the call was
   * admitted, before it stores its record. Only the entry itself is touched, not its parts.
   *
   * <p>Storages that keep save times implement this; the default only tells whether the entry
   * is stored.
   *
   * @return false if nothing is stored under {@code key}
   */
  default boolean touch(Digest key) {
    return contains(key);
  }

  /**
   * Removes the entry under {@code key} if it was last saved or touched before {@code
   * staleBefore}, atomically with respect to concurrent saves and touches of it: a save or touch
   * either comes first (the entry is kept) or finds the entry gone (a save stores it anew, a
   * touch returns false). For garbage collection; only the entry itself is removed, not its parts.
   *
   * @return the bytes freed (0 if the storage cannot tell), or {@code -1} if the entry was kept or
   *     is not stored
   * @throws UnsupportedOperationException if this storage keeps no save times (the default)
   */
  default long evictIfStale(Digest key, Instant staleBefore) {
    throw new UnsupportedOperationException(
        this + " keeps no save times: it cannot tell which values are safe to collect");
  }

  /**
   * What {@link #evictIfStale evictIfStale(key, staleBefore)} would do now, doing nothing: for a
   * garbage collection's dry run. Only the entry itself counts, not its parts.
   *
   * @return the bytes it would free (0 if the storage cannot tell), or {@code -1} if it would keep
   *     the entry or none is stored
   * @throws UnsupportedOperationException if this storage keeps no save times (the default)
   */
  default long sizeIfStale(Digest key, Instant staleBefore) {
    throw new UnsupportedOperationException(
        this + " keeps no save times: it cannot tell which values are safe to collect");
  }

  /**
   * The bytes the value under {@code key} takes in storage, its separately stored parts ({@link
   * #childDigests}) included, each once; empty if it is not stored or the storage cannot tell (in
   * memory). For reports such as {@code fleche ls}; the default: empty.
   */
  default OptionalLong sizeOf(Digest key) {
    return OptionalLong.empty();
  }
}
