package io.fleche.caches;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.PreparedCall;
import io.fleche.RejectedException;
import io.fleche.storage.Intent;
import io.fleche.storage.SaveException;
import io.fleche.storage.Scope;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cache with an in-memory front: writes go through to the cache behind (which stays the
 * authority: queries, expansion and locks are its), a hit there is copied into memory, and later
 * lookups of that call are served from memory. A write or eviction of a key through this cache
 * drops that key from memory.
 *
 * <p>Memory holds two generations of at most {@code maxSize / 2} calls each: calls are copied into
 * the young one; when it is full it becomes the old one and the old one is dropped, values and
 * all; a hit in the old generation is copied into the young one. So the front never holds more than
 * {@code maxSize} calls, keeps the recently used ones, and frees their values without a garbage
 * collection.
 *
 * <p>The front does not see changes other processes make behind it: a call it holds stays a hit
 * in this JVM even if another process evicts or replaces it. That is what makes it fast, and what
 * {@link #modifications()} reports: changes made through this cache only.
 */
final class FrontCache extends CacheWrapper {
  private final int maxSize;
  private final int generationSize;
  private final AtomicLong modifications = new AtomicLong();
  private volatile Generations memory;

  /** The young generation (filled), the old one (read, then dropped), and the young one's size. */
  private record Generations(Cache young, Cache old, AtomicInteger size) {
    Generations(Cache old) {
      this(Caches.memory(), old, new AtomicInteger());
    }
  }

  FrontCache(Cache behind, int maxSize) {
    super(behind);
    if (maxSize < 2) {
      throw new IllegalArgumentException("a memory front holds at least 2 calls, got " + maxSize);
    }
    this.maxSize = maxSize;
    this.generationSize = maxSize / 2;
    this.memory = new Generations(Caches.voidCache());
  }

  /**
   * The young generation's hit; else, under the key's lock, the old generation's or the hit
   * behind, copied into the young generation (a copy that fails is only logged).
   */
  @Override
  public LazyCall load(Digest key) {
    try {
      return memory.young().load(key);
    } catch (NoSuchElementException notYoung) {
      try (Scope s = operation(key, Intent.WRITE)) {
        Generations g = memory;
        try {
          return g.young().load(key); // copied in while this thread waited for the lock
        } catch (NoSuchElementException stillNotYoung) {
          return keep(g, key, older(g, key));
        }
      }
    }
  }

  private LazyCall older(Generations g, Digest key) {
    try {
      return g.old().load(key);
    } catch (NoSuchElementException notOld) {
      return super.load(key);
    }
  }

  private LazyCall keep(Generations g, Digest key, LazyCall hit) {
    try {
      g.young().save(hit.fetch());
      if (g.size().incrementAndGet() >= generationSize) {
        age(g);
      }
      return g.young().load(key);
    } catch (RejectedException | SaveException | NoSuchElementException e) {
      LOG.log(System.Logger.Level.DEBUG, "Cannot keep the call under {0} in memory: {1}", key, e);
      return hit;
    }
  }

  /** Makes {@code g}'s young generation the old one, unless another thread did already. */
  private synchronized void age(Generations g) {
    if (memory == g) {
      memory = new Generations(g.young());
    }
  }

  @Override
  public boolean contains(Digest key) {
    Generations g = memory;
    return g.young().contains(key) || g.old().contains(key) || super.contains(key);
  }

  @Override
  public Digest commit(
      PreparedCall prepared, Object result, Map<String, ? extends Map<String, ?>> metadata) {
    try (Scope s = operation(prepared.lookupKey(), Intent.WRITE)) {
      forget(prepared.lookupKey());
      return super.commit(prepared, result, metadata);
    } finally {
      modifications.incrementAndGet();
    }
  }

  @Override
  public Digest save(Call call) {
    try (Scope s = operation(call.lookupKey(), Intent.WRITE)) {
      forget(call.lookupKey());
      return super.save(call);
    } finally {
      modifications.incrementAndGet();
    }
  }

  @Override
  public void evict(Digest key) {
    try (Scope s = operation(key, Intent.WRITE)) {
      forget(key);
      super.evict(key);
    } finally {
      modifications.incrementAndGet();
    }
  }

  /** Drops {@code key} from memory (under its lock). */
  private void forget(Digest key) {
    Generations g = memory;
    g.young().evict(key);
    g.old().evict(key);
  }

  /**
   * The changes made through this cache: writes and evictions, each counted once it is complete
   * (so a count read before a lookup covers what the lookup saw).
   */
  @Override
  public long modifications() {
    return modifications.get();
  }

  @Override
  public String toString() {
    return "FrontCache[" + maxSize + ", " + inner + "]";
  }
}
