package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.storage.Intent;
import io.fleche.storage.Scope;
import io.fleche.storage.ValueStorage;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;

/** A value storage whose every operation on a key holds that key's lock. */
final class LockedValueStorage extends ForwardingKeys implements ValueStorage {
  private final ValueStorage inner;
  private final KeyLocks locks;

  LockedValueStorage(ValueStorage inner, KeyLocks locks) {
    super(inner);
    this.inner = inner;
    this.locks = locks;
  }

  @Override
  public Digest save(Object value, Digest key) {
    Digest k = BackendValueStorage.keyFor(value, key);
    try (Scope s = operation(k, Intent.WRITE)) {
      return inner.save(value, k);
    }
  }

  @Override
  public Object load(Digest key) {
    try (Scope s = operation(key, Intent.READ)) {
      return inner.load(key);
    }
  }

  @Override
  public Set<Digest> childDigests(Digest key) {
    return inner.childDigests(key);
  }

  @Override
  public boolean touch(Digest key) {
    try (Scope s = operation(key, Intent.WRITE)) {
      return inner.touch(key);
    }
  }

  @Override
  public long evictIfStale(Digest key, Instant staleBefore) {
    try (Scope s = operation(key, Intent.WRITE)) {
      return inner.evictIfStale(key, staleBefore);
    }
  }

  @Override
  public long sizeIfStale(Digest key, Instant staleBefore) {
    return inner.sizeIfStale(key, staleBefore);
  }

  @Override
  public OptionalLong sizeOf(Digest key) {
    return inner.sizeOf(key);
  }

  @Override
  public Scope operation(Digest key, Intent intent) {
    return locks.around(key, intent, super::operation);
  }
}
