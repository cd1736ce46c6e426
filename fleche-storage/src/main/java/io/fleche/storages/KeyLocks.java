package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.storage.Intent;
import io.fleche.storage.Scope;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a locking decorator locks an operation on a key. Both strategies are reentrant and, as in
 * the seed, let {@link Intent#READ} operations through without a lock: a read never sees a
 * half-written entry (storages write atomically), and {@code READ} must never guard a
 * read-modify-write.
 */
interface KeyLocks {
  /** Holds the lock for an operation on {@code key} until the scope is closed. */
  Scope lock(Digest key, Intent intent);

  /** Runs {@code inner} (the wrapped storage's scope) inside this lock; closes both. */
  default Scope around(Digest key, Intent intent, ScopeSource inner) {
    Scope mine = lock(key, intent);
    if (mine == Scope.NONE) {
      return inner.open(key, intent); // reads take no lock: nothing to nest
    }
    return Scopes.nest(mine, () -> inner.open(key, intent));
  }

  /** Where the wrapped storage's scope comes from. */
  @FunctionalInterface
  interface ScopeSource {
    Scope open(Digest key, Intent intent);
  }

  /** The seed's {@code SerializingMixin}: one lock around every operation of the storage. */
  static KeyLocks serializing() {
    ReentrantLock lock = new ReentrantLock();
    return (key, intent) -> {
      if (intent == Intent.READ) {
        return Scope.NONE;
      }
      lock.lock();
      return lock::unlock;
    };
  }

  /** The seed's {@code PerKeyLockMixin}; see {@link PerKeyLocks}. */
  static PerKeyLocks perKey() {
    return new PerKeyLocks();
  }
}
