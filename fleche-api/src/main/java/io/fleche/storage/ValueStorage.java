package io.fleche.storage;

import io.fleche.Digest;
import io.fleche.ValueLoader;
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
   * The bytes the value under {@code key} takes in storage, its separately stored parts ({@link
   * #childDigests}) included, each once; empty if it is not stored or the storage cannot tell (in
   * memory). For reports such as {@code fleche ls}; the default: empty.
   */
  default OptionalLong sizeOf(Digest key) {
    return OptionalLong.empty();
  }
}
