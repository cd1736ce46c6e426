package io.fleche.caches;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.FlecheException;
import io.fleche.FunctionId;
import io.fleche.LazyCall;
import io.fleche.Maintenance.GcResult;
import io.fleche.Maintenance.Progress;
import io.fleche.PreparedCall;
import io.fleche.QueryCall;
import io.fleche.caches.StoredCaches.Kind;
import io.fleche.caches.StoredCaches.Opened;
import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.Clocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Garbage collection: what it removes, what it keeps, and calls recorded while it runs. */
class GcTest {
  static final FunctionId FIT = FunctionId.named("Model.fit");

  @TempDir Path dir;

  /** {@code fit(data, n)}, without result. */
  static Call fit(Object data, int n) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("data", data);
    args.put("n", n);
    return Call.of(FIT, args);
  }

  /** A value destructured into parts (at depth 1): a list, a primitive array, a nested list. */
  static List<Object> data(int i) {
    return List.of(List.of(i, i + 1), new int[] {i, -i}, "data" + i);
  }

  /** The keys of values and of all their parts. */
  static Set<Digest> withParts(ValueStorage values, Digest... keys) {
    Set<Digest> all = new HashSet<>();
    List<Digest> todo = new ArrayList<>(List.of(keys));
    while (!todo.isEmpty()) {
      Digest d = todo.remove(todo.size() - 1);
      if (all.add(d)) {
        todo.addAll(values.childDigests(d));
      }
    }
    return all;
  }

  /**
   * Asserts that the call under {@code key} loads with every argument and its result, each value
   * with all its parts stored.
   */
  static void assertComplete(Opened c, Digest key) {
    LazyCall hit = c.cache().load(key);
    for (Map.Entry<String, Digest> a : hit.argumentDigests().entrySet()) {
      Object v = hit.argument(a.getKey());
      assertFalse(v instanceof Digest, () -> "argument " + a.getKey() + " of " + key + " lost");
      assertEquals(a.getValue(), Digest.of(v));
    }
    assertEquals(hit.resultDigest(), Digest.of(hit.result()), "result of " + key);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void gc_removesTheValuesOfEvictedCalls_withTheirParts(Kind kind) {
    try (StoredCaches stored = new StoredCaches(kind, dir, 1)) {
      Opened c = stored.open();
      Digest kept = c.cache().save(fit(data(1), 1).withResult(List.of("r", List.of(1, 2))));
      Set<Digest> keptValues = c.valueKeys();
      Digest evicted = c.cache().save(fit(data(7), 7).withResult(Map.of("x", List.of(3, 4))));
      Set<Digest> orphans = new HashSet<>(c.valueKeys());
      orphans.removeAll(keptValues);
      Set<Digest> evictedData = withParts(c.values(), Digest.of(data(7)));
      assertTrue(evictedData.size() > 1);
      c.cache().evict(evicted);
      Clocks.tick();

      GcResult swept = c.cache().gc(Duration.ZERO, Progress.NONE);

      assertTrue(swept.removed().containsAll(evictedData), "with the parts");
      assertEquals(orphans, swept.removed());
      assertEquals(keptValues, c.valueKeys());
      assertEquals(Set.of(kept), c.callKeys());
      assertEquals(kind != Kind.MEMORY, swept.bytesFreed() > 0, "freed " + swept.bytesFreed());
      assertComplete(c, kept);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void gc_keepsEverythingReachable_sharedPartsIncluded(Kind kind) {
    try (StoredCaches stored = new StoredCaches(kind, dir, 1)) {
      Opened c = stored.open();
      List<Object> shared = List.of(List.of(5, 6), new double[] {0.5});
      Digest kept = c.cache().save(fit(List.of(shared, "a"), 1).withResult(List.of(shared)));
      Digest evicted = c.cache().save(fit(List.of(shared, "b"), 2).withResult(3));
      Set<Digest> needed = withParts(c.values(), Digest.of(List.of(shared, "a")));
      needed.addAll(withParts(c.values(), Digest.of(List.of(shared))));
      c.cache().evict(evicted);
      Clocks.tick();

      GcResult swept = c.cache().gc(Duration.ZERO, Progress.NONE);

      assertTrue(needed.contains(Digest.of(shared)));
      assertTrue(c.valueKeys().containsAll(needed));
      assertTrue(swept.removed().contains(Digest.of(List.of(shared, "b"))));
      assertFalse(swept.removed().contains(Digest.of(shared)));
      assertComplete(c, kept);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void gc_ofACleanCache_removesNothing_andLeavesTheRecordsAlone(Kind kind) {
    try (StoredCaches stored = new StoredCaches(kind, dir, 0)) {
      Opened c = stored.open();
      assertEquals(Set.of(), c.cache().gc(Duration.ZERO, Progress.NONE).removed());
      for (int i = 0; i < 5; i++) {
        c.cache().save(fit(data(i), i).withResult(i * 2));
      }
      Set<Digest> values = c.valueKeys();
      Set<Digest> calls = c.callKeys();
      Clocks.tick();

      GcResult swept = c.cache().gc(Duration.ZERO, Progress.NONE);

      assertEquals(Set.of(), swept.removed());
      assertEquals(0, swept.bytesFreed());
      assertEquals(values, c.valueKeys());
      assertEquals(calls, c.callKeys());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void gc_keepsOrphansSavedWithinTheGrace(Kind kind) {
    try (StoredCaches stored = new StoredCaches(kind, dir, 1)) {
      Opened c = stored.open();
      c.cache().evict(c.cache().save(fit(data(3), 3).withResult(4)));
      Set<Digest> values = c.valueKeys();

      assertEquals(Set.of(), c.cache().gc().removed());
      assertEquals(values, c.valueKeys());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void gcDryRun_reportsWhatGcRemoves_andRemovesNothing(Kind kind) {
    try (StoredCaches stored = new StoredCaches(kind, dir, 1)) {
      Opened c = stored.open();
      Digest kept = c.cache().save(fit(data(1), 1).withResult(List.of("r", List.of(1, 2))));
      c.cache().evict(c.cache().save(fit(data(7), 7).withResult(Map.of("x", List.of(3, 4)))));
      Set<Digest> values = c.valueKeys();
      assertEquals(
          new GcResult(Set.of(), 0), c.cache().gcDryRun(Duration.ofMinutes(10), Progress.NONE),
          "orphans within the grace are kept");
      Clocks.tick();

      GcResult dryRun = c.cache().gcDryRun(Duration.ZERO, Progress.NONE);

      assertEquals(values, c.valueKeys());
      assertTrue(dryRun.removed().size() > 2, "" + dryRun.removed());
      assertEquals(dryRun, c.cache().gc(Duration.ZERO, Progress.NONE));
      assertComplete(c, kept);
    }
  }

  /**
   * A value that cannot be read hides its parts — a command line without the application's
   * classes reads values of those classes so — and they must not be taken for garbage.
   */
  @Test
  void gc_refusesWhileAStoredValueCannotBeRead_andRemovesNothing() throws IOException {
    try (StoredCaches stored = new StoredCaches(Kind.FILES, dir, 1)) {
      Opened c = stored.open();
      Digest kept = c.cache().save(fit(data(1), 1).withResult(2));
      c.cache().evict(c.cache().save(fit("orphan", 7).withResult(8)));
      Path damaged = VerifyTest.file(dir.resolve("values"), Digest.of(data(1)));
      Files.write(damaged, Arrays.copyOf(Files.readAllBytes(damaged), 10));
      Set<Digest> values = c.valueKeys();
      Clocks.tick();

      for (Executable gc :
          List.<Executable>of(
              () -> c.cache().gc(Duration.ZERO, Progress.NONE),
              () -> c.cache().gcDryRun(Duration.ZERO, Progress.NONE))) {
        FlecheException e = assertThrows(FlecheException.class, gc);
        assertTrue(e.getMessage().contains("1 stored value cannot be read"), e.getMessage());
        assertTrue(e.getMessage().contains(Digest.of(data(1)).toString()), e.getMessage());
      }

      assertEquals(values, c.valueKeys(), "nothing removed");
      c.cache().verify(true);
      assertFalse(c.cache().contains(kept));
      assertTrue(c.cache().gc(Duration.ZERO, Progress.NONE).removed().contains(Digest.of("orphan")));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void gc_keepsTheOldPartsOfAValueTouchedSince(Kind kind) {
    try (StoredCaches stored = new StoredCaches(kind, dir, 1)) {
      Opened c = stored.open();
      Digest young = c.values().save(data(1));
      Digest old = c.values().save(data(2));
      Set<Digest> youngTree = withParts(c.values(), young);
      Set<Digest> oldTree = withParts(c.values(), old);
      assertTrue(youngTree.size() > 1);
      Instant staleBefore = Clocks.tick();
      Clocks.after(staleBefore);
      assertTrue(c.values().touch(young)); // the value only, as a commit touches it

      StorageMaintenance maintenance =
          new StorageMaintenance(c.values(), c.calls(), (StorageCache) c.cache());

      GcResult dryRun = maintenance.collect(staleBefore, true, Progress.NONE);
      assertEquals(withParts(c.values(), young, old), c.valueKeys(), "a dry run removes nothing");
      GcResult swept = maintenance.collect(staleBefore, false, Progress.NONE);

      assertEquals(swept, dryRun);
      assertEquals(oldTree, swept.removed());
      assertEquals(youngTree, c.valueKeys());
      assertEquals(young, Digest.of(c.values().load(young)));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void commit_afterGcRemovedItsArguments_storesThemAgain(Kind kind) {
    try (StoredCaches stored = new StoredCaches(kind, dir, 1)) {
      Opened c = stored.open();
      PreparedCall running = c.cache().prepare(fit(data(4), 4));
      Clocks.tick(); // the body runs longer than gc's grace

      GcResult swept = c.cache().gc(Duration.ZERO, Progress.NONE);
      assertTrue(swept.removed().contains(Digest.of(data(4))), "" + swept.removed());

      Digest key = running.commit(List.of("fitted"), Map.of());
      assertComplete(c, key);
      assertTrue(c.valueKeys().containsAll(withParts(c.values(), Digest.of(data(4)))));
    }
  }

  @Test
  void commit_ofAnArgumentTheBodyChanged_afterGcRemovedIt_keepsItsDigest() {
    try (StoredCaches stored = new StoredCaches(Kind.MEMORY, dir, 1)) {
      Opened c = stored.open();
      List<Object> data = new ArrayList<>(List.of(1, 2));
      Digest admitted = Digest.of(data);
      PreparedCall running = c.cache().prepare(fit(data, 1));
      Clocks.tick();
      assertTrue(c.cache().gc(Duration.ZERO, Progress.NONE).removed().contains(admitted));
      data.add(3); // the body changes its argument

      Digest key = running.commit("done", Map.of());

      LazyCall hit = c.cache().load(key);
      assertEquals("done", hit.result());
      assertEquals(admitted, hit.argument("data"), "a digest-only reference");
      assertFalse(c.values().contains(Digest.of(data)), "the changed value is not stored");
    }
  }

  /**
   * A call storage that runs {@link #afterQuery} once its records were read (as garbage
   * collection reads them), before the stream is closed.
   */
  static final class PausingCalls extends ForwardingCalls {
    volatile Runnable afterQuery = () -> {};

    PausingCalls(CallStorage inner) {
      super(inner);
    }

    @Override
    public Stream<DigestedCall> query(QueryCall template) {
      List<DigestedCall> read;
      try (Stream<DigestedCall> s = super.query(template)) {
        read = s.toList();
      }
      afterQuery.run();
      return read.stream();
    }
  }

  /**
   * Bug #826 of Python fleche and its sibling: a call admitted before gc starts and committed
   * (result value and record) after gc read the records but before it looked at the values.
   * Another cache over the same storages commits it, as another process would.
   */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void gc_keepsTheValuesOfACallCommittedWhileItRuns(Kind kind) {
    try (StoredCaches stored = new StoredCaches(kind, dir, 1)) {
      Opened recorder = stored.open();
      Opened collector = stored.open();
      PausingCalls calls = new PausingCalls(collector.calls());
      Cache gcCache = Caches.of(collector.values(), calls);
      PreparedCall running = recorder.cache().prepare(fit(data(5), 5));
      Digest[] committed = new Digest[1];
      calls.afterQuery = () -> committed[0] = running.commit(List.of("result", 5), Map.of());

      GcResult swept = gcCache.gc(Duration.ofMinutes(1), Progress.NONE);

      assertEquals(Set.of(), swept.removed());
      assertComplete(recorder, committed[0]);
    }
  }

  /**
   * Another "process" (a cache over the same storages, with locks and storage objects of its
   * own) records calls on several threads while gc runs again and again; afterwards every
   * recorded call is complete. Values are destructured (depth 0: every part its own entry), and
   * some arguments are shared between calls and with calls evicted meanwhile, which gc removes.
   */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void gc_runningWhileAnotherProcessRecords_losesNothingACallNeeds(Kind kind) throws Exception {
    try (StoredCaches stored = new StoredCaches(kind, dir, 0)) {
      Opened collector = stored.open();
      Opened recorder = stored.open();
      int recorders = 2;
      int callsEach = kind == Kind.MEMORY ? 400 : 150;
      int minRounds = 5;
      Set<Digest> recorded = ConcurrentHashMap.newKeySet();
      AtomicInteger rounds = new AtomicInteger();
      AtomicInteger running = new AtomicInteger(recorders);
      long[] removed = new long[1];
      Fixtures.inParallel(
          recorders + 1,
          t -> {
            if (t == recorders) {
              while (running.get() > 0 || rounds.get() < minRounds) {
                GcResult swept = collector.cache().gc(Duration.ofSeconds(5), Progress.NONE);
                removed[0] += swept.removed().size();
                rounds.incrementAndGet();
              }
              return;
            }
            try {
              for (int i = 0; i < callsEach || rounds.get() < minRounds; i++) {
                int n = t * 100_000 + i;
                try (PreparedCall p = recorder.cache().prepare(fit(data(i % 40), n))) {
                  Digest key = p.commit(List.of(n, List.of("out", i % 13)), Map.of());
                  recorded.add(key);
                  if (i % 5 == 0) {
                    recorder.cache().evict(key); // orphans for gc to remove
                    recorded.remove(key);
                  }
                }
              }
            } finally {
              running.decrementAndGet();
            }
          });

      assertTrue(rounds.get() >= minRounds);
      assertFalse(recorded.isEmpty());
      for (Digest key : recorded) {
        assertComplete(collector, key);
      }
      assertEquals(recorded, collector.callKeys());
      Clocks.tick();
      GcResult last = collector.cache().gc(Duration.ZERO, Progress.NONE);
      assertTrue(last.removed().size() + removed[0] > 0, "evicted calls left orphans behind");
      for (Digest key : recorded) {
        assertComplete(collector, key);
      }
    }
  }

  @Test
  void gc_reportsItsProgress() {
    try (StoredCaches stored = new StoredCaches(Kind.MEMORY, dir, 1)) {
      Opened c = stored.open();
      c.cache().save(fit(data(1), 1).withResult(1));
      c.cache().evict(c.cache().save(fit(data(2), 2).withResult(2)));
      Clocks.tick();
      Map<String, long[]> last = new LinkedHashMap<>();
      Progress progress = (task, done, total) -> last.put(task, new long[] {done, total});

      GcResult swept = c.cache().gc(Duration.ZERO, progress);

      assertEquals(List.of("calls", "values", "removing"), List.copyOf(last.keySet()));
      assertArrayEquals(new long[] {1, 1}, last.get("calls"));
      int orphans = swept.removed().size();
      assertArrayEquals(new long[] {orphans, orphans}, last.get("values"));
      assertArrayEquals(new long[] {orphans, orphans}, last.get("removing"));
    }
  }

  @Test
  void gc_withANegativeGrace_isRefused() {
    Cache cache = Caches.memory();
    assertThrows(
        IllegalArgumentException.class, () -> cache.gc(Duration.ofSeconds(-1), Progress.NONE));
  }
}
