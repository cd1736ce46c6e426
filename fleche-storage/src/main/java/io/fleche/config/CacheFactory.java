package io.fleche.config;

import io.fleche.Cache;
import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import java.util.List;

/**
 * Builds the caches that {@link ConfiguredCaches} assembles from configuration, one method per
 * shape. The storages passed in are already built from their {@link StorageSpec}s.
 */
public interface CacheFactory {
  /** A new in-memory cache (the reserved name {@code memory}, and the fallback). */
  Cache memory();

  /** A new cache that stores nothing (the reserved name {@code void}). */
  Cache voidCache();

  /** A plain cache over {@code values} and {@code calls}. */
  Cache of(ValueStorage values, CallStorage calls);

  /** A plain cache that keeps at most {@code maxSize} call records, evicting others. */
  Cache sizeLimited(ValueStorage values, CallStorage calls, long maxSize);

  /** {@code inner} read-only: hits are served, saves rejected. */
  Cache readOnly(Cache inner);

  /** {@code inner} with a memory front keeping up to {@code maxSize} recently used calls. */
  Cache front(Cache inner, long maxSize);

  /** A stack: saves go to {@code layers.get(0)}, loads try the layers in order. */
  Cache stack(List<Cache> layers);

  /** A read-only union of {@code members}. */
  Cache pool(List<Cache> members);
}
