package io.fleche.caches;

import static io.fleche.caches.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.PreparedCall;
import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.Storages;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** A memory front: writes go through, hits are kept in memory, bounded, two generations. */
class FrontCacheTest {
  private final ValueStorage values = Storages.valueMemory();
  private final CallStorage calls = Storages.callMemory();
  /** The cache behind, as this JVM sees it (it cannot tell changes: modifications -1). */
  private final Cache behind = Caches.of(values, calls);
  /** Another process writing to the same storages. */
  private final Cache elsewhere = Caches.of(values, calls);

  @Test
  void commitsAndSaves_goThroughToTheCacheBehind() {
    Cache front = Caches.front(behind, 10);
    try (PreparedCall p = front.prepare(simulate(1))) {
      p.commit(10, Map.of());
    }
    Digest saved = front.save(computed(2));

    assertEquals(10, elsewhere.load(computed(1).lookupKey()).result());
    assertEquals(20, elsewhere.load(saved).result());
    assertEquals(-1, behind.modifications());
    assertEquals(2, front.modifications(), "changes through the front are counted");
  }

  @Test
  void aHitIsKeptInMemory_soItStaysAHitWhenRemovedBehindItsBack() {
    Digest key = elsewhere.save(computed(1));
    Cache front = Caches.front(behind, 10);

    assertEquals(10, front.load(key).result());
    long seen = front.modifications();
    elsewhere.evict(key);

    assertEquals(10, front.load(key).result(), "served from memory");
    assertEquals(1, front.load(key).argument("steps"));
    assertTrue(front.contains(key));
    assertEquals(seen, front.modifications(), "reads change nothing");
    assertThrows(NoSuchElementException.class, () -> behind.load(key));
  }

  @Test
  void writesAndEvictionsThroughTheFront_replaceWhatMemoryHolds() {
    Cache front = Caches.front(behind, 10);
    Digest key = front.save(simulate(1).withResult("first"));
    assertEquals("first", front.load(key).result());

    front.save(simulate(1).withResult("second"));
    assertEquals("second", front.load(key).result());

    front.evict(key);
    assertThrows(NoSuchElementException.class, () -> front.load(key));
    assertFalse(front.contains(key));
    assertFalse(behind.contains(key));
  }

  @Test
  void memoryHoldsAtMostMaxSizeCalls_theRecentlyUsedOnes() {
    Cache front = Caches.front(behind, 4);
    Digest first = elsewhere.save(computed(0));
    front.load(first);
    for (int i = 1; i <= 20; i++) {
      Digest k = elsewhere.save(computed(i));
      front.load(k);
      front.load(first); // used again and again: kept
    }
    Digest recent = computed(20).lookupKey();
    Digest old = computed(1).lookupKey();
    for (int i = 0; i <= 20; i++) {
      elsewhere.evict(computed(i).lookupKey());
    }

    assertEquals(0, front.load(first).result(), "used recently: still in memory");
    assertEquals(200, front.load(recent).result(), "loaded last: still in memory");
    assertThrows(NoSuchElementException.class, () -> front.load(old), "dropped long ago");
    int kept = 0;
    for (int i = 0; i <= 20; i++) {
      kept += front.contains(computed(i).lookupKey()) ? 1 : 0;
    }
    assertTrue(kept <= 4, kept + " calls kept in memory, at most 4");
  }

  @Test
  void queriesAndExpansion_areTheCacheBehinds() {
    Cache front = Caches.front(behind, 10);
    Digest key = elsewhere.save(computed(3));
    front.load(key);
    elsewhere.save(computed(4));

    assertEquals(2, front.query(simulations()).count());
    assertEquals(key, front.expand(key.prefix(12)));
  }

  @Test
  void aFrontHoldsAtLeastTwoCalls() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Caches.front(behind, 1));
    assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
  }
}
