package io.fleche.caches;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.LazyCall;
import java.util.NoSuchElementException;

/**
 * The seed's {@code RefreshingCache}, behind {@code rerun}: every lookup misses, so every call is
 * computed again and its record replaced; everything else is forwarded.
 */
final class RefreshingCache extends CacheWrapper {
  RefreshingCache(Cache inner) {
    super(inner);
  }

  /**
   * @throws NoSuchElementException always
   */
  @Override
  public LazyCall load(Digest key) {
    throw new NoSuchElementException("A refreshing cache misses every lookup (key " + key + ")");
  }

  /** False: every lookup misses. */
  @Override
  public boolean contains(Digest key) {
    return false;
  }
}
