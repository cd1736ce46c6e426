package io.fleche.caches;

import static io.fleche.caches.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.storage.AmbiguousDigestException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Layered caches: writes to the first layer, lookups in order with back-fill. */
class CacheStackTest {
  private final Cache base = Caches.memory();
  private final Cache middle = Caches.memory();
  private final Cache top = Caches.memory();

  @Test
  void saves_goToTheFirstLayerOnly() {
    Cache stack = Caches.stack(base, top);
    Digest key = stack.save(computed(1));

    assertTrue(base.contains(key));
    assertFalse(top.contains(key));
  }

  @Test
  void load_triesTheLayersInOrder() {
    Digest key = computed(1).lookupKey();
    base.save(simulate(1).withResult("base"));
    top.save(simulate(1).withResult("top"));

    assertEquals("base", Caches.stack(base, top).load(key).result());
    assertEquals("top", Caches.stack(top, base).load(key).result());
    assertThrows(
        NoSuchElementException.class, () -> Caches.stack(base, top).load(computed(2).lookupKey()));
  }

  @Test
  void aHitInALaterLayer_isCopiedIntoTheFirst_withItsValues() {
    Digest key = top.save(computed(1).withMetadata(finishedAt(5)));
    Cache stack = Caches.stack(base, middle, top);

    assertEquals(10, stack.load(key).result());
    assertTrue(base.contains(key));
    assertFalse(middle.contains(key), "only the first layer is filled");
    top.evict(key);
    LazyCall copy = base.load(key);
    assertEquals(10, copy.result());
    assertEquals(1, copy.argument("steps"));
    assertEquals(
        finishedAt(5).get("runtime").get("timestop"),
        copy.metadata().get("runtime").get("timestop"));
  }

  @Test
  void loadValue_neverCopies() {
    top.save(computed(1));
    Cache stack = Caches.stack(base, top);

    assertEquals(10, stack.loadValue(Digest.of(10)));
    assertThrows(NoSuchElementException.class, () -> base.loadValue(Digest.of(10)));
  }

  @Test
  void contains_isAnyLayer_andLoadsNothing() {
    Digest key = top.save(computed(1));
    Cache stack = Caches.stack(base, top);

    assertTrue(stack.contains(key));
    assertFalse(base.contains(key));
  }

  @Test
  void evict_removesFromEveryLayer_evenPastARefusingOne() {
    Digest key = computed(1).lookupKey();
    base.save(computed(1));
    middle.save(computed(1));
    top.save(computed(1));
    Caches.stack(base, Caches.readOnly(middle), top).evict(key);

    assertFalse(base.contains(key));
    assertTrue(middle.contains(key), "the read-only layer keeps it");
    assertFalse(top.contains(key));
  }

  @Test
  void query_listsTheLayersInOrder_theFirstOfAKeyWinning() {
    base.save(simulate(1).withResult("base"));
    top.save(simulate(1).withResult("top"));
    top.save(computed(2));
    base.save(computed(3));

    List<Object> results = Caches.stack(base, top).query().results();
    // a layer lists its calls in no particular order; the layers come in stack order
    assertEquals(3, results.size(), results.toString());
    assertEquals(java.util.Set.of("base", 30), java.util.Set.copyOf(results.subList(0, 2)));
    assertEquals(20, results.get(2));
  }

  @Test
  void aStackAmongTheLayers_isFlattened() {
    Cache inner = Caches.stack(middle, top);
    Digest key = top.save(computed(1));
    Cache stack = Caches.stack(base, inner);

    assertEquals(10, stack.load(key).result());
    assertTrue(base.contains(key));
    assertFalse(middle.contains(key), "hits are copied into the very first layer only");
    assertEquals("CacheStack" + List.of(base, middle, top), stack.toString());
  }

  @Test
  void aStack_needsALayer() {
    assertThrows(IllegalArgumentException.class, Caches::stack);
  }

  @Test
  void aFirstLayerThatRefusesTheCopy_isOnlyLogged() {
    Digest key = top.save(computed(1));
    Cache stack = Caches.stack(Caches.readOnly(base), top);

    try (LogCapture log = new LogCapture("io.fleche.cache")) {
      assertEquals(10, stack.load(key).result());
      assertEquals(1, log.messages(Level.WARNING).size());
      assertTrue(log.messages(Level.WARNING).get(0).contains(key.toString()));
    }
    assertFalse(base.contains(key));
  }

  @Test
  void concurrentLoaders_copyAHitOnce() throws Exception {
    CountingCache counting = new CountingCache();
    Cache stack = Caches.stack(counting, top);
    List<Digest> keys = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      keys.add(top.save(computed(i)));
    }
    ConcurrentLinkedQueue<Object> results = new ConcurrentLinkedQueue<>();

    inParallel(8, t -> keys.forEach(k -> results.add(stack.load(k).result())));

    assertEquals(keys.size(), counting.writes.get(), "each hit copied exactly once");
    assertEquals(8 * keys.size(), results.size());
    keys.forEach(k -> assertTrue(counting.contains(k)));
  }

  @Test
  void expand_andShrink_spanTheLayers() {
    Digest a = base.save(computed(1));
    Digest b = top.save(computed(2));
    Cache stack = Caches.stack(base, top);

    assertEquals(a, stack.expand(a.prefix(12)));
    assertEquals(b, stack.expand(b.prefix(12)));
    List<String> shrunk = stack.shrink(List.of(a, b, Digest.of(20)));
    assertEquals(a, stack.expand(shrunk.get(0)));
    assertEquals(b, stack.expand(shrunk.get(1)));
    assertEquals(Digest.of(20), stack.expand(shrunk.get(2)));
    assertThrows(NoSuchElementException.class, () -> stack.shrink(List.of(Digest.of("nothing"))));
  }

  @Test
  void expand_isAmbiguousWhenTheLayersDisagree() {
    String prefix = Digest.of(1).prefix(4);
    int clash = valueWithPrefix(prefix, 1);
    base.save(simulate(0).withResult(1));
    top.save(simulate(0).withResult(clash));

    AmbiguousDigestException e =
        assertThrows(AmbiguousDigestException.class, () -> Caches.stack(base, top).expand(prefix));
    assertEquals(Stream.of(Digest.of(1), Digest.of(clash)).sorted().toList(), e.candidates());
  }
}
