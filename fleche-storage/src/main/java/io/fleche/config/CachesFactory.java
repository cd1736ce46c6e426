package io.fleche.config;

import io.fleche.Cache;
import io.fleche.caches.Caches;
import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import java.util.List;

/** The {@link CacheFactory} of real configurations: every shape from {@link Caches}. */
final class CachesFactory implements CacheFactory {
  @Override
  public Cache memory() {
    return Caches.memory();
  }

  @Override
  public Cache voidCache() {
    return Caches.voidCache();
  }

  @Override
  public Cache of(ValueStorage values, CallStorage calls) {
    return Caches.of(values, calls);
  }

  @Override
  public Cache sizeLimited(ValueStorage values, CallStorage calls, long maxSize) {
    return Caches.sizeLimited(values, calls, (int) Math.min(Integer.MAX_VALUE, maxSize));
  }

  @Override
  public Cache readOnly(Cache inner) {
    return Caches.readOnly(inner);
  }

  @Override
  public Cache front(Cache inner, long maxSize) {
    return Caches.front(inner, (int) Math.min(Integer.MAX_VALUE, maxSize));
  }

  @Override
  public Cache stack(List<Cache> layers) {
    return Caches.stack(layers);
  }

  @Override
  public Cache pool(List<Cache> members) {
    return Caches.pool(members);
  }
}
