package io.fleche.caches;

import static io.fleche.caches.GcTest.fit;
import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.Maintenance.GcResult;
import io.fleche.Maintenance.Progress;
import io.fleche.Maintenance.RedigestResult;
import io.fleche.Maintenance.VerifyResult;
import io.fleche.RejectedException;
import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.Clocks;
import io.fleche.storages.Storages;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Maintenance through the caches built on other caches. */
class MaintenanceWrappersTest {
  private final ValueStorage values = Storages.valueMemory();
  private final CallStorage calls = Storages.callMemory();
  private final Cache inner = Caches.of(values, calls);

  /** Stores a call, evicts it, and lets time pass: its values are garbage. */
  private Digest orphanIn(Cache cache, int i) {
    Digest key = cache.save(fit("orphan" + i, i).withResult("orphaned" + i));
    cache.evict(key);
    Clocks.tick();
    return Digest.of("orphaned" + i);
  }

  private static void assertRejected(Executable e) {
    RejectedException r = assertThrows(RejectedException.class, e);
    assertTrue(r.getMessage().contains("read-only"), r.getMessage());
  }

  @Test
  void readOnly_refusesGcRepairAndRedigest_butVerifies() {
    Digest orphan = orphanIn(inner, 1);
    inner.save(fit("kept", 2).withResult(2));
    values.evict(Digest.of(2)); // a broken call
    Cache readOnly = Caches.readOnly(inner);

    assertRejected(() -> readOnly.gc(Duration.ZERO, Progress.NONE));
    assertRejected(() -> readOnly.gcDryRun(Duration.ZERO, Progress.NONE));
    assertRejected(() -> readOnly.verify(true));
    assertRejected(readOnly::redigest);
    assertTrue(values.contains(orphan));
    VerifyResult found = readOnly.verify(false);
    assertEquals(inner.verify(false), found);
    assertEquals(1, found.problems().size());
  }

  @Test
  void filtered_doesNotVerify_theCacheItFilters() {
    Cache filtered = Caches.filtered(inner, c -> true);
    UnsupportedOperationException e =
        assertThrows(UnsupportedOperationException.class, () -> filtered.verify(false));
    assertTrue(e.getMessage().contains("verify the cache it filters"), e.getMessage());
  }

  @Test
  void pool_refusesGcRepairAndRedigest_andVerifiesEveryMember() {
    Cache other = Caches.memory();
    Digest orphan = orphanIn(inner, 1);
    other.save(fit("o", 1).withResult(1));
    Cache pool = Caches.pool(inner, other);

    assertRejected(() -> pool.gc(Duration.ZERO, Progress.NONE));
    assertRejected(() -> pool.gcDryRun(Duration.ZERO, Progress.NONE));
    assertRejected(() -> pool.verify(true));
    assertRejected(pool::redigest);
    assertTrue(values.contains(orphan));
    VerifyResult found = pool.verify(false);
    assertEquals(1, found.calls());
    assertEquals(inner.verify(false).values() + other.verify(false).values(), found.values());
  }

  @Test
  void stack_collectsInEveryLayerThatAllowsIt() {
    Cache base = Caches.memory();
    Cache shared = Caches.memory();
    Digest baseOrphan = orphanIn(base, 1);
    Digest innerOrphan = orphanIn(inner, 2);
    Digest sharedOrphan = orphanIn(shared, 3);
    Cache stack = Caches.stack(base, inner, Caches.readOnly(shared));
    GcResult dryRun = stack.gcDryRun(Duration.ZERO, Progress.NONE);
    assertTrue(values.contains(innerOrphan), "a dry run removes nothing");

    GcResult swept = stack.gc(Duration.ZERO, Progress.NONE);
    Set<Digest> removed = swept.removed();

    assertEquals(swept, dryRun);

    assertTrue(removed.containsAll(Set.of(baseOrphan, innerOrphan)), "" + removed);
    assertFalse(removed.contains(sharedOrphan));
    assertEquals(sharedOrphan, Digest.of(shared.loadValue(sharedOrphan)));
    assertEquals(new RedigestResult(0, 0, 0), stack.redigest());
  }

  @Test
  void stack_ofReadOnlyLayers_refusesGc() {
    Cache stack = Caches.stack(Caches.readOnly(inner), Caches.readOnly(Caches.memory()));
    RejectedException e =
        assertThrows(RejectedException.class, () -> stack.gc(Duration.ZERO, Progress.NONE));
    assertTrue(e.getMessage().contains("No member of"), e.getMessage());
  }

  @Test
  void stack_repairsItsWritableLayers_andVerifiesAll() {
    Cache shared = Caches.memory();
    Digest broken = inner.save(fit("b", 1).withResult("lost"));
    values.evict(Digest.of("lost"));
    shared.save(fit("s", 2).withResult(2));
    Cache stack = Caches.stack(inner, Caches.readOnly(shared));

    VerifyResult checked = stack.verify(false);
    assertEquals(2, checked.calls());
    assertEquals(1, checked.problems().size());
    VerifyResult repaired = stack.verify(true);
    assertTrue(repaired.repaired());
    assertFalse(inner.contains(broken));
    assertTrue(stack.verify(false).isClean());
  }

  @Test
  void refreshingAndSizeLimited_forwardToTheirCache() {
    Digest orphan = orphanIn(inner, 1);
    assertEquals(
        Set.of(orphan, Digest.of("orphan1"), Digest.of(1)),
        Caches.refreshing(inner).gc(Duration.ZERO, Progress.NONE).removed());
  }

  @Test
  void sizeLimited_afterARepair_tracksOnlyTheCallsLeft() {
    Cache limited = Caches.sizeLimited(values, calls, 2, keys -> keys.get(0));
    limited.save(fit("broken", 1).withResult("lost"));
    values.evict(Digest.of("lost"));

    assertEquals(1, limited.verify(true).problems().size());
    limited.save(fit("a", 2).withResult(2));
    limited.save(fit("b", 3).withResult(3));

    assertEquals(2, Fixtures.count(calls), "the repaired call no longer counts");
  }

  @Test
  void gc_overAStorageWithoutSaveTimes_isUnsupported_butVerifyRepairs() {
    ValueStorage unstamped = Storages.values(new MapBackend());
    Cache cache = Caches.of(unstamped, Storages.callMemory());
    cache.save(fit("d", 1).withResult("r"));
    cache.evict(cache.save(fit("e", 2).withResult("s")));
    unstamped.save("not r", Digest.of("r")); // under another value's key

    UnsupportedOperationException e =
        assertThrows(
            UnsupportedOperationException.class, () -> cache.gc(Duration.ZERO, Progress.NONE));
    assertTrue(e.getMessage().contains("MapBackend keeps no save times"), e.getMessage());
    assertEquals(2, cache.verify(true).problems().size());
    assertTrue(cache.verify(false).isClean());
  }
}
