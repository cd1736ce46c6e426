package io.fleche.caches;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.Maintenance;
import io.fleche.PreparedCall;
import io.fleche.storage.Intent;
import io.fleche.storage.Scope;
import io.fleche.storages.Scopes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The seed's {@code SizeLimitedCache}: keeps at most {@code maxSize} call records, evicting one
 * picked by the chooser after a save that exceeded the limit. Only call records are evicted; their
 * values stay until garbage collection.
 *
 * <p>Writes hold one lock for the whole cache (then the inner cache's per-key lock), so the count
 * never exceeds the limit once a write has returned, and eviction can never deadlock with a write;
 * reads take no lock. The tracked keys are kept in least-recently-used-first order (a save or a hit
 * counts as a use).
 */
final class SizeLimitedCache extends CacheWrapper {
  private final int maxSize;
  private final Function<? super List<Digest>, Digest> chooser;
  private final ReentrantLock writes = new ReentrantLock();

  /** Tracked keys, least recently used first (access order); guarded by itself. */
  private final LinkedHashMap<Digest, Boolean> keys = new LinkedHashMap<>(16, 0.75f, true);

  /**
   * @param initialKeys the keys stored already (tracked from the start; trimmed at the first save)
   */
  SizeLimitedCache(
      Cache inner,
      Stream<Digest> initialKeys,
      int maxSize,
      Function<? super List<Digest>, Digest> chooser) {
    super(inner);
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be at least 1, got " + maxSize);
    }
    this.maxSize = maxSize;
    this.chooser = chooser;
    try (initialKeys) {
      initialKeys.forEach(k -> keys.put(k, Boolean.TRUE));
    }
  }

  @Override
  public Digest commit(
      PreparedCall prepared, Object result, Map<String, ? extends Map<String, ?>> metadata) {
    return tracked(prepared.lookupKey(), () -> super.commit(prepared, result, metadata));
  }

  @Override
  public Digest save(Call call) {
    return tracked(call.lookupKey(), () -> super.save(call));
  }

  /** Runs {@code write}, tracks its key, then evicts until the cache is within its size. */
  private Digest tracked(Digest key, Supplier<Digest> write) {
    try (Scope s = operation(key, Intent.WRITE)) {
      Digest stored = write.get();
      synchronized (keys) {
        keys.put(stored, Boolean.TRUE);
      }
      for (Digest victim = victim(); victim != null; victim = victim()) {
        super.evict(victim);
      }
      return stored;
    }
  }

  /** The key to evict (no longer tracked), or null if the cache is within its size. */
  private Digest victim() {
    synchronized (keys) {
      if (keys.size() <= maxSize) {
        return null;
      }
      Digest victim = chooser.apply(List.copyOf(keys.keySet()));
      if (keys.remove(victim) == null) {
        throw new IllegalStateException("The eviction chooser picked an untracked key " + victim);
      }
      return victim;
    }
  }

  @Override
  public void evict(Digest key) {
    try (Scope s = operation(key, Intent.WRITE)) {
      super.evict(key);
      synchronized (keys) {
        keys.remove(key);
      }
    }
  }

  /** Verifies the inner cache; a repair's evictions are no longer tracked. */
  @Override
  public Maintenance.VerifyResult verify(boolean repair, Maintenance.Progress progress) {
    Maintenance.VerifyResult found = super.verify(repair, progress);
    if (repair) {
      retrack();
    }
    return found;
  }

  /** Re-keys the inner cache's calls and tracks them under their new keys. */
  @Override
  public Maintenance.RedigestResult redigest(Maintenance.Progress progress) {
    Maintenance.RedigestResult done = super.redigest(progress);
    retrack();
    return done;
  }

  /**
   * Tracks the keys stored now: keys gone are dropped, new keys (re-keyed calls) are added as the
   * most recently used; the others keep their order.
   */
  private void retrack() {
    Set<Digest> stored;
    try (Stream<LazyCall> calls = inner.query().stream()) {
      stored = calls.map(LazyCall::lookupKey).collect(Collectors.toSet());
    }
    synchronized (keys) {
      keys.keySet().retainAll(stored);
      for (Digest k : stored) {
        if (!keys.containsKey(k)) {
          keys.put(k, Boolean.TRUE);
        }
      }
    }
  }

  /** A hit makes its key the most recently used. */
  @Override
  public LazyCall load(Digest key) {
    LazyCall hit = super.load(key);
    synchronized (keys) {
      keys.get(key);
    }
    return hit;
  }

  /** Writes hold the cache-wide write lock, then the inner cache's lock of {@code key}. */
  @Override
  public Scope operation(Digest key, Intent intent) {
    if (intent == Intent.READ) {
      return super.operation(key, intent);
    }
    writes.lock();
    return Scopes.nest(writes::unlock, () -> super.operation(key, intent));
  }

  @Override
  public String toString() {
    return "SizeLimitedCache[" + maxSize + ", " + inner + "]";
  }
}
