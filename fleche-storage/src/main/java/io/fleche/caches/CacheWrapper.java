package io.fleche.caches;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.Maintenance;
import io.fleche.QueryCall;
import io.fleche.storage.Intent;
import io.fleche.storage.Scope;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The seed's {@code CacheWrapper}: a cache over another one that forwards reads, writes (see {@link
 * AbstractCache}) and locks to it. Prepared calls and queries are re-bound to the wrapper, so
 * committing, evicting or transferring goes through its policy.
 */
abstract class CacheWrapper extends AbstractCache {
  final Cache inner;

  CacheWrapper(Cache inner) {
    this.inner = Objects.requireNonNull(inner, "inner");
  }

  @Override
  Cache writesTo() {
    return inner;
  }

  @Override
  public LazyCall load(Digest key) {
    return inner.load(key);
  }

  @Override
  public Object loadValue(Digest key) {
    return inner.loadValue(key);
  }

  @Override
  public OptionalLong valueSize(Digest key) {
    return inner.valueSize(key);
  }

  @Override
  public boolean contains(Digest key) {
    return inner.contains(key);
  }

  @Override
  public Digest expand(String key) {
    return inner.expand(key);
  }

  @Override
  public List<String> shrink(Collection<Digest> keys) {
    return inner.shrink(keys);
  }

  @Override
  Stream<LazyCall> calls(QueryCall template) {
    return inner.query(template).stream();
  }

  @Override
  long count(QueryCall template) {
    return inner.query(template).count();
  }

  @Override
  public long modifications() {
    return inner.modifications();
  }

  @Override
  public Maintenance.GcResult gc(Duration grace, Maintenance.Progress progress) {
    return inner.gc(grace, progress);
  }

  @Override
  public Maintenance.GcResult gcDryRun(Duration grace, Maintenance.Progress progress) {
    return inner.gcDryRun(grace, progress);
  }

  @Override
  public Maintenance.VerifyResult verify(boolean repair, Maintenance.Progress progress) {
    return inner.verify(repair, progress);
  }

  @Override
  public Maintenance.RedigestResult redigest(Maintenance.Progress progress) {
    return inner.redigest(progress);
  }

  @Override
  public Scope operation(Digest key, Intent intent) {
    return inner.operation(key, intent);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + inner + "]";
  }
}
