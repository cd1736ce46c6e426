package io.fleche.caches;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.RejectedException;
import io.fleche.storage.Intent;
import io.fleche.storage.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The seed's {@code CacheStack}: writes go to the first layer (the base), lookups try the layers in
 * order and copy a hit from a later layer into the base. Eviction removes the call from every
 * layer.
 */
final class CacheStack extends MultiCache {
  private final Cache base;
  private final List<Cache> later;

  CacheStack(List<? extends Cache> layers) {
    super(flatten(layers));
    if (members.isEmpty()) {
      throw new IllegalArgumentException("A cache stack needs at least one layer");
    }
    this.base = members.get(0);
    this.later = members.subList(1, members.size());
  }

  /** The layers, a stack among them replaced by its own layers. */
  private static List<Cache> flatten(List<? extends Cache> layers) {
    List<Cache> flat = new ArrayList<>();
    for (Cache layer : layers) {
      if (layer instanceof CacheStack) {
        flat.addAll(((CacheStack) layer).members);
      } else {
        flat.add(layer);
      }
    }
    return flat;
  }

  /** The first layer: prepare, commit and save go there. */
  @Override
  Cache writesTo() {
    return base;
  }

  /** The base's hit, else the first later layer's, copied into the base. */
  @Override
  public LazyCall load(Digest key) {
    try {
      return base.load(key);
    } catch (NoSuchElementException miss) {
      LazyCall hit = firstHit(later, key, layer -> layer.load(key));
      backFill(key, hit);
      return hit;
    }
  }

  /**
   * Copies {@code hit} into the base under the stack's lock of {@code key}, unless a concurrent
   * loader did already; a base that refuses is only logged.
   */
  private void backFill(Digest key, LazyCall hit) {
    try (Scope s = operation(key, Intent.WRITE)) {
      if (!hits(base, key)) {
        base.save(hit.fetch());
      }
    } catch (RejectedException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Cannot copy the call under {0} into {1}: {2}",
          key,
          base,
          e.getMessage());
    }
  }

  private static boolean hits(Cache cache, Digest key) {
    try {
      cache.load(key);
      return true;
    } catch (NoSuchElementException e) {
      return false;
    }
  }

  /** Evicts from every layer; a layer that refuses keeps the call. */
  @Override
  public void evict(Digest key) {
    try (Scope s = operation(key, Intent.WRITE)) {
      for (Cache layer : members) {
        try {
          layer.evict(key);
        } catch (RejectedException e) {
          LOG.log(System.Logger.Level.DEBUG, "{0} keeps {1}: {2}", layer, key, e.getMessage());
        }
      }
    }
  }
}
