package io.fleche.storages;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Digest;
import io.fleche.Digestible;
import io.fleche.storage.StorageBackend;
import io.fleche.storage.ValueStorage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestructuringTest {
  record Point(int x, int y) {}

  record Shape(String name, List<Point> corners) {}

  record Blob(byte[] bytes) implements Digestible {
    @Override
    public Digest digest() {
      return Digest.of(List.of("Blob", bytes.length));
    }
  }

  private final MemoryBackend<Object> backend = new MemoryBackend<>(Copier::copy);

  private ValueStorage storage(int depth) {
    return Storages.values(backend, depth);
  }

  private Set<Digest> entries() {
    try (Stream<Digest> s = backend.list()) {
      return s.collect(Collectors.toSet());
    }
  }

  private static List<Object> nested() {
    return new ArrayList<>(List.of(1, new ArrayList<>(List.of(2, 3))));
  }

  @ParameterizedTest
  @CsvSource({"0, 5", "1, 2", "2, 1", "2147483647, 1"})
  void depth_decidesWhichSubValuesGetTheirOwnEntry(int depth, int expectedEntries) {
    ValueStorage values = storage(depth);
    Digest key = values.save(nested());
    assertEquals(Digest.of(nested()), key);
    assertEquals(expectedEntries, entries().size());
    assertEquals(nested(), values.load(key));
    assertEquals(ArrayList.class, ((List<?>) values.load(key)).get(1).getClass());
  }

  @ParameterizedTest
  @CsvSource({"0", "1", "2", "2147483647"})
  void deepMixedStructures_roundTripAtEveryDepth(int depth) {
    ValueStorage values = storage(depth);
    Object value =
        List.of(
            new LinkedList<>(List.of("a", List.of(1, 2))),
            new TreeMap<>(Map.of("k", List.of(new Point(1, 2)), "j", 3)),
            new Shape("tri", List.of(new Point(0, 0), new Point(1, 0), new Point(0, 1))),
            new String[] {"x", null},
            new double[] {1.5, 2.5},
            Set.of(1, 2),
            Map.of(List.of(1, 2), "list key"),
            List.of());
    Digest key = values.save(value);
    Object back = values.load(key);
    assertEquals(key, Digest.of(back));
    List<?> list = (List<?>) back;
    assertEquals(LinkedList.class, list.get(0).getClass());
    assertEquals(TreeMap.class, list.get(1).getClass());
    assertEquals(new Shape("tri", List.of(new Point(0, 0), new Point(1, 0), new Point(0, 1))), list.get(2));
    assertEquals(String[].class, list.get(3).getClass());
    assertEquals("list key", ((Map<?, ?>) list.get(6)).get(List.of(1, 2)));
    assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) list).add(1));
  }

  @Test
  void opaqueValues_alwaysGetTheirOwnEntry_evenAtUnboundedDepth() {
    ValueStorage values = storage(Storages.UNBOUNDED_DEPTH);
    int[] array = {1, 2, 3};
    Digest key = values.save(List.of("x", array));
    assertEquals(Set.of(key, Digest.of(array)), entries());
    assertEquals(Set.of(Digest.of(array)), values.childDigests(key));
  }

  @Test
  void sharedSubValues_areStoredOnce_andCountedPerReferringEntry() {
    ValueStorage values = storage(1);
    List<Integer> shared = List.of(7, 8, 9);
    Digest a = values.save(List.of(shared, "a"));
    Digest b = values.save(List.of(shared, "b"));
    Digest c = values.save(List.of(shared, shared));
    assertEquals(Set.of(a, b, c, Digest.of(shared)), entries());
    assertEquals(Set.of(Digest.of(shared)), values.childDigests(c));
    Map<Digest, Integer> reuses = Storages.countReuses(values);
    assertEquals(3, reuses.get(Digest.of(shared)));
    assertEquals(0, reuses.get(a));
  }

  @Test
  void records_areSplitIntoComponents_andRebuiltThroughTheirConstructor() {
    ValueStorage values = storage(1);
    Shape shape = new Shape("square", List.of(new Point(0, 0), new Point(1, 1)));
    Digest key = values.save(shape);
    assertEquals(Set.of(Digest.of(shape.corners())), values.childDigests(key));
    assertEquals(shape, values.load(key));
  }

  @Test
  void valuesWithTheirOwnDigest_areNotTornApart() {
    ValueStorage values = storage(0);
    Blob blob = new Blob(new byte[] {1, 2});
    Digest key = values.save(List.of(blob));
    assertEquals(Set.of(key, Digest.of(blob)), entries());
    Blob back = (Blob) ((List<?>) values.load(key)).get(0);
    assertArrayEquals(new byte[] {1, 2}, back.bytes());
  }

  @Test
  void unmodifiableViews_comeBackUnmodifiable() {
    ValueStorage values = storage(0);
    List<Object> view = Collections.unmodifiableList(new ArrayList<>(List.of(1, List.of(2))));
    Object back = values.load(values.save(view));
    assertEquals(view, back);
    assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) back).add(3));
  }

  @Test
  void load_whenAPartWasEvicted_isAMissNamingTheEntry() {
    ValueStorage values = storage(1);
    Digest key = values.save(List.of(List.of(1), 2));
    backend.evict(Digest.of(List.of(1)));
    NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> values.load(key));
    assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
  }

  @Test
  void negativeDepth_isRejected() {
    StorageBackend<Object> b = new MemoryBackend<>(Copier::copy);
    assertThrows(IllegalArgumentException.class, () -> Storages.values(b, -1));
  }
}
