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

/** The agent installed in this JVM (self-attach), memoizing {@link Subjects}. */
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
  void staticMethod_secondCallHits() {
    assertEquals(9 + 1, Subjects.square(3, "a"));
    assertEquals(10, Subjects.square(3, "a"));
    assertEquals(1, runs());
    assertEquals(1, stored(cache));
    assertEquals(4 + 2, Subjects.square(2, "ab"));
    assertEquals(2, runs());
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
  void overloads_neverShareKeys() {
    assertEquals(10, Subjects.square(3, "a"));
    assertEquals(-9, Subjects.square(3L, "a"));
    assertEquals(-9, Subjects.square(3L, "a"));
    assertEquals(2, runs());
    assertEquals(2, stored(cache));
  }

  @Test
  void recursion_computesEachValueOnce() {
    assertEquals(832040, Subjects.fib(30));
    assertEquals(31, runs());
    assertEquals(832040, Subjects.fib(30));
    assertEquals(31, runs());
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
  void nullResults_areCached() {
    assertNull(Subjects.nothing(1));
    assertNull(Subjects.nothing(1));
    assertEquals(1, runs());
  }

  @Test
  void exceptions_propagateAndAreNeverCached() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Subjects.failing(7));
    assertEquals("no 7", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Subjects.failing(7));
    assertEquals(2, runs());
    assertEquals(0, stored(cache));
  }

  @Test
  void genericMethods_areMemoized() {
    assertEquals("c", Subjects.max(List.of("a", "c", "b")));
    assertEquals("c", Subjects.max(List.of("a", "c", "b")));
    assertEquals(1, runs());
  }

  @Test
  void hits_returnCopies_notTheStoredState() {
    List<Integer> first = Subjects.mutable(5);
    first.add(99);
    List<Integer> second = Subjects.mutable(5);
    assertEquals(List.of(5, 5), second);
    second.add(100);
    assertEquals(List.of(5, 5), Subjects.mutable(5));
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
  void ignoredParameters_doNotTakePartInTheKey() {
    assertEquals(2, Subjects.quiet(1, true));
    assertEquals(2, Subjects.quiet(1, false));
    StringBuilder log = new StringBuilder();
    assertEquals(6, Subjects.annotatedIgnore(2, log));
    assertEquals(6, Subjects.annotatedIgnore(2, new StringBuilder()));
    assertEquals(2, runs());
    assertEquals("ran ", log.toString());
  }

  @Test
  void requiredParameters_thatAreNull_runUncached() {
    assertEquals(1, Subjects.needsLabel(1, null));
    assertEquals(1, Subjects.needsLabel(1, null));
    assertEquals(1, Subjects.needsLabel(1, "x"));
    assertEquals(1, Subjects.needsLabel(1, "x"));
    assertEquals(2, Subjects.needsParameterAnnotation(2, null));
    assertEquals(2, Subjects.needsParameterAnnotation(2, null));
    assertEquals(5, runs());
  }

  @Test
  void instanceMethods_keyOnTheReceiver_unlessIgnored() {
    assertEquals(6, new Subjects.Scaler(2).scale(3));
    assertEquals(6, new Subjects.Scaler(2).scale(3));
    assertEquals(9, new Subjects.Scaler(3).scale(3));
    assertEquals(2, runs());
    assertEquals(4, new Subjects.Scaler(2).shared(4));
    assertEquals(4, new Subjects.Scaler(7).shared(4));
    assertEquals(3, runs());
  }

  @Test
  void interfaceDefaultMethods_areMemoized() {
    assertEquals(4.0, new Subjects.Square(2).area());
    assertEquals(4.0, new Subjects.Square(2).area());
    assertEquals(1, runs());
  }

  @Test
  void futures_areReturnedOnAMiss_andStoredWhenTheyComplete() throws Exception {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    CompletableFuture<Integer> miss = Subjects.later(4, gate);
    assertFalse(miss.isDone());
    assertEquals(0, stored(cache));
    gate.complete(null);
    assertEquals(40, miss.get());
    assertEquals(1, stored(cache));
    CompletableFuture<Integer> hit = Subjects.later(4, CompletableFuture.completedFuture(null));
    assertTrue(hit.isDone());
    assertEquals(40, hit.get());
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
  void failedFutures_areNotStored() {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    CompletableFuture<Integer> miss = Subjects.later(5, gate);
    gate.completeExceptionally(new IllegalStateException("boom"));
    assertTrue(miss.isCompletedExceptionally());
    assertEquals(0, stored(cache));
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
  void concurrentIdenticalMisses_computeOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Subjects.gate = release;
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      List<Thread> workers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                Fleches.bind(
                    () -> {
                      synchronized (workers) {
                        workers.add(Thread.currentThread());
                      }
                      return Subjects.slow(1);
                    })));
      }
      // wait until every worker is parked: one in the body, the others on its flight
      while (true) {
        synchronized (workers) {
          if (workers.size() == threads
              && workers.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
            break;
          }
        }
        Thread.onSpinWait();
      }
      release.countDown();
      for (Future<Integer> f : results) {
        assertEquals(101, f.get());
      }
    } finally {
      pool.shutdownNow();
      Subjects.gate = new CountDownLatch(0);
    }
    assertEquals(1, runs());
    assertEquals(1, stored(cache));
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
  void recordedCalls_carryArgumentsByParameterName() {
    Subjects.square(3, "a");
    var stored = cache.query().stream().findFirst().orElseThrow();
    assertEquals("Subjects.square", stored.name());
    assertEquals("(int,java.lang.String)", stored.function().signature());
    assertEquals("example.memo", stored.function().module());
    assertEquals(List.of("x", "label"), stored.argumentNames());
    assertEquals(Digest.of(3), stored.argumentDigests().get("x"));
    assertEquals(10L, stored.result());
  }

  @Test
  void theAgent_instrumentsEveryValidMethod_andNoMisusedOne() {
    Subjects.runs.get(); // Subjects is loaded: its 17 valid methods are instrumented, 3 misused not
    assertTrue(FlecheAgent.instrumentedMethods() >= 17, "" + FlecheAgent.instrumentedMethods());
  }
}
