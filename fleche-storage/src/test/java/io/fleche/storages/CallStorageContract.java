package io.fleche.storages;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.FunctionId;
import io.fleche.QueryCall;
import io.fleche.storage.AmbiguousDigestException;
import io.fleche.storage.CallStorage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CallStorage} must have. A storage's test extends this class and
 * supplies {@link #create()}; capabilities it lacks are declared by overriding the flags.
 */
abstract class CallStorageContract {
  /** A fresh, empty storage. */
  abstract CallStorage create();

  /** False for storages that discard what they are given (void). */
  boolean keepsCalls() {
    return true;
  }

  CallStorage storage;

  static final FunctionId SIMULATE =
      new FunctionId("Physics.simulate", "(int,double)", "org.example", "1.0", null);
  static final FunctionId SIMULATE_LONG =
      new FunctionId("Physics.simulate", "(long,double)", "org.example", "1.0", null);
  static final FunctionId RENDER = new FunctionId("Render.frame", "(int)", "org.example", null, null);

  @BeforeEach
  void setUp() {
    storage = create();
  }

  static DigestedCall call(FunctionId f, Object result, Object... namesAndValues) {
    Map<String, Object> args = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      args.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return Call.of(f, args).withResult(result).digested();
  }

  static DigestedCall tagged(DigestedCall c, String project, long run) {
    return c.withMetadata(
        Map.of("tags", Map.of("project", project, "run", run), "runtime", Map.of("walltime", 1.5)));
  }

  List<DigestedCall> query(QueryCall q) {
    try (Stream<DigestedCall> s = storage.query(q)) {
      return s.collect(Collectors.toList());
    }
  }

  Set<Digest> keys() {
    try (Stream<Digest> s = storage.list()) {
      return s.collect(Collectors.toSet());
    }
  }

  @Test
  void save_returnsTheLookupKey_andLoadReturnsTheRecord() {
    DigestedCall c = tagged(call(SIMULATE, 2.5, "steps", 10, "dt", 0.1), "alpha", 1);
    Digest key = storage.save(c);
    assertEquals(c.lookupKey(), key);
    assumeTrue(keepsCalls());
    DigestedCall back = storage.load(key);
    assertEquals(c, back);
    assertEquals(c.digest(), back.digest());
    assertEquals(List.of("steps", "dt"), back.argumentNames());
  }

  @Test
  void save_pendingCall_isStoredAsPending() {
    assumeTrue(keepsCalls());
    DigestedCall pending = Call.of(SIMULATE, Map.of("steps", 1)).digested();
    Digest key = storage.save(pending);
    assertTrue(storage.load(key).isPending());
    storage.save(pending.withResult(Digest.of(7)));
    assertEquals(Digest.of(7), storage.load(key).result());
  }

  @Test
  void save_sameLookupKey_overwritesResultAndMetadata() {
    assumeTrue(keepsCalls());
    DigestedCall first = tagged(call(SIMULATE, 1, "steps", 10), "alpha", 1);
    DigestedCall second = tagged(call(SIMULATE, 2, "steps", 10), "beta", 2);
    Digest key = storage.save(first);
    assertEquals(key, storage.save(second));
    assertEquals(Set.of(key), keys());
    assertEquals(second, storage.load(key));
  }

  @Test
  void saveAll_savesEveryCall_theLastOfAKeyWinning() {
    DigestedCall a = tagged(call(SIMULATE, 1, "steps", 1), "alpha", 1);
    DigestedCall b = call(RENDER, 2, "frame", 2);
    DigestedCall bAgain = tagged(call(RENDER, 3, "frame", 2), "beta", 2);
    storage.save(call(RENDER, 0, "frame", 2));

    List<Digest> keys = storage.saveAll(List.of(a, b, bAgain));

    assertEquals(List.of(a.lookupKey(), b.lookupKey(), b.lookupKey()), keys);
    assertEquals(List.of(), storage.saveAll(List.of()));
    assumeTrue(keepsCalls());
    assertEquals(Set.of(a.lookupKey(), b.lookupKey()), keys());
    assertEquals(a, storage.load(a.lookupKey()));
    assertEquals(bAgain, storage.load(b.lookupKey()));
    assertEquals(List.of("steps"), storage.load(a.lookupKey()).argumentNames());
  }

  @Test
  void load_missingKey_throwsNoSuchElement() {
    assertThrows(NoSuchElementException.class, () -> storage.load(Digest.of("absent")));
  }

  @Test
  void contains_evict_list() {
    DigestedCall a = call(SIMULATE, 1, "steps", 1);
    DigestedCall b = call(SIMULATE, 2, "steps", 2);
    Digest ka = storage.save(a);
    Digest kb = storage.save(b);
    assertEquals(keepsCalls() ? Set.of(ka, kb) : Set.of(), keys());
    assertEquals(keepsCalls(), storage.contains(ka));
    storage.evict(ka);
    assertFalse(storage.contains(ka));
    assertEquals(keepsCalls(), storage.contains(kb));
    storage.evict(Digest.of("never stored"));
  }

  @Test
  void overloads_neverShareKeys() {
    Digest k1 = storage.save(call(SIMULATE, 1, "steps", 10));
    Digest k2 = storage.save(call(SIMULATE_LONG, 1, "steps", 10));
    assertNotEquals(k1, k2);
    assertEquals(keepsCalls() ? 2 : 0, keys().size());
  }

  @Test
  void query_byIdentityFields() {
    assumeTrue(keepsCalls());
    storage.save(call(SIMULATE, 1, "steps", 1));
    storage.save(call(SIMULATE_LONG, 2, "steps", 1L));
    storage.save(call(RENDER, 3, "frame", 1));
    assertEquals(3, query(QueryCall.any()).size());
    assertEquals(2, query(QueryCall.builder().name("Physics.simulate").build()).size());
    assertEquals(1, query(QueryCall.builder().signature("(long,double)").build()).size());
    assertEquals(3, query(QueryCall.builder().module("org.example").build()).size());
    assertEquals(2, query(QueryCall.builder().version("1.0").build()).size());
    assertEquals(0, query(QueryCall.builder().version("2.0").build()).size());
    assertEquals(1, query(QueryCall.forFunction(RENDER).build()).size());
  }

  @Test
  void query_byArgumentValue_matchesByDigest() {
    assumeTrue(keepsCalls());
    for (int i = 0; i < 5; i++) {
      storage.save(call(SIMULATE, i * 10, "steps", i, "dt", List.of(0.1, i)));
    }
    assertEquals(1, query(QueryCall.builder().argument("steps", 3).build()).size());
    assertEquals(0, query(QueryCall.builder().argument("steps", 3L).build()).size());
    assertEquals(
        1, query(QueryCall.builder().argument("dt", Digest.of(List.of(0.1, 2))).build()).size());
    assertEquals(
        1,
        query(QueryCall.builder().argument("steps", 4).argument("dt", List.of(0.1, 4)).build())
            .size());
    assertEquals(
        0,
        query(QueryCall.builder().argument("steps", 4).argument("dt", List.of(0.1, 3)).build())
            .size());
  }

  @Test
  void query_argumentPresence_andUnknownNames() {
    assumeTrue(keepsCalls());
    storage.save(call(SIMULATE, 1, "steps", 1, "dt", 0.5));
    storage.save(call(RENDER, 2, "frame", 1));
    assertEquals(1, query(QueryCall.builder().argument("dt", null).build()).size());
    assertEquals(0, query(QueryCall.builder().argument("nope", null).build()).size());
    assertEquals(1, query(QueryCall.builder().argument("frame", 1).build()).size());
    storage.save(call(RENDER, 5, "frame", null));
    assertEquals(1, query(QueryCall.builder().argument("frame", Digest.of(null)).build()).size());
    assertEquals(2, query(QueryCall.builder().argument("frame", null).build()).size());
  }

  @Test
  void query_byResult_includingNull_neverMatchesPending() {
    assumeTrue(keepsCalls());
    storage.save(call(SIMULATE, 42, "steps", 1));
    storage.save(call(SIMULATE, null, "steps", 2));
    storage.save(Call.of(SIMULATE, Map.of("steps", 3)).digested());
    assertEquals(1, query(QueryCall.builder().result(42).build()).size());
    assertEquals(1, query(QueryCall.builder().result(Digest.of(42)).build()).size());
    List<DigestedCall> nulls = query(QueryCall.builder().result(null).build());
    assertEquals(1, nulls.size());
    assertEquals(Digest.of(2), nulls.get(0).arguments().get("steps"));
    assertEquals(3, query(QueryCall.any()).size());
  }

  @Test
  void query_byMetadata_plainEquality_presence_andNamespaces() {
    assumeTrue(keepsCalls());
    storage.save(tagged(call(SIMULATE, 1, "steps", 1), "alpha", 1));
    storage.save(tagged(call(SIMULATE, 2, "steps", 2), "beta", 2));
    storage.save(call(SIMULATE, 3, "steps", 3));
    assertEquals(1, query(QueryCall.builder().metadata("tags", Map.of("project", "alpha")).build()).size());
    assertEquals(1, query(QueryCall.builder().metadata("tags", Map.of("run", 2)).build()).size());
    assertEquals(
        0, query(QueryCall.builder().metadata("tags", Map.of("project", "alpha", "run", 2)).build()).size());
    assertEquals(2, query(QueryCall.builder().metadata("tags", Map.of()).build()).size());
    Map<String, Object> presence = new LinkedHashMap<>();
    presence.put("walltime", null);
    assertEquals(2, query(QueryCall.builder().metadata("runtime", presence).build()).size());
    assertEquals(0, query(QueryCall.builder().metadata("git", Map.of()).build()).size());
    assertEquals(
        1,
        query(
                QueryCall.builder()
                    .metadata("tags", Map.of("project", "beta"))
                    .metadata("runtime", Map.of("walltime", 1.5))
                    .build())
            .size());
  }

  @Test
  void query_andCount_agreeWithMatches_onEveryStoredCall() {
    assumeTrue(keepsCalls());
    List<DigestedCall> all = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      DigestedCall c = call(i % 2 == 0 ? SIMULATE : RENDER, i % 3, "steps", i % 4, "dt", i % 5);
      all.add(tagged(c, i % 2 == 0 ? "alpha" : "beta", i % 3));
    }
    all.forEach(storage::save);
    List<QueryCall> templates =
        List.of(
            QueryCall.any(),
            QueryCall.builder().name("Physics.simulate").build(),
            QueryCall.builder().argument("steps", 1).build(),
            QueryCall.builder().result(2).name("Render.frame").build(),
            QueryCall.builder().metadata("tags", Map.of("run", 0)).argument("dt", null).build(),
            QueryCall.builder().argument("dt", 4).metadata("tags", Map.of("project", "beta")).build());
    for (QueryCall t : templates) {
      Set<Digest> expected =
          all.stream().filter(t::matches).map(DigestedCall::lookupKey).collect(Collectors.toSet());
      Set<Digest> got = query(t).stream().map(DigestedCall::lookupKey).collect(Collectors.toSet());
      assertEquals(expected, got, t.toString());
      assertEquals(expected.size(), storage.count(t), t.toString());
    }
  }

  @Test
  void load_byPrefix_andAmbiguity() {
    assumeTrue(keepsCalls());
    Digest key = storage.save(call(SIMULATE, 1, "steps", 1));
    assertEquals(key, storage.load(key.prefix(10)).lookupKey());
    // find two calls whose keys share 5 hex characters
    Map<String, Digest> byPrefix = new java.util.HashMap<>();
    for (int i = 0; ; i++) {
      Digest k = storage.save(call(RENDER, i, "frame", i));
      Digest other = byPrefix.putIfAbsent(k.prefix(5), k);
      if (other != null) {
        assertThrows(AmbiguousDigestException.class, () -> storage.load(k.prefix(5)));
        assertEquals(k, storage.expand(k.prefix(k.commonPrefixLength(other) + 1)));
        break;
      }
    }
  }

  @Test
  void transform_rekeysChangedRecords_andKeepsOthers() {
    assumeTrue(keepsCalls());
    Digest keep = storage.save(call(RENDER, 1, "frame", 1));
    Digest old = storage.save(call(SIMULATE, 1, "steps", 1));
    FunctionId v2 = new FunctionId("Physics.simulate", "(int,double)", "org.example", "2.0", null);
    storage.transform(c -> c.name().equals("Physics.simulate") ? c.withFunction(v2) : c);
    Digest moved = call(v2, 1, "steps", 1).lookupKey();
    assertEquals(Set.of(keep, moved), keys());
    assertFalse(storage.contains(old));
    assertEquals("2.0", storage.load(moved).function().version());
  }

  @Test
  void concurrentSaves_ofDistinctAndSameKeys_loseNothing() throws Exception {
    assumeTrue(keepsCalls());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    storage.save(call(SIMULATE, i, "steps", i));
                    storage.save(call(RENDER, thread, "frame", 1000 + thread * 1000 + i));
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(200 + 4 * 200, keys().size());
    for (int i = 0; i < 200; i++) {
      assertEquals(Digest.of(i), storage.load(call(SIMULATE, i, "steps", i).lookupKey()).result());
    }
  }
}
