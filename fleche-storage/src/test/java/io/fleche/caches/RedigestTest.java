package io.fleche.caches;

import static io.fleche.caches.GcTest.FIT;
import static io.fleche.caches.GcTest.assertComplete;
import static io.fleche.caches.GcTest.fit;
import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.LazyCall;
import io.fleche.Maintenance.Progress;
import io.fleche.Maintenance.RedigestResult;
import io.fleche.caches.StoredCaches.Kind;
import io.fleche.caches.StoredCaches.Opened;
import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.Clocks;
import io.fleche.storages.Storages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Re-keying stored calls after a change of how values or calls are digested. */
class RedigestTest {
  @TempDir Path dir;

  static final Map<String, Map<String, Object>> META = Map.of("run", Map.of("tag", "old"));

  /** A digest that an older digest format might have given {@code value}. */
  static Digest oldDigestOf(Object value) {
    return Digest.of(List.of("old format", String.valueOf(value)));
  }

  /**
   * Stores {@code fit(data, n) -> result} as an older Fleche would have: every value under its old
   * digest, the record under the key those digests make. Returns that key.
   */
  static Digest storeOldFormat(Opened c, Object data, int n, Object result) {
    Map<String, Digest> args = new LinkedHashMap<>();
    args.put("data", c.values().save(data, oldDigestOf(data)));
    args.put("n", c.values().save(n, oldDigestOf(n)));
    Digest r = c.values().save(result, oldDigestOf(result));
    return c.calls().save(DigestedCall.of(FIT, args, r, META));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void redigest_rekeysCallsStoredUnderOldDigests_once(Kind kind) {
    try (StoredCaches stored = new StoredCaches(kind, dir, 1)) {
      Opened c = stored.open();
      Digest current = c.cache().save(fit("current", 1).withResult("fine"));
      List<Object> data = List.of(List.of(1, 2), "x");
      Digest old = storeOldFormat(c, data, 3, List.of("result", 3));
      Digest key = fit(data, 3).lookupKey();
      assertNotEquals(key, old);

      RedigestResult first = c.cache().redigest();

      assertEquals(new RedigestResult(2, 1, 0), first);
      assertEquals(Set.of(current, key), c.callKeys());
      assertComplete(c, key);
      LazyCall moved = c.cache().load(key);
      assertEquals(Digest.of(data), moved.argumentDigests().get("data"));
      assertEquals(List.of("result", 3), moved.result());
      assertEquals(META, moved.metadata());
      assertEquals(new RedigestResult(2, 0, 0), c.cache().redigest(), "idempotent");
      assertEquals(Set.of(current, key), c.callKeys());
      Clocks.tick();
      c.cache().gc(Duration.ZERO, Progress.NONE); // the values under old digests
      assertTrue(c.cache().verify(false).isClean());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void redigest_ofARecordWhoseResultDigestChanged_rewritesItUnderItsKey(Kind kind) {
    try (StoredCaches stored = new StoredCaches(kind, dir, 1)) {
      Opened c = stored.open();
      DigestedCall rightArgs = fit("d", 1).withResult("r").stash(c.values());
      Digest key =
          c.calls().save(DigestedCall.of(FIT, rightArgs.arguments(), c.values().save("r", oldDigestOf("r")), META));

      assertEquals(new RedigestResult(1, 1, 0), c.cache().redigest());

      assertEquals(Set.of(key), c.callKeys());
      assertEquals(Digest.of("r"), c.cache().load(key).resultDigest());
      assertEquals(new RedigestResult(1, 0, 0), c.cache().redigest());
    }
  }

  @Test
  void redigest_leavesTheFilesOfUnchangedRecordsUntouched() throws IOException {
    try (StoredCaches stored = new StoredCaches(Kind.FILES, dir, 1)) {
      Opened c = stored.open();
      List<Digest> sound = VerifyTest.record(c.cache());
      Digest old = storeOldFormat(c, "old", 7, 7);
      Path calls = dir.resolve("calls");
      Map<Path, FileTime> times = new LinkedHashMap<>();
      for (Digest k : sound) {
        times.put(VerifyTest.file(calls, k), Files.getLastModifiedTime(VerifyTest.file(calls, k)));
      }

      assertEquals(new RedigestResult(sound.size() + 1, 1, 0), c.cache().redigest());

      assertFalse(Files.exists(VerifyTest.file(calls, old)));
      assertTrue(Files.exists(VerifyTest.file(calls, fit("old", 7).lookupKey())));
      for (Map.Entry<Path, FileTime> t : times.entrySet()) {
        assertEquals(t.getValue(), Files.getLastModifiedTime(t.getKey()), "untouched");
      }
    }
  }

  @Test
  void redigest_whenTheNewKeyHoldsACallAlready_keepsThatOne() {
    try (StoredCaches stored = new StoredCaches(Kind.MEMORY, dir, 1)) {
      Opened c = stored.open();
      Digest old = storeOldFormat(c, "d", 2, "old result");
      Digest fresh = c.cache().save(fit("d", 2).withResult("new result"));

      assertEquals(new RedigestResult(2, 1, 0), c.cache().redigest());

      assertEquals(Set.of(fresh), c.callKeys());
      assertFalse(c.calls().contains(old));
      assertEquals("new result", c.cache().load(fresh).result());
    }
  }

  @Test
  void redigest_countsUnreadableRecordsAsFailed_andLeavesThem() throws IOException {
    try (StoredCaches stored = new StoredCaches(Kind.FILES, dir, 1)) {
      Opened c = stored.open();
      Digest broken = c.cache().save(fit("b", 1).withResult(1));
      Files.write(VerifyTest.file(dir.resolve("calls"), broken), new byte[] {0});
      Digest lostResult = storeOldFormat(c, "l", 2, "gone");
      c.values().evict(oldDigestOf("gone"));

      assertEquals(new RedigestResult(2, 0, 2), c.cache().redigest());
      assertEquals(Set.of(broken, lostResult), c.callKeys());
    }
  }

  @Test
  void redigest_countsACallWhoseValuesCannotBeStoredAgainAsFailed_andGoesOn() {
    MapBackend backend = new MapBackend();
    ValueStorage values = Storages.values(backend);
    CallStorage calls = Storages.callMemory();
    Opened c = new Opened(Caches.of(values, calls), values, calls);
    Digest first = storeOldFormat(c, "first", 1, "r1");
    Digest second = storeOldFormat(c, "second", 2, "r2");
    backend.refuse = true;

    assertEquals(new RedigestResult(2, 0, 2), c.cache().redigest());
    assertEquals(Set.of(first, second), c.callKeys(), "left as they were");
    backend.refuse = false;
    assertEquals(new RedigestResult(2, 2, 0), c.cache().redigest());
  }

  @Test
  void redigest_neverHidesACallFromAConcurrentReader() throws Exception {
    try (StoredCaches stored = new StoredCaches(Kind.MEMORY, dir, 1)) {
      Opened c = stored.open();
      List<Digest[]> pairs = new ArrayList<>(); // old key, new key
      for (int i = 0; i < 300; i++) {
        pairs.add(new Digest[] {storeOldFormat(c, "d" + i, i, i), fit("d" + i, i).lookupKey()});
      }
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger looks = new AtomicInteger();
      List<String> hidden = new ArrayList<>();
      Fixtures.inParallel(
          2,
          t -> {
            if (t == 0) {
              try {
                c.cache().redigest();
              } finally {
                done.set(true);
              }
              return;
            }
            while (!done.get() || looks.get() < pairs.size()) {
              for (Digest[] p : pairs) {
                looks.incrementAndGet();
                // the old key first: once it is gone, the new one is there already
                if (!c.calls().contains(p[0]) && !c.calls().contains(p[1])) {
                  hidden.add(p[1].toString());
                }
              }
            }
          });
      assertEquals(List.of(), hidden);
      assertEquals(new RedigestResult(300, 0, 0), c.cache().redigest());
    }
  }

  @Test
  void redigest_throughASizeLimitedCache_tracksTheNewKeys() {
    try (StoredCaches stored = new StoredCaches(Kind.MEMORY, dir, 1)) {
      Opened c = stored.open();
      storeOldFormat(c, "d", 1, "r");
      Cache limited = Caches.sizeLimited(c.values(), c.calls(), 2, keys -> keys.get(0));

      assertEquals(1, limited.redigest().rekeyed());
      limited.save(fit("a", 2).withResult(2));
      limited.save(fit("b", 3).withResult(3));

      assertEquals(
          Set.of(fit("a", 2).lookupKey(), fit("b", 3).lookupKey()),
          c.callKeys(),
          "the re-keyed call was tracked, so the least recently used one went");
    }
  }

  @Test
  void redigest_reportsItsProgress() {
    try (StoredCaches stored = new StoredCaches(Kind.MEMORY, dir, 1)) {
      Opened c = stored.open();
      VerifyTest.record(c.cache());
      List<long[]> seen = new ArrayList<>();

      c.cache().redigest((task, done, total) -> {
        assertEquals("calls", task);
        seen.add(new long[] {done, total});
      });

      assertEquals(VerifyTest.shapes().size(), seen.size());
      assertArrayEquals(new long[] {seen.size(), seen.size()}, seen.get(seen.size() - 1));
    }
  }
}
