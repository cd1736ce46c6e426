package io.fleche.storages;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fleche.Digest;
import io.fleche.storage.AmbiguousDigestException;
import io.fleche.storage.SaveException;
import io.fleche.storage.ValueStorage;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ValueStorage} must have. A storage's test extends this class and
 * supplies {@link #create()}; capabilities it lacks are declared by overriding the flags.
 */
abstract class ValueStorageContract {
  /** A fresh, empty storage. */
  abstract ValueStorage create();

  /** False for storages that discard what they are given (void). */
  boolean keepsValues() {
    return true;
  }

  /** False for the samples a storage refuses by design (JDK serialization: Optional). */
  boolean stores(Object sample) {
    return true;
  }

  ValueStorage storage;

  @BeforeEach
  void setUp() {
    storage = create();
  }

  // Serializable, so that storages using JDK serialization run the suite too
  record Point(int x, int y) implements Serializable {}

  record Labelled(String label, List<Integer> values, Point where) implements Serializable {}

  enum Colour {
    RED,
    GREEN
  }

  static class Plain implements Serializable {
    private static final long serialVersionUID = 1L;

    String name;
    int[] data;
    transient int cache;

    Plain(String name, int[] data) {
      this.name = name;
      this.data = data;
    }
  }

  static List<Object> samples() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("xs", new ArrayList<>(List.of(1, 2, 3)));
    nested.put("point", new Point(1, 2));
    nested.put("none", null);
    return Arrays.asList(
        null,
        42,
        -7L,
        3.5,
        "text ünïcode",
        true,
        'c',
        new BigDecimal("1.50"),
        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
        Instant.ofEpochSecond(1_700_000_000L),
        LocalDate.of(2026, 11, 26),
        Colour.GREEN,
        new byte[] {1, 2, 3},
        new double[] {1.5, Double.NaN, -0.0},
        new int[][] {{1, 2}, {3, 4}},
        new String[] {"a", null, "c"},
        List.of(),
        new ArrayList<>(List.of(1, List.of(2, 3), Map.of("k", "v"))),
        Set.of(1, 2, 3),
        new TreeMap<>(Map.of("b", 2, "a", 1)),
        nested,
        new Point(3, 4),
        new Labelled("l", List.of(1, 2), new Point(0, 0)),
        Optional.of(List.of(1)),
        new Plain("p", new int[] {9, 8}),
        List.of(new double[] {1, 2}, new double[] {1, 2}));
  }

  @Test
  void save_returnsTheValuesDigest() {
    for (Object v : storedSamples()) {
      assertEquals(Digest.of(v), storage.save(v), () -> "for " + v);
    }
  }

  @Test
  void load_returnsAnEqualValue() {
    assumeTrue(keepsValues());
    for (Object v : storedSamples()) {
      Digest key = storage.save(v);
      Object back = storage.load(key);
      assertEquals(key, Digest.of(back), () -> "round trip of " + describe(v));
      if (v != null) {
        assertEquals(v.getClass(), back.getClass(), () -> "class of " + describe(v));
      }
    }
  }

  private List<Object> storedSamples() {
    return samples().stream().filter(this::stores).collect(Collectors.toList());
  }

  private static String describe(Object v) {
    return v != null && v.getClass().isArray() ? Arrays.deepToString(new Object[] {v}) : "" + v;
  }

  @Test
  void save_withGivenKey_storesUnderThatKey() {
    assumeTrue(keepsValues());
    Digest key = Digest.of("the value");
    assertEquals(key, storage.save("the value", key));
    assertEquals("the value", storage.load(key));
  }

  @Test
  void save_undigestableValue_throwsSaveException() {
    Runnable lambda = () -> {};
    SaveException e = assertThrows(SaveException.class, () -> storage.save(lambda));
    assertTrue(e.getMessage().contains("lambda"), e.getMessage());
  }

  @Test
  void save_nullValue_isStoredAndLoaded() {
    assumeTrue(keepsValues());
    Digest key = storage.save(null);
    assertTrue(storage.contains(key));
    assertNull(storage.load(key));
  }

  @Test
  void load_missingKey_throwsNoSuchElement() {
    assertThrows(NoSuchElementException.class, () -> storage.load(Digest.of("absent")));
  }

  @Test
  void contains_tellsStoredFromAbsent() {
    Digest key = storage.save(List.of(1, 2));
    assertEquals(keepsValues(), storage.contains(key));
    assertFalse(storage.contains(Digest.of("absent")));
  }

  @Test
  void save_sameValueTwice_storesNothingNew() {
    storage.save(List.of(1, List.of(2)));
    Set<Digest> before = keys();
    storage.save(new ArrayList<>(List.of(1, new ArrayList<>(List.of(2)))));
    assertEquals(before, keys());
    assertEquals(keepsValues(), !before.isEmpty());
  }

  @Test
  void list_holdsEverySavedTopLevelKey() {
    Set<Digest> saved =
        Stream.of("a", "b", 3, List.of(4)).map(storage::save).collect(Collectors.toSet());
    assertEquals(keepsValues(), keys().containsAll(saved));
    assertFalse(keepsValues() && keys().isEmpty());
  }

  @Test
  void evict_removesTheEntry_andIgnoresAbsentKeys() {
    Digest key = storage.save("gone soon");
    storage.evict(key);
    assertFalse(storage.contains(key));
    assertThrows(NoSuchElementException.class, () -> storage.load(key));
    storage.evict(Digest.of("never stored"));
  }

  @Test
  void mutatingASavedValue_doesNotChangeTheStoredOne() {
    assumeTrue(keepsValues());
    List<Object> list = new ArrayList<>(List.of(1, 2));
    int[] array = {1, 2, 3};
    Plain plain = new Plain("before", new int[] {1});
    Digest listKey = storage.save(list);
    Digest arrayKey = storage.save(array);
    Digest plainKey = storage.save(plain);
    list.add(3);
    array[0] = 99;
    plain.data[0] = 99;
    plain.name = "after";
    assertEquals(listKey, Digest.of(storage.load(listKey)));
    assertEquals(arrayKey, Digest.of(storage.load(arrayKey)));
    assertEquals(plainKey, Digest.of(storage.load(plainKey)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void mutatingALoadedValue_doesNotChangeTheStoredOne() {
    assumeTrue(keepsValues());
    Digest listKey = storage.save(new ArrayList<>(List.of(1, new ArrayList<>(List.of(2)))));
    Digest mapKey = storage.save(new HashMap<>(Map.of("k", new int[] {1})));
    List<Object> list = (List<Object>) storage.load(listKey);
    ((List<Object>) list.get(1)).add(3);
    list.add(4);
    ((int[]) ((Map<String, Object>) storage.load(mapKey)).get("k"))[0] = 5;
    assertEquals(listKey, Digest.of(storage.load(listKey)));
    assertEquals(mapKey, Digest.of(storage.load(mapKey)));
  }

  @Test
  void load_byUniquePrefix() {
    assumeTrue(keepsValues());
    Digest key = storage.save("prefixed");
    assertEquals("prefixed", storage.load(key.prefix(12)));
    assertEquals(key, storage.expand(key.prefix(12).toUpperCase(java.util.Locale.ROOT)));
    assertTrue(storage.contains(key.prefix(8)));
    String shortest = storage.shrink(key);
    assertTrue(shortest.length() >= Digest.MIN_PREFIX_LENGTH);
    assertEquals(key, storage.expand(shortest));
  }

  @Test
  void load_byAmbiguousPrefix_namesTheNeededLength() {
    assumeTrue(keepsValues());
    List<Integer> clash = PrefixClash.twoValuesSharing(5);
    Digest a = storage.save(clash.get(0));
    Digest b = storage.save(clash.get(1));
    int common = a.commonPrefixLength(b);
    AmbiguousDigestException e =
        assertThrows(AmbiguousDigestException.class, () -> storage.load(a.prefix(5)));
    assertTrue(
        e.getMessage().contains("need at least " + (common + 1) + " characters"), e.getMessage());
    assertEquals(clash.get(0), storage.load(a.prefix(common + 1)));
    assertEquals(common + 1, storage.shrink(a).length());
  }

  @Test
  void load_byTooShortOrUnknownPrefix_throwsNoSuchElement() {
    Digest key = storage.save("x");
    assertThrows(NoSuchElementException.class, () -> storage.load(key.prefix(3)));
    assertThrows(NoSuchElementException.class, () -> storage.load("not-hex"));
    assertFalse(storage.contains("0000000000"));
  }

  @Test
  void concurrentSavesAndLoads_ofOverlappingValues_areConsistent() throws Exception {
    assumeTrue(keepsValues());
    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        Callable<Integer> work =
            () -> {
              start.await();
              int checked = 0;
              for (int i = 0; i < 300; i++) {
                List<Object> value = List.of(i % 50, List.of("shared", i % 7), new int[] {seed});
                Digest key = storage.save(value);
                assertEquals(key, Digest.of(storage.load(key)));
                checked++;
              }
              return checked;
            };
        results.add(pool.submit(work));
      }
      for (Future<Integer> f : results) {
        assertEquals(300, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void touch_isTrueForAStoredEntry_andFalseForAnAbsentOne() {
    Digest key = storage.save("touched");
    assertEquals(keepsValues(), storage.touch(key));
    assertFalse(storage.touch(Digest.of("absent")));
  }

  @Test
  void evictIfStale_removesAnEntrySavedBefore() {
    Digest key = storage.save("stale");
    Instant staleBefore = Clocks.tick();

    long freed = storage.evictIfStale(key, staleBefore);

    assertEquals(keepsValues(), freed >= 0, "freed " + freed);
    assertFalse(storage.contains(key));
    assertEquals(-1, storage.evictIfStale(key, staleBefore), "nothing left to remove");
  }

  @Test
  void evictIfStale_keepsAnEntrySavedSince() {
    Instant staleBefore = Instant.now().minusSeconds(1);
    Digest key = storage.save("young");

    assertEquals(-1, storage.sizeIfStale(key, staleBefore));
    assertEquals(-1, storage.evictIfStale(key, staleBefore));
    assertEquals(keepsValues(), storage.contains(key));
  }

  @Test
  void evictIfStale_keepsAnEntryTouchedSince() {
    assumeTrue(keepsValues());
    Digest key = storage.save("touched since");
    Instant staleBefore = Clocks.tick();
    Clocks.after(staleBefore);

    assertTrue(storage.touch(key));

    assertEquals(-1, storage.sizeIfStale(key, staleBefore));
    assertEquals(-1, storage.evictIfStale(key, staleBefore));
    assertEquals("touched since", storage.load(key));
  }

  @Test
  void evictIfStale_keepsAnEntrySavedAgainSince() {
    assumeTrue(keepsValues());
    List<Object> value = List.of(1, List.of(2, 3), new int[] {4});
    Digest key = storage.save(value);
    Instant staleBefore = Clocks.tick();
    Clocks.after(staleBefore);

    storage.save(List.of(1, List.of(2, 3), new int[] {4}));

    assertEquals(-1, storage.evictIfStale(key, staleBefore));
    for (Digest part : storage.childDigests(key)) {
      assertEquals(-1, storage.evictIfStale(part, staleBefore), "part " + part);
    }
  }

  @Test
  void evictIfStale_removesTheEntryOnly_notItsParts_asSizeIfStaleTells() {
    assumeTrue(keepsValues());
    Digest key = storage.save(List.of(List.of(1, 2), new int[] {3}));
    Set<Digest> parts = storage.childDigests(key);
    Set<Digest> stored = keys();
    Instant staleBefore = Clocks.tick();
    long size = storage.sizeIfStale(key, staleBefore);
    assertTrue(size >= 0, "size " + size);
    assertEquals(stored, keys(), "sizeIfStale removes nothing");

    assertEquals(size, storage.evictIfStale(key, staleBefore));

    assertEquals(-1, storage.sizeIfStale(key, staleBefore), "nothing stored");
    assertFalse(storage.contains(key));
    for (Digest part : parts) {
      assertTrue(storage.contains(part), "part " + part);
    }
  }

  Set<Digest> keys() {
    try (Stream<Digest> s = storage.list()) {
      return s.collect(Collectors.toSet());
    }
  }
}
