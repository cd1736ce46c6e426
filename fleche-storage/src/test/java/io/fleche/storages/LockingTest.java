package io.fleche.storages;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Digest;
import io.fleche.storage.Intent;
import io.fleche.storage.Scope;
import io.fleche.storage.ValueStorage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The locking decorators, with real threads. */
class LockingTest {
  private static final Digest K1 = Digest.of("k1");
  private static final Digest K2 = Digest.of("k2");

  /** Runs {@code action} in a new thread; returns the thread and a flag set once it finished. */
  private static Thread start(Runnable action, AtomicBoolean done, AtomicReference<Throwable> error) {
    Thread t =
        new Thread(
            () -> {
              try {
                action.run();
                done.set(true);
              } catch (Throwable e) {
                error.set(e);
              }
            });
    t.start();
    return t;
  }

  /** Waits until {@code t} is parked on a lock (or has finished). */
  private static void awaitBlocked(Thread t) {
    while (t.isAlive() && t.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
  }

  private static void assertSerialized(ValueStorage storage, Digest held, Digest wanted)
      throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Throwable> error = new AtomicReference<>();
    Thread other;
    try (Scope s = storage.operation(held, Intent.WRITE)) {
      other = start(() -> storage.save("value", wanted), done, error);
      awaitBlocked(other);
      assertFalse(done.get(), "the second operation ran while the first held the lock");
    }
    other.join(TimeUnit.SECONDS.toMillis(30));
    assertNull(error.get());
    assertTrue(done.get());
  }

  private static void assertParallel(ValueStorage storage, Digest held, Digest wanted)
      throws Exception {
    CountDownLatch finished = new CountDownLatch(1);
    AtomicReference<Throwable> error = new AtomicReference<>();
    try (Scope s = storage.operation(held, Intent.WRITE)) {
      start(() -> { storage.save("value", wanted); finished.countDown(); }, new AtomicBoolean(), error);
      assertTrue(
          finished.await(30, TimeUnit.SECONDS),
          "an operation on another key waited for the held lock");
    }
    assertNull(error.get());
  }

  @Test
  void perKey_sameKey_isSerialized() throws Exception {
    assertSerialized(Storages.perKeyLocked(Storages.valueVoid()), K1, K1);
  }

  @Test
  void perKey_differentKeys_runInParallel() throws Exception {
    assertParallel(Storages.perKeyLocked(Storages.valueVoid()), K1, K2);
  }

  @Test
  void serializing_differentKeys_areSerialized() throws Exception {
    assertSerialized(Storages.serializing(Storages.valueVoid()), K1, K2);
  }

  @Test
  void locks_areReentrant() {
    for (ValueStorage s :
        new ValueStorage[] {
          Storages.perKeyLocked(Storages.valueMemory()), Storages.serializing(Storages.valueMemory())
        }) {
      try (Scope outer = s.operation(K1, Intent.WRITE);
          Scope inner = s.operation(K1, Intent.WRITE)) {
        assertEquals(K1, s.save("k1", K1));
        assertEquals("k1", s.load(K1));
      }
    }
  }

  @Test
  void readIntent_takesNoLock() throws Exception {
    ValueStorage storage = Storages.perKeyLocked(Storages.valueVoid());
    CountDownLatch finished = new CountDownLatch(1);
    try (Scope s = storage.operation(K1, Intent.WRITE)) {
      Thread t = new Thread(() -> {
        try (Scope r = storage.operation(K1, Intent.READ)) {
          finished.countDown();
        }
      });
      t.start();
      assertTrue(finished.await(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void perKeyLockTable_doesNotGrowWithTheKeys() throws Exception {
    PerKeyLocks locks = KeyLocks.perKey();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      int offset = t;
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 5000; i++) {
                  Scope s = locks.lock(Digest.of((i + offset) % 100), Intent.WRITE);
                  s.close();
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(0, locks.lockedKeys());
  }

  @Test
  void perKey_sameKeyWriters_neverOverlap() throws Exception {
    PerKeyLocks locks = KeyLocks.perKey();
    int[] counter = {0};
    AtomicBoolean overlap = new AtomicBoolean();
    AtomicBoolean inside = new AtomicBoolean();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 20_000; i++) {
                  try (Scope s = locks.lock(K1, Intent.WRITE)) {
                    if (!inside.compareAndSet(false, true)) {
                      overlap.set(true);
                    }
                    counter[0]++;
                    inside.set(false);
                  }
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertFalse(overlap.get());
    assertEquals(80_000, counter[0]);
  }
}
