package example.memo;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.FlecheFunction;
import io.fleche.Fleches;
import io.fleche.LazyCall;
import io.fleche.agent.FlecheAgent;
import io.fleche.caches.Caches;
import io.fleche.storage.Scope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link FlecheFunction}: the helpers on a method the agent memoizes. */
class FunctionHandleTest {
  private static FlecheFunction simulate;
  private static FlecheFunction fib;
  private static FlecheFunction scaled;

  private Cache cache;
  private Scope cacheScope;
  private Scope metaScope;

  @BeforeAll
  static void installAgent() {
    FlecheAgent.install();
    simulate = Fleches.function(HandleSubjects.class, "simulate");
    fib = Fleches.function(HandleSubjects.class, "fib", int.class);
    scaled = Fleches.function(HandleSubjects.class, "scaled");
  }

  @BeforeEach
  void activate() {
    cache = Caches.memory();
    cacheScope = Fleches.use(cache);
    metaScope = Fleches.meta(new HandleSubjects.Sequence());
    HandleSubjects.runs.set(0);
  }

  @AfterEach
  void deactivate() {
    metaScope.close();
    cacheScope.close();
  }

  private static int runs() {
    return HandleSubjects.runs.get();
  }

  @Test
  void call_isTheMemoizedCall_sharedWithDirectCalls() throws Exception {
    assertEquals(5.0, simulate.call(10, 0.5));
    assertEquals(1, runs());
    assertEquals(5.0, HandleSubjects.simulate(10, 0.5), "a direct call hits what the handle stored");
    assertEquals(5.0, simulate.call(10, 0.5));
    assertEquals(1, runs());
    HandleSubjects.simulate(4, 0.5);
    assertEquals(2.0, simulate.call(4, 0.5), "the handle hits what a direct call stored");
    assertEquals(2, runs());
  }

  @Test
  void toCall_buildsTheCall_withoutRunningIt() {
    Call call = simulate.toCall(10, 0.5);
    assertEquals(0, runs());
    assertEquals("HandleSubjects.simulate", call.name());
    assertEquals(simulate.function(), call.function());
    assertEquals("(int,double)", call.function().signature());
    assertEquals(Map.of("steps", 10, "dt", 0.5), call.arguments());
    assertEquals(List.of("steps", "dt"), call.argumentNames());
    assertFalse(call.hasResult());
    assertEquals(simulate.digest(10, 0.5), call.lookupKey());
    assertEquals(List.of("x"), scaled.toCall(1, "ignored").argumentNames());
  }

  @Test
  void digest_isTheKeyTheAgentUses() {
    HandleSubjects.simulate(10, 0.5);
    assertTrue(cache.contains(simulate.digest(10, 0.5)));
    assertEquals(simulate.digest(10, 0.5), cache.query().only().lookupKey());
    assertFalse(cache.contains(simulate.digest(10, 0.25)));
    assertNotEquals(simulate.digest(10, 0.5), simulate.digest(10, 0.25));

    HandleSubjects.scaled(2, "first");
    assertEquals(scaled.digest(2, "first"), scaled.digest(2, "second"), "ignored: not keyed");
    assertTrue(cache.contains(scaled.digest(2, "other")));
  }

  @Test
  void contains_runsNothing() {
    assertFalse(simulate.contains(3, 1.0));
    HandleSubjects.simulate(3, 1.0);
    assertTrue(simulate.contains(3, 1.0));
    assertFalse(simulate.contains(3, 2.0));
    assertEquals(1, runs());
  }

  @Test
  void load_returnsTheStoredResult_andNeverComputes() {
    assertThrows(NoSuchElementException.class, () -> simulate.load(6, 0.5));
    assertEquals(0, runs());
    HandleSubjects.simulate(6, 0.5);
    assertEquals(3.0, simulate.load(6, 0.5));
    assertEquals(1, runs());
    try (Scope other = Fleches.use(Caches.memory())) {
      assertThrows(
          NoSuchElementException.class, () -> simulate.load(6, 0.5), "loads the active cache");
    }
  }

  @Test
  void query_byPartialArguments_anyValue_andMetadata() throws Exception {
    simulate.call(1, 0.1);
    simulate.call(1, 0.2);
    simulate.call(2, 0.1);
    try (Scope alpha = Fleches.project("alpha")) {
      simulate.call(3, 0.1);
    }
    fib.call(3); // another function in the same cache

    assertEquals(4, simulate.query(Map.of()).count(), "only this function's calls");
    assertEquals(
        Set.of(0.1, 0.2),
        simulate.query(Map.of("steps", 1)).stream()
            .map(c -> c.argument("dt"))
            .collect(Collectors.toSet()));
    assertEquals(0.2, (double) simulate.query(Map.of("steps", 1, "dt", 0.2)).only().result(), 1e-12);
    assertEquals(3, simulate.query(Map.of("dt", 0.1)).count());
    Map<String, Object> anyDt = new HashMap<>();
    anyDt.put("dt", null);
    assertEquals(4, simulate.query(anyDt).count(), "null: any value");
    anyDt.put("steps", 2);
    assertEquals(2, simulate.query(anyDt).only().argument("steps"));

    LazyCall tagged = simulate.query(Map.of(), Map.of("tags", Map.of("project", "alpha"))).only();
    assertEquals(3, tagged.argument("steps"));
    assertEquals(1, simulate.query(Map.of(), Map.of("tags", Map.of())).count(), "namespace present");
    assertEquals(0, simulate.query(Map.of("steps", 1), Map.of("tags", Map.of("project", "alpha"))).count());
    assertEquals(4, simulate.query(Map.of(), Map.of("sequence", Map.of())).count());

    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> simulate.query(Map.of("stepz", 1)));
    assertTrue(unknown.getMessage().contains("stepz"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> scaled.query(Map.of("note", "x")), "ignored");
    assertEquals(4 + 4, runs(), "four simulations and fib(0..3); queries run nothing");
  }

  @Test
  void rerun_recomputesEveryNestedCallOnce_andOverwritesTheRecords() throws Exception {
    assertEquals(6765L, fib.call(20));
    assertEquals(21, runs());
    Map<Integer, Long> before = sequenceNumbers();
    assertEquals(21, before.size());

    assertEquals(6765L, fib.rerun(20));
    assertEquals(42, runs(), "fib(0..20), each once more");
    Map<Integer, Long> after = sequenceNumbers();
    assertEquals(21, cache.query().count(), "overwritten, not added");
    for (int n = 0; n <= 20; n++) {
      assertTrue(after.get(n) > before.get(n), "fib(" + n + ") was recorded again");
      assertEquals(HandleSubjects.fib(n), fib.load(n), "values unchanged");
    }
    assertEquals(42, runs(), "and the records hit again afterwards");

    assertEquals(55L, fib.rerun(10));
    assertEquals(53, runs(), "a rerun of an inner call recomputes only below it");
  }

  /** fib's records: n to its metadata sequence.n. */
  private Map<Integer, Long> sequenceNumbers() {
    return fib.query(Map.of()).stream()
        .collect(
            Collectors.toMap(
                c -> (Integer) c.argument("n"),
                c -> ((Number) c.metadata().get("sequence").get("n")).longValue()));
  }

  /** An executor over a real pool that counts the tasks handed to it. */
  private static final class CountingExecutor extends AbstractExecutorService {
    final ExecutorService pool = Executors.newSingleThreadExecutor();
    final AtomicInteger submitted = new AtomicInteger();

    @Override
    public void execute(Runnable command) {
      submitted.incrementAndGet();
      pool.execute(command);
    }

    @Override
    public void shutdown() {
      pool.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return pool.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return pool.awaitTermination(timeout, unit);
    }
  }

  @Test
  void boundCalls_onAWrappedExecutor_missOnThePool_withTheScopesCache_andHitWithoutSubmitting()
      throws Exception {
    CountingExecutor counting = new CountingExecutor();
    ExecutorService executor = Fleches.wrap(counting);
    try {
      Cache poolDefault = counting.pool.submit(Fleches::cache).get();
      assertNotSame(cache, poolDefault, "the pool thread's own active cache is the default");
      assertSame(executor, Fleches.wrap(executor), "wrapping twice wraps once");

      Future<Object> miss = executor.submit(simulate.bind(8, 0.25));
      assertEquals(2.0, miss.get());
      assertEquals(1, counting.submitted.get());
      assertEquals(1, runs());
      assertNotSame(Thread.currentThread(), HandleSubjects.lastThread, "ran on the pool");
      assertSame(cache, HandleSubjects.lastCache, "with the submitting thread's cache");
      assertTrue(cache.contains(simulate.digest(8, 0.25)), "recorded in the scope's cache");
      assertFalse(poolDefault.contains(simulate.digest(8, 0.25)), "not in the default one");

      Future<Object> hit = executor.submit(simulate.bind(8, 0.25));
      assertTrue(hit.isDone(), "a cached call completes at once");
      assertEquals(2.0, hit.get());
      assertEquals(1, counting.submitted.get(), "nothing submitted");
      assertEquals(1, runs());

      // plain tasks carry the cache too: a memoized call inside lands in the scope's cache
      Future<Double> plain = executor.submit(() -> HandleSubjects.simulate(9, 0.5));
      assertEquals(4.5, plain.get());
      assertEquals(2, counting.submitted.get());
      assertTrue(cache.contains(simulate.digest(9, 0.5)));
      assertFalse(poolDefault.contains(simulate.digest(9, 0.5)));
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void bind_capturesTheCacheAtBindTime() throws Exception {
    FlecheFunction.BoundCall bound = simulate.bind(5, 2.0);
    assertNull(bound.cached());
    Cache elsewhere = Caches.memory();
    try (Scope s = Fleches.use(elsewhere)) {
      assertEquals(10.0, bound.call());
    }
    assertSame(cache, HandleSubjects.lastCache);
    assertTrue(cache.contains(simulate.digest(5, 2.0)));
    assertFalse(elsewhere.contains(simulate.digest(5, 2.0)));
    assertEquals(10.0, bound.cached().get());
  }

  @Test
  void handles_refuseWhatIsNotAMemoizedMethod() throws Exception {
    assertThrows(
        IllegalArgumentException.class, () -> Fleches.function(HandleSubjects.class, "notMemoized"));
    assertThrows(
        IllegalArgumentException.class, () -> Fleches.function(HandleSubjects.class, "missing"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Fleches.function(HandleSubjects.class, "fib", long.class));
    assertThrows(IllegalArgumentException.class, () -> simulate.call(1), "too few arguments");
    assertThrows(IllegalArgumentException.class, () -> simulate.digest(1, 2.0, 3));
    assertEquals(0, runs());
  }
}
