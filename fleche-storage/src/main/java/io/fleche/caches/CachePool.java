package io.fleche.caches;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.storage.Intent;
import io.fleche.storage.Scope;
import java.util.List;

/**
 * The seed's {@code CachePool}: the read-only union of its members. A lookup returns the first
 * member's hit and copies nothing; prepare admits by digest only; commit, save and evict are
 * refused and never reach a member.
 */
final class CachePool extends MultiCache {
  CachePool(List<? extends Cache> members) {
    super(members);
  }

  /** Reads only: every member's scope with {@link Intent#READ}. */
  @Override
  public Scope operation(Digest key, Intent intent) {
    return super.operation(key, Intent.READ);
  }
}
