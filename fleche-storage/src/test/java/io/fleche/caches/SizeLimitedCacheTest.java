package io.fleche.caches;

import static io.fleche.caches.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.Storages;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A cache that keeps at most a number of call records. */
class SizeLimitedCacheTest {
  private final ValueStorage values = Storages.valueMemory();
  private final CallStorage calls = Storages.callMemory();

  @Test
  void theLimitIsKept_byEvictingCallRecordsOnly() {
    Cache cache = Caches.sizeLimited(values, calls, 3);
    for (int i = 0; i < 10; i++) {
      cache.save(computed(i));
    }

    assertEquals(3, count(calls));
    assertEquals(3, cache.query().count());
    for (int i = 0; i < 10; i++) {
      assertTrue(values.contains(Digest.of(i * 10)), "values stay until garbage collection");
    }
    cache.query().forEach(c -> assertEquals((int) c.argument("steps") * 10, c.result()));
  }

  @Test
  void prepareAndCommit_countToo() {
    Cache cache = Caches.sizeLimited(values, calls, 2);
    for (int i = 0; i < 5; i++) {
      cache.prepare(simulate(i)).commit(i, null);
    }

    assertEquals(2, count(calls));
  }

  @Test
  void savingAStoredKeyAgain_doesNotCountTwice() {
    Cache cache = Caches.sizeLimited(values, calls, 2);
    cache.save(computed(1));
    cache.save(computed(2));
    cache.save(simulate(2).withResult("again"));

    assertTrue(cache.contains(computed(1).lookupKey()));
    assertEquals("again", cache.load(computed(2).lookupKey()).result());
  }

  @Test
  void aManualEviction_makesRoom() {
    Cache cache = Caches.sizeLimited(values, calls, 2);
    Digest a = cache.save(computed(1));
    Digest b = cache.save(computed(2));
    cache.evict(a);
    Digest c = cache.save(computed(3));

    assertEquals(2, count(calls));
    assertTrue(cache.contains(b));
    assertTrue(cache.contains(c));
  }

  @Test
  void theChooser_seesKeysLeastRecentlyUsedFirst_soGetZeroIsLru() {
    Cache cache = Caches.sizeLimited(values, calls, 3, keys -> keys.get(0));
    Digest a = cache.save(computed(1));
    Digest b = cache.save(computed(2));
    Digest c = cache.save(computed(3));
    cache.load(a); // a is now the most recently used, b the least
    Digest d = cache.save(computed(4));

    assertFalse(cache.contains(b));
    assertTrue(cache.contains(a));
    assertTrue(cache.contains(c));
    assertTrue(cache.contains(d));
  }

  @Test
  void aChooserPickingAnUnknownKey_isAnError() {
    Cache cache = Caches.sizeLimited(values, calls, 1, keys -> Digest.of("stranger"));
    cache.save(computed(1));

    assertThrows(IllegalStateException.class, () -> cache.save(computed(2)));
  }

  @Test
  void theKeysAlreadyStored_count() {
    Cache plain = Caches.of(values, calls);
    for (int i = 0; i < 5; i++) {
      plain.save(computed(i));
    }
    Cache cache = Caches.sizeLimited(values, calls, 3);
    assertEquals(5, count(calls), "nothing is evicted before a save");
    cache.save(computed(5));

    assertEquals(3, count(calls));
  }

  @Test
  void aLimitBelowOne_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> Caches.sizeLimited(values, calls, 0));
  }

  @Test
  void concurrentSaves_keepTheLimitExactly() throws Exception {
    int max = 10;
    Cache cache = Caches.sizeLimited(values, calls, max);

    inParallel(
        8,
        t -> {
          for (int i = 0; i < 100; i++) {
            int n = t * 1000 + i;
            if (i % 3 == 0) {
              cache.prepare(simulate(n)).commit(n, null);
            } else {
              cache.save(computed(n));
            }
            if (i % 2 == 0) {
              cache.evict(computed((t + 1) % 8 * 1000 + i).lookupKey()); // a neighbour's key
            }
          }
        });

    assertEquals(max, count(calls));
    cache.save(computed(-1));
    assertEquals(max, count(calls), "the tracked keys agree with the storage");
  }

  @Test
  void anEvictionRacingASave_waitsForIt_soTheCountStaysRight() throws Exception {
    TrackingCalls paused = new TrackingCalls();
    Cache cache = Caches.sizeLimited(values, paused, 2, keys -> keys.get(keys.size() - 1));
    Digest key = computed(1).lookupKey();
    CountDownLatch stored = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    paused.afterSave =
        k -> {
          if (k.equals(key) && stored.getCount() > 0) {
            stored.countDown();
            await(proceed);
          }
        };
    Thread saver = new Thread(() -> cache.save(computed(1)));
    saver.start();
    await(stored); // the record is in the storage, the save has not returned
    Thread evicter = new Thread(() -> cache.evict(key));
    evicter.start();
    while (evicter.isAlive() && evicter.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    proceed.countDown();
    saver.join();
    evicter.join();

    assertFalse(cache.contains(key));
    cache.save(computed(2));
    cache.save(computed(3));
    assertEquals(2, count(paused), "no key is tracked that the storage does not hold");
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(30, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
