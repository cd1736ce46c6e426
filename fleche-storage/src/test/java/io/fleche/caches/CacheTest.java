package io.fleche.caches;

import static io.fleche.caches.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.LazyCall;
import io.fleche.QueryCall;
import io.fleche.RejectedException;
import io.fleche.storage.AmbiguousDigestException;
import io.fleche.storage.CallStorage;
import io.fleche.storage.Intent;
import io.fleche.storage.Scope;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.Storages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The plain cache over a value and a call storage. */
class CacheTest {
  private final ValueStorage values = Storages.valueMemory();
  private final CallStorage calls = Storages.callMemory();
  private final Cache cache = Caches.of(values, calls);

  @Test
  void save_storesValuesAndTheRecord_loadFindsThem() {
    Digest key = cache.save(computed(100));

    assertEquals(computed(100).lookupKey(), key);
    assertTrue(calls.contains(key));
    assertTrue(values.contains(Digest.of(100)));
    assertTrue(values.contains(Digest.of(1000)));
    assertTrue(cache.contains(key));
    LazyCall hit = cache.load(key);
    assertEquals(1000, hit.result());
    assertEquals(100, hit.argument("steps"));
    assertEquals(0.01, hit.argument("dt"));
    assertEquals(computed(100).digest(), hit.digest());
  }

  @Test
  void load_ofAnUnknownKey_misses() {
    assertThrows(NoSuchElementException.class, () -> cache.load(simulate(1).lookupKey()));
    assertFalse(cache.contains(simulate(1).lookupKey()));
  }

  @Test
  void nullResult_isStoredAndAHit() {
    Digest key = cache.save(simulate(7).withResult(null));

    LazyCall hit = cache.load(key);
    assertTrue(hit.hasResult());
    assertNull(hit.result());
    assertThrows(NoSuchElementException.class, () -> cache.load(simulate(8).lookupKey()));
  }

  @Test
  void savedAndLoadedValues_areNotAliased() {
    List<Integer> result = new ArrayList<>(List.of(1, 2, 3));
    Digest key = cache.save(simulate(1).withResult(result));
    result.add(4);

    @SuppressWarnings("unchecked")
    List<Integer> loaded = (List<Integer>) cache.load(key).result();
    loaded.add(5);

    assertEquals(List.of(1, 2, 3), cache.load(key).result());
  }

  @Test
  void save_withoutResult_isRefusedAsAnArgumentError() {
    assertThrows(IllegalArgumentException.class, () -> cache.save(simulate(1)));
  }

  @Test
  void evict_removesOnlyTheRecord() {
    Digest key = cache.save(computed(3));
    cache.evict(key);

    assertFalse(cache.contains(key));
    assertThrows(NoSuchElementException.class, () -> cache.load(key));
    assertTrue(values.contains(Digest.of(30)), "values stay until garbage collection");
    assertEquals(30, cache.loadValue(Digest.of(30)));
  }

  @Test
  void aPendingRecord_isAMiss() {
    Digest key = calls.save(simulate(5).stash(values));

    assertThrows(NoSuchElementException.class, () -> cache.load(key));
  }

  @Test
  void aRecordWhoseResultValueIsGone_isAMiss() {
    Digest key = cache.save(computed(5));
    values.evict(Digest.of(50));

    assertThrows(NoSuchElementException.class, () -> cache.load(key));
  }

  @Test
  void aResultTheValueStorageRefuses_isRejected_andNothingIsFiled() {
    Call call = simulate(1).withResult(new Unstorable("result"));

    assertThrows(RejectedException.class, () -> cache.save(call));
    assertFalse(cache.contains(call.lookupKey()));
  }

  @Test
  void anArgumentTheValueStorageRefuses_isKeptAsItsDigest() {
    Unstorable arg = new Unstorable("argument");
    Call call = Call.of(SIMULATE, Map.of("steps", arg)).withResult(1);
    Digest key = cache.save(call);

    assertEquals(call.lookupKey(), key);
    assertEquals(arg.digest(), cache.load(key).argument("steps"));
    assertEquals(1, cache.load(key).result());
  }

  @Test
  void loadValue_missesOnAnUnknownDigest() {
    assertThrows(NoSuchElementException.class, () -> cache.loadValue(Digest.of("nothing")));
  }

  @Test
  void query_matchesArgumentsResultsAndDigestTemplates() {
    cache.save(computed(1));
    cache.save(computed(2));
    cache.save(render(1));

    assertEquals(3, cache.query().count());
    assertEquals(2, cache.query(simulations()).count());
    assertEquals(
        1, cache.query(QueryCall.builder().argument("steps", Digest.of(2)).build()).count());
    assertEquals(1, cache.query(QueryCall.builder().result(10).build()).count());
    assertEquals("plot1", cache.query(QueryCall.builder().result("plot1").build()).only().result());
  }

  @Test
  void aRecordThatCannotBeRead_isLoggedAsCorruption_andSkipped() {
    TrackingCalls damaged = new TrackingCalls(Arrays.asList((DigestedCall) null));
    Cache c = Caches.of(values, damaged);
    c.save(computed(1));

    try (LogCapture log = new LogCapture("io.fleche.cache")) {
      assertEquals(List.of(10), c.query().results());
      List<String> errors = log.messages(Level.SEVERE);
      assertEquals(1, errors.size());
      assertTrue(errors.get(0).contains("Indicates corrupt cache."), errors.get(0));
    }
    assertEquals(damaged.opened.get(), damaged.closed.get());
  }

  @Test
  void expand_resolvesCallAndValueKeys() {
    Digest key = cache.save(computed(4));

    assertEquals(key, cache.expand(key.prefix(12)));
    assertEquals(Digest.of(40), cache.expand(Digest.of(40).prefix(12)));
    assertEquals(key, cache.expand(key.toString()));
    assertThrows(NoSuchElementException.class, () -> cache.expand("ab"));
    assertThrows(NoSuchElementException.class, () -> cache.expand(Digest.of("nothing").prefix(20)));
  }

  @Test
  void expand_isAmbiguousAcrossTheTwoStorages() {
    Digest key = cache.save(computed(4));
    String prefix = key.prefix(4);
    values.save(valueWithPrefix(prefix, -1));

    AmbiguousDigestException e =
        assertThrows(AmbiguousDigestException.class, () -> cache.expand(prefix));
    assertTrue(e.candidates().contains(key));
  }

  @Test
  void shrink_isUnambiguousAmongCallAndValueKeys_andExpandsBack() {
    Digest key = cache.save(computed(4));
    values.save(valueWithPrefix(key.prefix(4), -1));

    String shortKey = cache.shrink(List.of(key)).get(0);
    assertTrue(shortKey.length() > 4, shortKey);
    assertEquals(key, cache.expand(shortKey));
    assertThrows(NoSuchElementException.class, () -> cache.shrink(List.of(Digest.of("nothing"))));
  }

  @Test
  void operation_holdsThePerKeyLock_reentrantly() throws Exception {
    Call call = computed(9);
    Digest key = call.lookupKey();
    CountDownLatch saved = new CountDownLatch(1);
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread other;
    try (Scope outer = cache.operation(key, Intent.WRITE);
        Scope inner = cache.operation(key, Intent.WRITE)) {
      cache.save(call); // reentrant
      other =
          new Thread(
              () -> {
                try {
                  cache.save(call);
                  saved.countDown();
                } catch (Throwable e) {
                  failed.set(e);
                }
              });
      other.start();
      while (other.isAlive() && other.getState() != Thread.State.WAITING) {
        Thread.onSpinWait();
      }
      assertEquals(1, saved.getCount(), "a save of the key ran while the lock was held");
    }
    assertTrue(saved.await(30, TimeUnit.SECONDS));
    assertNull(failed.get());
  }

  @Test
  void voidCache_acceptsSavesAndAlwaysMisses() {
    Cache v = Caches.voidCache();
    Digest key = v.save(computed(1));

    assertFalse(v.contains(key));
    assertThrows(NoSuchElementException.class, () -> v.load(key));
    assertTrue(v.query().isEmpty());
  }
}
