package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.storage.Intent;
import io.fleche.storage.Scope;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One reentrant lock per key: operations on different keys run in parallel, operations on one key
 * one after another. A key's lock lives only while some thread holds or waits for it, so the table
 * does not grow with the storage. Public so that caches ({@code io.fleche.caches}) lock their keys
 * the same way storages do.
 *
 * <pre>{@code
 * PerKeyLocks locks = new PerKeyLocks();
 * try (Scope s = locks.lock(key, Intent.WRITE)) {
 *   // check-then-act on key
 * }
 * }</pre>
 */
public final class PerKeyLocks implements KeyLocks {
  private final ConcurrentHashMap<Digest, Holder> table = new ConcurrentHashMap<>();

  /** A table without locks. */
  public PerKeyLocks() {}

  /**
   * Holds {@code key}'s lock until the scope is closed; {@link Intent#READ} takes no lock (a read
   * never guards a read-modify-write).
   */
  @Override
  public Scope lock(Digest key, Intent intent) {
    if (intent == Intent.READ) {
      return Scope.NONE;
    }
    Holder h =
        table.compute(
            key,
            (k, old) -> {
              Holder x = old == null ? new Holder() : old;
              x.users++;
              return x;
            });
    h.lock.lock();
    return () -> {
      h.lock.unlock();
      table.computeIfPresent(key, (k, x) -> --x.users == 0 ? null : x);
    };
  }

  /** The number of keys whose lock is held or awaited now. */
  int lockedKeys() {
    return table.size();
  }

  /** A key's lock and how many threads hold or wait for it (guarded by the table's bin lock). */
  private static final class Holder {
    final ReentrantLock lock = new ReentrantLock();
    int users;
  }
}
