package example.memo;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Digest;
import io.fleche.Cache;
import io.fleche.Fleches;
import io.fleche.caches.Caches;
import io.fleche.agent.FlecheAgent;
import io.fleche.storage.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What only the agent does, in this JVM (self-attach): private, generic, primitive and default
 * methods, the front layer, misuse, scopes. The behaviour it shares with function handles is in
 * {@link MemoBehaviourContract}.
 */
class AgentBehaviourTest {
  private Cache cache;
  private Scope cacheScope;
  private Scope metaScope;

  @BeforeAll
  static void installAgent() {
    FlecheAgent.install();
  }

  @BeforeEach
  void activate() {
    cache = Caches.memory();
    cacheScope = Fleches.use(cache);
    metaScope = Fleches.meta();
    Subjects.runs.set(0);
  }

  @AfterEach
  void deactivate() {
    metaScope.close();
    cacheScope.close();
  }

  private static int stored(Cache c) {
    return (int) c.query().count();
  }

  private static int runs() {
    return Subjects.runs.get();
  }

  @Test
  void theFrontLayer_noticesEvictionsAndOtherCaches() {
    assertEquals(10, Subjects.square(3, "a"));
    assertEquals(10, Subjects.square(3, "a")); // a hit, remembered in front
    assertEquals(10, Subjects.square(3, "a")); // served by the front layer
    assertEquals(1, runs());
    cache.evict(cache.query().only().lookupKey());
    assertEquals(10, Subjects.square(3, "a")); // the eviction is noticed: computed again
    assertEquals(2, runs());
    Cache other = Caches.memory();
    try (Scope s = Fleches.use(other)) {
      assertEquals(10, Subjects.square(3, "a")); // another cache: not served from the front
    }
    assertEquals(3, runs());
  }

  @Test
  void theFrontLayer_isNotUsedForCachesThatCannotCountTheirChanges() {
    Cache shared =
        Caches.of(io.fleche.storages.Storages.valueMemory(), io.fleche.storages.Storages.callMemory());
    assertEquals(-1, shared.modifications());
    try (Scope s = Fleches.use(shared)) {
      assertEquals(10, Subjects.square(3, "a"));
      assertEquals(10, Subjects.square(3, "a"));
      assertEquals(10, Subjects.square(3, "a"));
    }
    assertEquals(1, runs());
  }

  @Test
  void privateSelfInvokedMethods_areMemoized() {
    assertEquals(8, Subjects.viaPrivate(4));
    assertEquals(8, Subjects.viaPrivate(4));
    assertEquals(1, runs());
  }

  @Test
  void primitiveResults_roundTrip() {
    assertEquals(1.25, Subjects.half(2.5));
    assertEquals(1.25, Subjects.half(2.5));
    assertTrue(Subjects.positive(3));
    assertTrue(Subjects.positive(3));
    assertFalse(Subjects.positive(-3));
    assertFalse(Subjects.positive(-3));
    assertEquals(3, runs());
  }

  @Test
  void genericMethods_areMemoized() {
    assertEquals("c", Subjects.max(List.of("a", "c", "b")));
    assertEquals("c", Subjects.max(List.of("a", "c", "b")));
    assertEquals(1, runs());
  }

  @Test
  void undigestableArguments_runUncached_withTheRightResult() {
    assertEquals(4, Subjects.apply(x -> x + 1, 3));
    assertEquals(4, Subjects.apply(x -> x + 1, 3));
    assertEquals(2, runs());
    assertEquals(0, stored(cache));
  }

  @Test
  void interfaceDefaultMethods_areMemoized() {
    assertEquals(4.0, new Subjects.Square(2).area());
    assertEquals(4.0, new Subjects.Square(2).area());
    assertEquals(1, runs());
  }

  @Test
  void pendingFutures_areSharedWithOtherCallers_notRecomputed() throws Exception {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    CompletableFuture<Integer> first = Subjects.later(6, gate);
    CompletableFuture<Integer> fromAnotherThread =
        Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r);
                  t.setDaemon(true);
                  return t;
                })
            .submit(Fleches.bind(() -> Subjects.later(6, new CompletableFuture<>())))
            .get();
    assertSame(first, fromAnotherThread, "the pending future is shared, not computed again");
    gate.complete(null);
    assertEquals(60, fromAnotherThread.get());
    assertEquals(1, runs());
    assertEquals(60, Subjects.later(6, new CompletableFuture<>()).get());
    assertEquals(1, runs());
  }

  @Test
  void misusedMethods_runUnchanged() {
    Subjects.noResult(1);
    Subjects.noResult(1);
    assertEquals(List.of(1), Subjects.lazy(1).collect(java.util.stream.Collectors.toList()));
    Subjects.lazy(1);
    assertEquals(1, Subjects.unknownIgnore(1));
    assertEquals(1, Subjects.unknownIgnore(1));
    assertEquals(6, runs());
    assertEquals(0, stored(cache));
  }

  @Test
  void theActiveCache_isPerScope() {
    assertEquals(10, Subjects.square(3, "a"));
    Cache other = Caches.memory();
    try (Scope s = Fleches.use(other)) {
      assertEquals(10, Subjects.square(3, "a"));
      assertEquals(1, stored(other));
    }
    assertEquals(10, Subjects.square(3, "a"));
    assertEquals(2, runs());
  }

  @Test
  void theAgent_instrumentsEveryValidMethod_andNoMisusedOne() {
    Subjects.runs.get(); // Subjects is loaded: its 9 valid methods are instrumented, 3 misused not
    assertTrue(FlecheAgent.instrumentedMethods() >= 9, "" + FlecheAgent.instrumentedMethods());
  }
}
