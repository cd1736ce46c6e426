package io.fleche.caches;

import static io.fleche.caches.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.PreparedCall;
import io.fleche.RejectedException;
import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.Storages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two-phase saves: prepare before the body runs, commit after. */
class PreparedCallTest {
  private final ValueStorage values = Storages.valueMemory();
  private final CallStorage calls = Storages.callMemory();
  private final Cache cache = Caches.of(values, calls);

  private static Call withList(List<Integer> xs) {
    return Call.of(SIMULATE, Map.of("xs", xs));
  }

  @Test
  void prepare_sealsTheKey_andStoresArgumentsBeforeCommit() {
    PreparedCall p = cache.prepare(simulate(100));

    assertEquals(simulate(100).lookupKey(), p.lookupKey());
    assertSame(cache, p.cache());
    assertTrue(p.digested().isPending());
    assertTrue(values.contains(Digest.of(100)), "argument stored at prepare");
    assertFalse(cache.contains(p.lookupKey()), "no record before commit");
  }

  @Test
  void commit_filesUnderTheSealedKey_withResultAndMetadata() {
    PreparedCall p = cache.prepare(simulate(100));
    Digest key = p.commit(1000, Map.of("tags", Map.of("project", "alpha", "n", 3)));

    assertEquals(p.lookupKey(), key);
    LazyCall hit = cache.load(key);
    assertEquals(1000, hit.result());
    assertEquals(Map.of("tags", Map.of("project", "alpha", "n", 3L)), hit.metadata());
  }

  @Test
  void aBodyMutatingItsArgument_cannotChangeTheRecord_andAnHonestRepeatHits() {
    List<Integer> xs = new ArrayList<>(List.of(1, 2));
    Digest before = withList(xs).lookupKey();
    PreparedCall p = cache.prepare(withList(xs));
    xs.add(3); // the body mutates its argument
    Digest key = p.commit(List.copyOf(xs), null);

    assertEquals(before, key);
    LazyCall hit = cache.load(key);
    assertEquals(List.of(1, 2), hit.argument("xs"));
    assertEquals(List.of(1, 2, 3), hit.result(), "the result is captured at commit");
    assertTrue(cache.contains(withList(List.of(1, 2)).lookupKey()));
    assertFalse(cache.contains(withList(xs).lookupKey()));
  }

  @Test
  void commit_happensOnce() {
    PreparedCall p = cache.prepare(simulate(1));
    p.commit(1, null);

    assertThrows(IllegalStateException.class, () -> p.commit(2, null));
    assertEquals(1, cache.load(p.lookupKey()).result());
  }

  @Test
  void abandon_isIdempotent_leavesNoRecord_andForbidsCommit() {
    PreparedCall p = cache.prepare(simulate(1));
    p.abandon();
    p.abandon();

    assertThrows(IllegalStateException.class, () -> p.commit(1, null));
    assertFalse(cache.contains(p.lookupKey()));
    assertTrue(values.contains(Digest.of(1)), "argument values stay for garbage collection");
  }

  @Test
  void abandon_afterCommit_keepsTheRecord() {
    PreparedCall p = cache.prepare(simulate(1));
    p.commit(1, null);
    p.abandon();

    assertTrue(cache.contains(p.lookupKey()));
  }

  @Test
  void closingWithoutCommit_abandons_andABodyExceptionIsNotSwallowed() {
    Digest key = simulate(1).lookupKey();
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () -> {
              try (PreparedCall p = cache.prepare(simulate(1))) {
                throw new IllegalStateException("body failed");
              }
            });

    assertEquals("body failed", thrown.getMessage());
    assertFalse(cache.contains(key));
    try (PreparedCall p = cache.prepare(simulate(2))) {
      // left without commit
    }
    assertFalse(cache.contains(simulate(2).lookupKey()));
  }

  @Test
  void prepareThenCommit_filesWhatAOneShotSaveFiles() {
    Cache other = Caches.memory();
    Digest twoPhase = cache.prepare(simulate(5)).commit(50, Map.of("tags", Map.of("a", 1)));
    Digest oneShot = other.save(computed(5).withMetadata(Map.of("tags", Map.of("a", 1))));

    assertEquals(oneShot, twoPhase);
    assertEquals(other.load(oneShot), cache.load(twoPhase));
  }

  @Test
  void prepare_ofACallWithAResult_isAnArgumentError() {
    assertThrows(IllegalArgumentException.class, () -> cache.prepare(computed(1)));
    assertThrows(IllegalArgumentException.class, () -> Caches.readOnly(cache).prepare(computed(1)));
  }

  @Test
  void anArgumentTheStorageRefuses_isADigestOnlyReference() {
    Unstorable label = new Unstorable("big");
    Call call = Call.of(SIMULATE, Map.of("label", label));
    PreparedCall p = cache.prepare(call);
    Digest key = p.commit(1, null);

    assertEquals(call.lookupKey(), key);
    assertEquals(label.digest(), cache.load(key).argument("label"));
  }

  @Test
  void readOnlyPrepare_isDigestOnly_andItsCommitIsRejected() {
    Cache readOnly = Caches.readOnly(cache);
    PreparedCall p = readOnly.prepare(simulate(100));

    assertEquals(simulate(100).lookupKey(), p.lookupKey());
    assertSame(readOnly, p.cache());
    assertFalse(values.contains(Digest.of(100)), "a read-only prepare stores nothing");
    assertThrows(RejectedException.class, () -> p.commit(1000, null));
    assertFalse(cache.contains(p.lookupKey()));
  }

  @Test
  void aStack_preparesOnItsFirstLayer_andCommitsThroughItself() {
    ValueStorage baseValues = Storages.valueMemory();
    Cache base = Caches.of(baseValues, Storages.callMemory());
    Cache upper = Caches.memory();
    Cache stack = Caches.stack(base, upper);
    PreparedCall p = stack.prepare(simulate(100));

    assertSame(stack, p.cache());
    assertTrue(baseValues.contains(Digest.of(100)));
    p.commit(1000, null);
    assertTrue(base.contains(p.lookupKey()));
    assertFalse(upper.contains(p.lookupKey()));
  }

  @Test
  void aWrapper_commitsThroughItself() {
    Cache refreshing = Caches.refreshing(cache);
    PreparedCall p = refreshing.prepare(simulate(1));

    assertSame(refreshing, p.cache());
    p.commit(10, null);
    assertEquals(10, cache.load(p.lookupKey()).result());
  }
}
