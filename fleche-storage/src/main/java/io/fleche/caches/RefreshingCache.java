package io.fleche.caches;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.PreparedCall;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seed's {@code RefreshingCache}, behind {@code rerun}: a lookup misses until its call has
 * been computed again and written through this cache, so every call is recomputed once and its
 * record replaced; a recursion that meets the same call again (fib's) hits the fresh record
 * instead of recomputing it exponentially often. Everything else is forwarded.
 */
final class RefreshingCache extends CacheWrapper {
  /** The keys written through this cache: fresh, served from the inner cache. */
  private final Set<Digest> refreshed = ConcurrentHashMap.newKeySet();

  RefreshingCache(Cache inner) {
    super(inner);
  }

  /**
   * @throws NoSuchElementException unless the call under {@code key} was written through this
   *     cache
   */
  @Override
  public LazyCall load(Digest key) {
    if (!refreshed.contains(key)) {
      throw new NoSuchElementException(
          "A refreshing cache misses every call not yet recomputed (key " + key + ")");
    }
    return inner.load(key);
  }

  /** True only for a call written through this cache and still stored. */
  @Override
  public boolean contains(Digest key) {
    return refreshed.contains(key) && inner.contains(key);
  }

  @Override
  public Digest commit(
      PreparedCall prepared, Object result, Map<String, ? extends Map<String, ?>> metadata) {
    Digest key = super.commit(prepared, result, metadata);
    refreshed.add(prepared.lookupKey());
    return key;
  }

  @Override
  public Digest save(Call call) {
    Digest key = super.save(call);
    refreshed.add(call.lookupKey());
    return key;
  }

  @Override
  public void evict(Digest key) {
    super.evict(key);
    refreshed.remove(key);
  }
}
