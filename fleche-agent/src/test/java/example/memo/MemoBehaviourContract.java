package example.memo;

import static org.junit.jupiter.api.Assertions.*;

import example.memo.ContractSubjects.Scaler;
import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.FlecheStats;
import io.fleche.Fleches;
import io.fleche.FunctionStats;
import io.fleche.LazyCall;
import io.fleche.caches.Caches;
import io.fleche.storage.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a memoized method does, whoever memoizes it: the same assertions run against direct calls
 * rewritten by the agent ({@link DirectCallsTest}) and against {@code FlecheFunction} handles on
 * classes no agent touched ({@link HandleCallsWithoutAgentTest}).
 */
abstract class MemoBehaviourContract {
  /** The memoized methods of {@link ContractSubjects}, reached one way or the other. */
  interface Calls {
    long square(int x, String label);

    long square(long x, String label);

    long fib(int n);

    String nothing(int x);

    int failing(int x);

    int quiet(int x, boolean verbose);

    int annotatedIgnore(int x, StringBuilder log);

    int needsLabel(int x, String label);

    int needsParameterAnnotation(int x, String label);

    CompletableFuture<Integer> later(int x, CompletableFuture<Void> gate);

    List<Integer> mutable(int n);

    int slow(int x);

    int scale(Scaler receiver, int x);

    int shared(Scaler receiver, int x);
  }

  /** How this run reaches the memoized methods. */
  abstract Calls calls();

  private ForwardingCache cache;
  private Scope cacheScope;
  private Scope metaScope;

  @BeforeEach
  void activate() {
    cache = new ForwardingCache(Caches.memory());
    cacheScope = Fleches.use(cache);
    metaScope = Fleches.meta();
    ContractSubjects.runs.set(0);
  }

  @AfterEach
  void deactivate() {
    metaScope.close();
    cacheScope.close();
  }

  private static int runs() {
    return ContractSubjects.runs.get();
  }

  private long stored() {
    return cache.query().count();
  }

  private LazyCall onlyRecord() {
    return cache.query().only();
  }

  @Test
  void aRepeatedCall_hits_andADifferentOneMisses() {
    assertEquals(10, calls().square(3, "a"));
    assertEquals(1, runs());
    assertEquals(0, cache.hits.get());
    assertEquals(1, cache.misses.get());

    assertEquals(10, calls().square(3, "a"));
    assertEquals(1, runs(), "the second call is served from the cache");
    assertEquals(1, cache.hits.get());
    assertEquals(1, cache.misses.get());

    assertEquals(6, calls().square(2, "ab"));
    assertEquals(2, runs());
    assertEquals(1, cache.hits.get());
    assertEquals(2, cache.misses.get());
    assertEquals(2, stored());
    assertEquals(2, cache.commits.get());
  }

  @Test
  void theRecord_holdsTheArgumentsByName_andTheResult() {
    calls().square(3, "a");
    LazyCall record = onlyRecord();
    assertEquals("ContractSubjects.square", record.name());
    assertEquals("(int,java.lang.String)", record.function().signature());
    assertEquals("example.memo", record.function().module());
    assertEquals(List.of("x", "label"), record.argumentNames());
    assertEquals(3, record.argument("x"));
    assertEquals("a", record.argument("label"));
    assertEquals(10L, record.result());
  }

  @Test
  void nullResults_areCached() {
    assertNull(calls().nothing(1));
    assertNull(calls().nothing(1));
    assertEquals(1, runs());
    assertEquals(1, cache.hits.get());
    assertNull(onlyRecord().result());
  }

  @Test
  void exceptions_propagate_andAreNeverCached() {
    IllegalArgumentException first =
        assertThrows(IllegalArgumentException.class, () -> calls().failing(7));
    assertEquals("no 7", first.getMessage());
    IllegalArgumentException second =
        assertThrows(IllegalArgumentException.class, () -> calls().failing(7));
    assertNotSame(first, second, "the second call ran the body again");
    assertEquals(2, runs());
    assertEquals(0, stored());
    assertEquals(0, cache.commits.get());
  }

  @Test
  void statistics_countEachFunctionsHitsMissesAndUncachedCalls() throws Exception {
    FlecheStats before = Fleches.stats();
    calls().square(3, "a");
    calls().square(3, "a");
    calls().square(3L, "a");
    assertThrows(IllegalArgumentException.class, () -> calls().failing(1));
    calls().needsLabel(1, null);

    FlecheStats stats = Fleches.stats(cache);
    assertEquals(
        Set.of(
            "example.memo.ContractSubjects.square(int,java.lang.String)",
            "example.memo.ContractSubjects.square(long,java.lang.String)",
            "example.memo.ContractSubjects.failing(int)",
            "example.memo.ContractSubjects.needsLabel(int,java.lang.String)"),
        stats.functions().keySet());
    FunctionStats squareInt =
        stats.function(ContractSubjects.class.getDeclaredMethod("square", int.class, String.class));
    assertEquals(1, squareInt.hits());
    assertEquals(0, squareInt.frontHits(), "this cache cannot count its changes: no front layer");
    assertEquals(1, squareInt.misses());
    assertEquals(Map.of(), squareInt.uncached());
    FunctionStats square = stats.function(ContractSubjects.class, "square");
    assertEquals(1, square.hits(), "both overloads");
    assertEquals(2, square.misses(), "both overloads");
    FunctionStats failing = stats.function(ContractSubjects.class, "failing");
    assertEquals(1, failing.misses(), "computed, although nothing was stored");
    assertEquals(0, failing.hits());
    FunctionStats needsLabel = stats.function(ContractSubjects.class, "needsLabel");
    assertEquals(Map.of("required", 1L), needsLabel.uncached());
    assertEquals(0, needsLabel.misses());
    assertEquals(3, stats.total().misses());
    assertEquals(Duration.ZERO, stats.total().saved(), "no walltime recorded: nothing saved");
    assertEquals(stats, Fleches.stats().since(before), "only this cache was used meanwhile");
  }

  @Test
  void ignoredParameters_areNeitherKeyedNorRecorded() {
    assertEquals(2, calls().quiet(1, true));
    assertEquals(2, calls().quiet(1, false));
    assertEquals(1, runs());
    assertEquals(List.of("x"), onlyRecord().argumentNames());

    StringBuilder log = new StringBuilder();
    assertEquals(6, calls().annotatedIgnore(2, log));
    assertEquals(6, calls().annotatedIgnore(2, new StringBuilder("other")));
    assertEquals(2, runs());
    assertEquals("ran ", log.toString());
  }

  @Test
  void requiredParameters_thatAreNull_runUncached() {
    assertEquals(1, calls().needsLabel(1, null));
    assertEquals(1, calls().needsLabel(1, null));
    assertEquals(2, runs());
    assertEquals(0, stored());
    assertEquals(0, cache.hits.get() + cache.misses.get(), "no lookup at all");

    assertEquals(1, calls().needsLabel(1, "x"));
    assertEquals(1, calls().needsLabel(1, "x"));
    assertEquals(3, runs());

    assertEquals(2, calls().needsParameterAnnotation(2, null));
    assertEquals(2, calls().needsParameterAnnotation(2, null));
    assertEquals(2, calls().needsParameterAnnotation(2, "y"));
    assertEquals(2, calls().needsParameterAnnotation(2, "y"));
    assertEquals(6, runs());
    assertEquals(2, stored());
  }

  @Test
  void overloads_neverShareKeys() {
    assertEquals(10, calls().square(3, "a"));
    assertEquals(-9, calls().square(3L, "a"));
    assertEquals(-9, calls().square(3L, "a"));
    assertEquals(10, calls().square(3, "a"));
    assertEquals(2, runs());
    List<String> signatures =
        cache.query().stream().map(c -> c.function().signature()).sorted().toList();
    assertEquals(List.of("(int,java.lang.String)", "(long,java.lang.String)"), signatures);
  }

  @Test
  void recursion_computesEachValueOnce() {
    assertEquals(75025, calls().fib(25));
    assertEquals(26, runs(), "fib(0..25), each once");
    assertEquals(75025, calls().fib(25));
    assertEquals(26, runs());
    assertEquals(832040, calls().fib(30));
    assertEquals(31, runs(), "fib(26..30) only");
    assertEquals(31, stored());
  }

  @Test
  void hits_returnCopies_notTheStoredState() {
    List<Integer> first = calls().mutable(5);
    first.add(99);
    List<Integer> second = calls().mutable(5);
    assertEquals(List.of(5, 5), second);
    second.add(100);
    assertEquals(List.of(5, 5), calls().mutable(5));
    assertEquals(1, runs());
  }

  @Test
  void futures_areReturnedOnAMiss_storedWhenTheyComplete_andCompletedOnAHit()
      throws Exception {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    CompletableFuture<Integer> miss = calls().later(4, gate);
    assertFalse(miss.isDone());
    assertEquals(0, stored(), "nothing is stored before the future completes");
    gate.complete(null);
    assertEquals(40, miss.get());
    assertEquals(1, stored());
    assertEquals(40, onlyRecord().result(), "the value is stored, not the future");

    CompletableFuture<Integer> hit = calls().later(4, new CompletableFuture<>());
    assertTrue(hit.isDone(), "a hit never waits for its (ignored) gate");
    assertEquals(40, hit.get());
    assertEquals(1, runs());
  }

  @Test
  void failedFutures_areNotStored() {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    CompletableFuture<Integer> miss = calls().later(5, gate);
    gate.completeExceptionally(new IllegalStateException("boom"));
    assertTrue(miss.isCompletedExceptionally());
    assertEquals(0, stored());
    CompletableFuture<Void> again = new CompletableFuture<>();
    CompletableFuture<Integer> retry = calls().later(5, again);
    assertFalse(retry.isDone(), "the failed call is computed again");
    again.complete(null);
    assertEquals(50, retry.join());
    assertEquals(2, runs());
  }

  @Test
  void instanceMethods_areKeyedOnTheReceiver_unlessIgnored() {
    assertEquals(6, calls().scale(new Scaler(2), 3));
    assertEquals(6, calls().scale(new Scaler(2), 3), "an equal receiver hits");
    assertEquals(9, calls().scale(new Scaler(3), 3), "another receiver misses");
    assertEquals(2, runs());
    LazyCall record =
        cache.query().stream().filter(c -> c.argumentDigests().get("this").equals(
            Digest.of(new Scaler(2)))).findFirst().orElseThrow();
    assertEquals(List.of("this", "x"), record.argumentNames());

    assertEquals(4, calls().shared(new Scaler(2), 4));
    assertEquals(4, calls().shared(new Scaler(7), 4), "the receiver is ignored");
    assertEquals(3, runs());
  }

  @Test
  void concurrentIdenticalMisses_computeOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ContractSubjects.gate = release;
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Thread> workers = new ArrayList<>();
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                Fleches.bind(
                    () -> {
                      synchronized (workers) {
                        workers.add(Thread.currentThread());
                      }
                      return calls().slow(1);
                    })));
      }
      // every worker parked: one in the body, the others waiting for its result
      while (true) {
        synchronized (workers) {
          if (workers.size() == threads
              && workers.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
            break;
          }
        }
        Thread.onSpinWait();
      }
      assertEquals(1, runs());
      release.countDown();
      for (Future<Integer> f : results) {
        assertEquals(101, f.get());
      }
    } finally {
      pool.shutdownNow();
      ContractSubjects.gate = new CountDownLatch(0);
    }
    assertEquals(1, runs());
    assertEquals(1, stored());
  }
}
