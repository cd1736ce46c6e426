package io.fleche;

import java.util.NoSuchElementException;

/** Loads a stored value by its digest; a value storage or a cache. */
@FunctionalInterface
public interface ValueLoader {
  /**
   * The value stored under {@code key} (a fresh copy where values are mutable).
   *
   * @throws NoSuchElementException if nothing is stored under {@code key}
   */
  Object load(Digest key);
}
