package example.memo;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.FlecheStats;
import io.fleche.Fleches;
import io.fleche.FunctionStats;
import io.fleche.LazyCall;
import io.fleche.PreparedCall;
import io.fleche.caches.Caches;
import io.fleche.agent.FlecheAgent;
import io.fleche.storage.Scope;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache that fails never changes what a memoized method returns: the body runs, its result is
 * returned, and the fault is logged once per method and kind of fault, naming the method.
 */
class CacheFaultsTest {
  private static final String SUBJECTS = "example.memo.FaultSubjects.";

  private LogCapture log;
  private Scope metaScope;

  @BeforeAll
  static void installAgent() {
    FlecheAgent.install();
  }

  @BeforeEach
  void capture() {
    log = new LogCapture();
    metaScope = Fleches.meta();
    FaultSubjects.runs.set(0);
  }

  @AfterEach
  void release() {
    metaScope.close();
    log.close();
  }

  private static int runs() {
    return FaultSubjects.runs.get();
  }

  /** The statistics of {@code FaultSubjects.<method>} on {@code cache}. */
  private static FunctionStats stats(Cache cache, String method) {
    return Fleches.stats(cache).function(FaultSubjects.class, method);
  }

  /** Calls {@code f} on 1, 2, 1, 2, 1 and checks every result against {@code expected}. */
  private static void callRepeatedly(IntUnaryOperator f, IntUnaryOperator expected) {
    for (int x : new int[] {1, 2, 1, 2, 1}) {
      assertEquals(expected.applyAsInt(x), f.applyAsInt(x));
    }
  }

  @Test
  void aFaultAnywhereInFleche_runsTheCallUncached_andIsLoggedOnce() {
    ForwardingCache broken =
        new ForwardingCache(Caches.memory()) {
          @Override
          public long modifications() {
            throw new IllegalStateException("counter gone");
          }
        };
    try (Scope s = Fleches.use(broken)) {
      callRepeatedly(FaultSubjects::onAnyFault, x -> 2 * x + 3);
      assertEquals(5, runs(), "every call runs");
    }
    assertEquals(Map.of("fault", 5L), stats(broken, "onAnyFault").uncached());
    String warning = log.onlyWarning(SUBJECTS + "onAnyFault(int)");
    assertTrue(warning.contains("counter gone"), warning);
  }

  @Test
  void aCacheWhoseLoadFails_isTreatedAsMissing() {
    ForwardingCache broken =
        new ForwardingCache(Caches.memory()) {
          @Override
          public LazyCall load(Digest key) {
            throw new IllegalStateException("disk on fire");
          }
        };
    try (Scope s = Fleches.use(broken)) {
      callRepeatedly(FaultSubjects::onLoadFault, x -> 2 * x + 1);
      assertEquals(5, runs(), "every call runs");
      callRepeatedly(FaultSubjects::alsoOnLoadFault, x -> 2 * x + 2);
      assertEquals(10, runs());
    }
    FunctionStats stats = stats(broken, "onLoadFault");
    assertEquals(Map.of("load", 5L), stats.uncached());
    assertEquals(5, stats.misses(), "each call was computed as a miss");
    String warning = log.onlyWarning(SUBJECTS + "onLoadFault(int)");
    assertTrue(warning.contains("reading the cache failed"), warning);
    assertTrue(warning.contains("disk on fire"), warning);
    log.onlyWarning(SUBJECTS + "alsoOnLoadFault(int)"); // once per method
  }

  @Test
  void aCacheWhosePrepareFails_runsTheCallUncached() {
    ForwardingCache broken =
        new ForwardingCache(Caches.memory()) {
          @Override
          public PreparedCall prepare(Call call) {
            throw new IllegalStateException("no space left");
          }
        };
    try (Scope s = Fleches.use(broken)) {
      callRepeatedly(FaultSubjects::onPrepareFault, x -> 2 * x + 3);
    }
    assertEquals(5, runs());
    assertEquals(0, broken.query().count());
    assertEquals(0, broken.commits.get());
    FunctionStats stats = stats(broken, "onPrepareFault");
    assertEquals(Map.of("prepare", 5L), stats.uncached());
    assertEquals(0, stats.misses());
    String warning = log.onlyWarning(SUBJECTS + "onPrepareFault(int)");
    assertTrue(warning.contains("no space left"), warning);
  }

  @Test
  void aCacheWhoseCommitFails_returnsTheComputedResult() throws Exception {
    ForwardingCache broken =
        new ForwardingCache(Caches.memory()) {
          @Override
          public Digest commit(
              PreparedCall prepared, Object result, Map<String, ? extends Map<String, ?>> m) {
            commits.incrementAndGet();
            throw new IllegalStateException("database is locked");
          }
        };
    try (Scope s = Fleches.use(broken)) {
      callRepeatedly(FaultSubjects::onCommitFault, x -> 2 * x + 4);
      assertEquals(5, runs());
      assertEquals(5, broken.commits.get(), "each computed call tried to commit");
      FunctionStats stats = stats(broken, "onCommitFault");
      assertEquals(Map.of("commit", 5L), stats.uncached());
      assertEquals(5, stats.misses());
      // a future's commit fails after it completed: its value still arrives
      CompletableFuture<Integer> first = FaultSubjects.laterOnCommitFault(3);
      assertEquals(11, first.get());
      CompletableFuture<Integer> second = FaultSubjects.laterOnCommitFault(3);
      assertEquals(11, second.get());
      assertEquals(7, runs());
    }
    assertEquals(0, broken.query().count());
    String warning = log.onlyWarning(SUBJECTS + "onCommitFault(int)");
    assertTrue(warning.contains("database is locked"), warning);
    assertTrue(warning.contains("not cached"), warning);
    assertTrue(
        log.onlyWarning(SUBJECTS + "laterOnCommitFault(int)").contains("database is locked"));
  }

  @Test
  void aFullDisk_runsTheCallsUncached_warnsOnce_andServesWhatWasStored(@TempDir Path root) {
    FullDisk[] disk = new FullDisk[1];
    try (DiskCache cache = DiskCache.open(root, values -> disk[0] = new FullDisk(values));
        Scope s = Fleches.use(cache.cache)) {
      assertEquals(9, FaultSubjects.onFullDisk(0)); // stored while there is room
      disk[0].full = true;
      callRepeatedly(FaultSubjects::onFullDisk, x -> 2 * x + 9);
      assertEquals(6, runs(), "nothing new is stored: every call runs");
      assertEquals(9, FaultSubjects.onFullDisk(0));
      assertEquals(6, runs(), "what was stored before is a hit");
      disk[0].full = false; // room again
      callRepeatedly(FaultSubjects::onFullDisk, x -> 2 * x + 9);
      assertEquals(8, runs(), "stored again: 1 and 2 run once more, then hit");
    }
    String warning = log.onlyWarning(SUBJECTS + "onFullDisk(int)");
    assertTrue(warning.contains("No space left on device"), warning);
    assertEquals(List.of(warning), log.warnings(""), "no other warning");
  }

  @Test
  void aReadOnlyCache_servesItsHits_andRunsEverythingElse() {
    Cache stored = Caches.memory();
    try (Scope s = Fleches.use(stored)) {
      assertEquals(4, FaultSubjects.onReadOnly(-1)); // recorded before the cache turns read-only
    }
    FaultSubjects.runs.set(0);
    Cache readOnly = Caches.readOnly(stored);
    try (Scope s = Fleches.use(readOnly)) {
      callRepeatedly(FaultSubjects::onReadOnly, x -> 2 * x + 6);
      assertEquals(5, runs(), "nothing is stored: every call runs");
      assertEquals(4, FaultSubjects.onReadOnly(-1));
      assertEquals(5, runs(), "what was stored before is a hit");
    }
    FunctionStats stats = stats(readOnly, "onReadOnly");
    assertEquals(Map.of("commit", 5L), stats.uncached(), "computed, then refused");
    assertEquals(5, stats.misses());
    assertEquals(1, stats.hits());
    assertEquals(1, stats(stored, "onReadOnly").misses());
    assertEquals(1, stored.query().count());
    String warning = log.onlyWarning(SUBJECTS + "onReadOnly(int)");
    assertTrue(warning.contains("read-only"), warning);
  }

  @Test
  void aResultThatCannotBeStored_isReturnedAsItIs() {
    Cache cache = Caches.memory();
    try (Scope s = Fleches.use(cache)) {
      FaultSubjects.Handle first = FaultSubjects.unstorableResult(1);
      FaultSubjects.Handle second = FaultSubjects.unstorableResult(1);
      assertEquals(1, first.value);
      assertNotSame(first, second, "computed again");
      assertSame(Thread.currentThread(), second.owner, "the live result, not a copy");
    }
    assertEquals(2, runs());
    assertEquals(0, cache.query().count());
    assertEquals(Map.of("commit", 2L), stats(cache, "unstorableResult").uncached());
    String warning = log.onlyWarning(SUBJECTS + "unstorableResult(int)");
    assertTrue(warning.contains("java.lang.Thread"), warning);
  }

  @Test
  void metadataPluginsThatFail_neverChangeTheResult() {
    Cache cache = Caches.memory();
    try (Scope s = Fleches.use(cache)) {
      callRepeatedly(FaultSubjects::withFailingPre, x -> 2 * x + 7);
      assertEquals(5, runs(), "a failing pre hook: the calls run uncached");
      callRepeatedly(FaultSubjects::withFailingPost, x -> 2 * x + 8);
      assertEquals(10, runs(), "a failing post hook: the results are not cached");
    }
    assertEquals(0, cache.query().count());
    assertEquals(Map.of("metadata", 5L), stats(cache, "withFailingPre").uncached());
    assertEquals(Map.of("commit", 5L), stats(cache, "withFailingPost").uncached());
    assertTrue(log.onlyWarning(SUBJECTS + "withFailingPre(int)").contains("no clock"));
    assertTrue(log.onlyWarning(SUBJECTS + "withFailingPost(int)").contains("no clock"));
  }
}
