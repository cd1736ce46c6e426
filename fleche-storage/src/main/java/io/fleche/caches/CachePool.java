package io.fleche.caches;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.Maintenance.GcResult;
import io.fleche.Maintenance.Progress;
import io.fleche.Maintenance.RedigestResult;
import io.fleche.Maintenance.VerifyResult;
import io.fleche.storage.Intent;
import io.fleche.storage.Scope;
import java.time.Duration;
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

  /** Refused: the members are never changed. */
  @Override
  public GcResult gc(Duration grace, Progress progress) {
    throw readOnly("collect garbage");
  }

  /** Refused, as {@link #gc(Duration, Progress)} is. */
  @Override
  public GcResult gcDryRun(Duration grace, Progress progress) {
    throw readOnly("collect garbage");
  }

  /** Verifies every member; repair is refused. */
  @Override
  public VerifyResult verify(boolean repair, Progress progress) {
    if (repair) {
      throw readOnly("repair");
    }
    return super.verify(false, progress);
  }

  /** Refused: the members are never changed. */
  @Override
  public RedigestResult redigest(Progress progress) {
    throw readOnly("re-key its calls");
  }

  /** Reads only: every member's scope with {@link Intent#READ}. */
  @Override
  public Scope operation(Digest key, Intent intent) {
    return super.operation(key, Intent.READ);
  }
}
