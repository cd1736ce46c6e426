package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.QueryCall;
import io.fleche.storage.CallStorage;
import io.fleche.storage.Intent;
import io.fleche.storage.Scope;
import java.util.stream.Stream;

/** A call storage whose every operation on a key holds that key's lock. */
final class LockedCallStorage extends ForwardingKeys implements CallStorage {
  private final CallStorage inner;
  private final KeyLocks locks;

  LockedCallStorage(CallStorage inner, KeyLocks locks) {
    super(inner);
    this.inner = inner;
    this.locks = locks;
  }

  @Override
  public Digest save(DigestedCall call) {
    try (Scope s = operation(call.lookupKey(), Intent.WRITE)) {
      return inner.save(call);
    }
  }

  @Override
  public DigestedCall load(Digest key) {
    try (Scope s = operation(key, Intent.READ)) {
      return inner.load(key);
    }
  }

  @Override
  public Stream<DigestedCall> query(QueryCall template) {
    return inner.query(template);
  }

  @Override
  public long count(QueryCall template) {
    return inner.count(template);
  }

  @Override
  public Scope operation(Digest key, Intent intent) {
    return locks.around(key, intent, super::operation);
  }
}
