package io.fleche;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property-based checks of the Merkle property and of determinism, over random nested structures
 * built from seeded {@link Random}s (a failing seed reproduces exactly).
 */
class DigestMerkleTest {

  // --- test types --------------------------------------------------------------------------------

  /** A record whose components can hold a Digest. */
  record Pair(Object left, Object right) {}

  /** A record with typed components (a leaf for the purpose of replacement). */
  record Leaf(int n, String s, double[] xs, Suit suit) {}

  /** A plain object with an Object field that can hold a Digest. */
  static final class Box {
    final Object content;
    final String label;
    transient int scratch;

    Box(Object content, String label) {
      this.content = content;
      this.label = label;
    }
  }

  enum Suit {
    HEARTS,
    SPADES
  }

  // --- random structures -------------------------------------------------------------------------

  static IntStream seeds() {
    return IntStream.range(0, 200);
  }

  static final class Gen {
    final Random r;

    Gen(long seed) {
      r = new Random(seed);
    }

    /** A structure whose root is a container (most of the time one that can hold a Digest). */
    Object root(int depth) {
      return container(depth);
    }

    Object value(int depth) {
      if (depth <= 0 || r.nextInt(10) < 4) {
        return scalar();
      }
      return container(depth);
    }

    Object container(int depth) {
      int n = r.nextInt(5);
      switch (r.nextInt(11)) {
        case 0:
          {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < n; i++) l.add(value(depth - 1));
            return l;
          }
        case 1:
          {
            List<Object> l = new LinkedList<>();
            for (int i = 0; i < n; i++) l.add(value(depth - 1));
            return Collections.unmodifiableList(l);
          }
        case 2:
          return stringKeyed(new HashMap<>(), n, depth);
        case 3:
          return stringKeyed(new TreeMap<>(), n, depth);
        case 4:
          return stringKeyed(new LinkedHashMap<>(), n, depth);
        case 5:
          {
            Set<Object> s = new HashSet<>();
            for (int i = 0; i < n; i++) s.add(value(depth - 1));
            return s;
          }
        case 6:
          {
            Object x = value(depth - 1);
            return x == null || r.nextInt(4) == 0 ? Optional.empty() : Optional.of(x);
          }
        case 7:
          {
            Object[] a = new Object[n];
            for (int i = 0; i < n; i++) a[i] = value(depth - 1);
            return a;
          }
        case 8:
          return new Pair(value(depth - 1), value(depth - 1));
        case 9:
          return new Box(value(depth - 1), string());
        default:
          return Arrays.asList(value(depth - 1), value(depth - 1));
      }
    }

    private Map<String, Object> stringKeyed(Map<String, Object> m, int n, int depth) {
      for (int i = 0; i < n; i++) {
        m.put(string(), value(depth - 1));
      }
      return m;
    }

    Object scalar() {
      switch (r.nextInt(24)) {
        case 0:
          return null;
        case 1:
          return r.nextBoolean();
        case 2:
          return (byte) r.nextInt();
        case 3:
          return (short) r.nextInt();
        case 4:
          return r.nextInt(3) == 0 ? r.nextInt(3) - 1 : r.nextInt();
        case 5:
          return r.nextLong();
        case 6:
          return (char) r.nextInt(0x10000);
        case 7:
          return r.nextInt(3) == 0 ? Float.intBitsToFloat(r.nextInt()) : r.nextFloat();
        case 8:
          return dbl();
        case 9:
        case 10:
          return string();
        case 11:
          return new BigInteger(r.nextInt(200), r).subtract(BigInteger.TEN.pow(20));
        case 12:
          return new BigDecimal(new BigInteger(r.nextInt(80), r), r.nextInt(21) - 10);
        case 13:
          return new UUID(r.nextLong(), r.nextLong());
        case 14:
          return Suit.values()[r.nextInt(2)];
        case 15:
          return r.nextBoolean()
              ? Instant.ofEpochSecond(r.nextInt(), r.nextInt(1_000_000_000))
              : LocalDate.ofEpochDay(r.nextInt(100_000));
        case 16:
          return List.of(String.class, int[].class, Map.class).get(r.nextInt(3));
        case 17:
          {
            byte[] b = new byte[32];
            r.nextBytes(b);
            return Digest.fromBytes(b);
          }
        case 18:
          return new Leaf(r.nextInt(), string(), doubles(r.nextInt(4)), Suit.SPADES);
        case 19:
          {
            int rows = r.nextInt(3);
            int[][] m = new int[rows][];
            int cols = r.nextInt(3);
            for (int i = 0; i < rows; i++) {
              m[i] = new int[r.nextInt(4) == 0 ? cols + 1 : cols]; // sometimes jagged
              for (int j = 0; j < m[i].length; j++) m[i][j] = r.nextInt();
            }
            return m;
          }
        default:
          return primitiveArray();
      }
    }

    double dbl() {
      switch (r.nextInt(5)) {
        case 0:
          return List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE)
              .get(r.nextInt(5));
        case 1:
          return Double.longBitsToDouble(r.nextLong());
        default:
          return r.nextDouble() * 1e6 - 5e5;
      }
    }

    double[] doubles(int n) {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) d[i] = dbl();
      return d;
    }

    String string() {
      int n = r.nextInt(6);
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < n; i++) {
        switch (r.nextInt(6)) {
          case 0:
            s.append((char) (0x80 + r.nextInt(0x780)));
            break;
          case 1:
            s.append((char) (0x800 + r.nextInt(0xD000)));
            break;
          case 2:
            s.appendCodePoint(0x10000 + r.nextInt(0x100000));
            break;
          case 3:
            s.append((char) (0xD800 + r.nextInt(0x800))); // an unpaired surrogate, usually
            break;
          default:
            s.append((char) (0x20 + r.nextInt(0x5F)));
        }
      }
      return s.toString();
    }

    Object primitiveArray() {
      int n = r.nextInt(6);
      switch (r.nextInt(8)) {
        case 0:
          {
            boolean[] a = new boolean[n];
            for (int i = 0; i < n; i++) a[i] = r.nextBoolean();
            return a;
          }
        case 1:
          {
            byte[] a = new byte[n];
            r.nextBytes(a);
            return a;
          }
        case 2:
          {
            short[] a = new short[n];
            for (int i = 0; i < n; i++) a[i] = (short) r.nextInt();
            return a;
          }
        case 3:
          {
            char[] a = new char[n];
            for (int i = 0; i < n; i++) a[i] = (char) r.nextInt();
            return a;
          }
        case 4:
          return r.ints(n).toArray();
        case 5:
          return r.longs(n).toArray();
        case 6:
          {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) a[i] = Float.intBitsToFloat(r.nextInt());
            return a;
          }
        default:
          return doubles(n);
      }
    }
  }

  // --- replacing a slot by its digest ------------------------------------------------------------

  /** One step down into a container slot that can hold a {@link Digest}. */
  record Step(String kind, Object key) {}

  /** Every path to a slot (at any depth) whose content could be replaced by its digest. */
  static List<List<Step>> slots(Object v) {
    List<List<Step>> out = new ArrayList<>();
    collect(v, new ArrayList<>(), out);
    return out;
  }

  private static void collect(Object v, List<Step> path, List<List<Step>> out) {
    if (v instanceof List) {
      List<?> l = (List<?>) v;
      for (int i = 0; i < l.size(); i++) {
        into(l.get(i), path, new Step("list", i), out);
      }
    } else if (v instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        into(e.getValue(), path, new Step("mapValue", e.getKey()), out);
        into(e.getKey(), path, new Step("mapKey", e.getKey()), out);
      }
    } else if (v instanceof Set) {
      for (Object x : (Set<?>) v) {
        into(x, path, new Step("set", x), out);
      }
    } else if (v != null && v.getClass() == Object[].class) { // int[][] cannot hold a Digest
      Object[] a = (Object[]) v;
      for (int i = 0; i < a.length; i++) {
        into(a[i], path, new Step("array", i), out);
      }
    } else if (v instanceof Optional && ((Optional<?>) v).isPresent()) {
      into(((Optional<?>) v).get(), path, new Step("optional", null), out);
    } else if (v instanceof Pair) {
      into(((Pair) v).left(), path, new Step("left", null), out);
      into(((Pair) v).right(), path, new Step("right", null), out);
    } else if (v instanceof Box) {
      into(((Box) v).content, path, new Step("box", null), out);
    }
  }

  private static void into(Object child, List<Step> path, Step step, List<List<Step>> out) {
    List<Step> p = new ArrayList<>(path);
    p.add(step);
    out.add(p);
    collect(child, p, out);
  }

  /** A copy of {@code v} with the slot at {@code path} replaced by {@code f(slot content)}. */
  static Object replace(Object v, List<Step> path, int at, UnaryOperator<Object> f) {
    if (at == path.size()) {
      return f.apply(v);
    }
    Step s = path.get(at);
    switch (s.kind()) {
      case "list":
        {
          List<Object> l = new ArrayList<>((List<?>) v);
          int i = (Integer) s.key();
          l.set(i, replace(l.get(i), path, at + 1, f));
          return l;
        }
      case "mapValue":
        {
          Map<Object, Object> m = new LinkedHashMap<>((Map<?, ?>) v);
          m.put(s.key(), replace(m.get(s.key()), path, at + 1, f));
          return m;
        }
      case "mapKey":
        {
          Map<Object, Object> m = new LinkedHashMap<>();
          for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            Object k = e.getKey() == s.key() ? replace(e.getKey(), path, at + 1, f) : e.getKey();
            m.put(k, e.getValue());
          }
          return m;
        }
      case "set":
        {
          Set<Object> out = new HashSet<>();
          for (Object x : (Set<?>) v) {
            out.add(x == s.key() ? replace(x, path, at + 1, f) : x);
          }
          return out;
        }
      case "array":
        {
          Object[] a = ((Object[]) v).clone();
          int i = (Integer) s.key();
          a[i] = replace(a[i], path, at + 1, f);
          return a;
        }
      case "optional":
        return Optional.of(replace(((Optional<?>) v).get(), path, at + 1, f));
      case "left":
        return new Pair(replace(((Pair) v).left(), path, at + 1, f), ((Pair) v).right());
      case "right":
        return new Pair(((Pair) v).left(), replace(((Pair) v).right(), path, at + 1, f));
      case "box":
        return new Box(replace(((Box) v).content, path, at + 1, f), ((Box) v).label);
      default:
        throw new AssertionError(s);
    }
  }

  // --- the properties ----------------------------------------------------------------------------

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void digestOf_subValueReplacedByItsDigest_isUnchanged(int seed) {
    Random pick = new Random(~seed);
    Object value = new Gen(seed).root(4);
    Digest expected = Digest.of(value);
    List<List<Step>> slots = slots(value);
    if (slots.isEmpty()) {
      assertEquals(expected, Digest.of(Digest.of(value)), "the value itself");
      return;
    }
    // one slot at a time, anywhere
    for (int k = 0; k < 3; k++) {
      List<Step> path = slots.get(pick.nextInt(slots.size()));
      Object replaced = replace(value, path, 0, Digest::of);
      assertNotSame(value, replaced);
      assertEquals(expected, Digest.of(replaced), () -> "replacing at " + path);
    }
    // several replacements accumulated in one structure
    Object accumulated = value;
    for (int k = 0; k < 4; k++) {
      List<List<Step>> now = slots(accumulated);
      if (now.isEmpty()) {
        break;
      }
      List<Step> path = now.get(pick.nextInt(now.size()));
      accumulated = replace(accumulated, path, 0, Digest::of);
      assertEquals(expected, Digest.of(accumulated), "after replacing at " + path);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void digestOf_subValueReplacedByAnotherDigest_changes(int seed) {
    Object value = new Gen(seed).root(4);
    List<List<Step>> slots = slots(value);
    if (slots.isEmpty()) {
      return;
    }
    List<Step> path = slots.get(new Random(seed * 31L).nextInt(slots.size()));
    Digest other = Digest.of(List.of("something else", seed));
    Object replaced = replace(value, path, 0, x -> other);
    assertNotEquals(Digest.of(value), Digest.of(replaced), () -> "replacing at " + path);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void digestOf_sameStructureBuiltTwice_isEqual(int seed) {
    Object a = new Gen(seed).root(4);
    Object b = new Gen(seed).root(4);
    assertEquals(Digest.of(a), Digest.of(b));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void digestOf_mapImplementationsAndInsertionOrders_areEqual(int seed) {
    Gen g = new Gen(seed);
    Set<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i < 4; i++) {
      distinct.add(g.string());
    }
    distinct.add("k" + seed);
    List<String> keys = new ArrayList<>(distinct);
    Map<String, Object> values = new HashMap<>();
    for (String k : keys) {
      values.put(k, g.value(2));
    }
    Map<String, Object> hash = new HashMap<>(values);
    Map<String, Object> tree = new TreeMap<>(Comparator.reverseOrder());
    tree.putAll(values);
    Map<String, Object> linked = new LinkedHashMap<>();
    Collections.shuffle(keys, g.r);
    keys.forEach(k -> linked.put(k, values.get(k)));
    Map<String, Object> linkedReversed = new LinkedHashMap<>();
    for (int i = keys.size() - 1; i >= 0; i--) {
      linkedReversed.put(keys.get(i), values.get(keys.get(i)));
    }
    List<String> order = new ArrayList<>(linked.keySet());
    Collections.reverse(order);
    assertEquals(order, new ArrayList<>(linkedReversed.keySet()), "insertion orders differ");
    Digest d = Digest.of(hash);
    assertEquals(d, Digest.of(tree), "TreeMap");
    assertEquals(d, Digest.of(linked), "LinkedHashMap");
    assertEquals(d, Digest.of(linkedReversed), "LinkedHashMap, reversed");
    assertEquals(d, Digest.of(Collections.unmodifiableMap(linked)), "unmodifiable");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void digestOf_setIterationOrder_isIrrelevant(int seed) {
    Gen g = new Gen(seed);
    List<Object> elements = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      elements.add(g.value(2));
    }
    Set<Object> forward = new LinkedHashSet<>(elements);
    List<Object> reversed = new ArrayList<>(elements);
    Collections.reverse(reversed);
    Set<Object> backward = new LinkedHashSet<>(reversed);
    Set<Object> hashed = new HashSet<>(elements);
    Set<Object> big = new HashSet<>(4096);
    big.addAll(reversed);
    Digest d = Digest.of(forward);
    assertEquals(d, Digest.of(backward), "reversed insertion");
    assertEquals(d, Digest.of(hashed), "HashSet");
    assertEquals(d, Digest.of(big), "HashSet with another capacity");
  }

  @Test
  void digestOf_setsWithDifferentIterationOrder_areEqual() {
    List<String> words = List.of("pear", "apple", "fig", "kiwi", "banana", "cherry", "date");
    Set<String> natural = new TreeSet<>(words);
    Set<String> reversed = new TreeSet<>(Comparator.reverseOrder());
    reversed.addAll(words);
    assertNotEquals(List.copyOf(natural), List.copyOf(reversed), "iteration orders differ");
    assertEquals(Digest.of(natural), Digest.of(reversed));
    assertEquals(Digest.of(natural), Digest.of(Set.copyOf(words)));
    assertEquals(Digest.of(natural), Digest.of(new HashSet<>(words)));
  }

  @Test
  void digestOf_listImplementations_areEqual() {
    Digest d = Digest.of(List.of(1, "a", 2.0));
    assertEquals(d, Digest.of(new ArrayList<>(List.of(1, "a", 2.0))));
    assertEquals(d, Digest.of(new LinkedList<>(List.of(1, "a", 2.0))));
    assertEquals(d, Digest.of(Arrays.asList(1, "a", 2.0)));
    assertEquals(d, Digest.of(Collections.unmodifiableList(new ArrayList<>(List.of(1, "a", 2.0)))));
    assertEquals(d, Digest.of(List.of(0, 1, "a", 2.0, 3).subList(1, 4)));
  }

  @Test
  void digestOf_digestOfDigest_isTheDigest() {
    Digest d = Digest.of(List.of(1, 2));
    assertEquals(d, Digest.of(d));
    assertEquals(Digest.of(Map.of("xs", List.of(1, 2))), Digest.of(Map.of("xs", d)));
    assertEquals(
        Digest.of(Optional.of(new int[] {1, 2})),
        Digest.of(Optional.of(Digest.of(new int[] {1, 2}))));
  }

  @Test
  void digestOf_sharedSubstructure_isNotACycle() {
    List<Object> shared = new ArrayList<>(List.of(1, 2));
    Pair p = new Pair(shared, shared);
    Object[] twice = {p, p, shared};
    assertEquals(
        Digest.of(
            new Object[] {
              new Pair(List.of(1, 2), List.of(1, 2)),
              new Pair(List.of(1, 2), List.of(1, 2)),
              List.of(1, 2)
            }),
        Digest.of(twice));
  }

  @Test
  void generator_coversEveryKindOfValue() {
    // guards against a generator that silently stopped producing some arms
    Set<String> kinds = new HashSet<>();
    int deepest = 0;
    int withSlots = 0;
    for (int seed = 0; seed < 200; seed++) {
      Object v = new Gen(seed).root(4);
      walk(v, kinds);
      List<List<Step>> slots = slots(v);
      withSlots += slots.isEmpty() ? 0 : 1;
      for (List<Step> p : slots) {
        deepest = Math.max(deepest, p.size());
      }
    }
    assertEquals(4, deepest, "replacement slots reach the deepest level");
    assertTrue(withSlots > 150, "seeds with a replaceable slot: " + withSlots);
    for (String k :
        List.of(
            "null", "Boolean", "Byte", "Short", "Integer", "Long", "Character", "Float", "Double",
            "String", "BigInteger", "BigDecimal", "UUID", "Suit", "Instant", "LocalDate", "Class",
            "Digest", "Leaf", "int[][]", "boolean[]", "byte[]", "short[]", "char[]", "int[]",
            "long[]", "float[]", "double[]", "ArrayList", "UnmodifiableList", "HashMap",
            "TreeMap", "LinkedHashMap", "HashSet", "Optional",
            "Object[]", "Pair", "Box")) {
      assertTrue(kinds.contains(k), () -> "the generator never produced " + k + ": " + kinds);
    }
    assertTrue(kinds.size() > 35, kinds.toString());
  }

  private static void walk(Object v, Set<String> kinds) {
    kinds.add(v == null ? "null" : v.getClass().getSimpleName());
    if (v instanceof Collection<?>) {
      ((Collection<?>) v).forEach(x -> walk(x, kinds));
    } else if (v instanceof Map) {
      ((Map<?, ?>) v).values().forEach(x -> walk(x, kinds));
    } else if (v instanceof Object[]) {
      for (Object x : (Object[]) v) walk(x, kinds);
    } else if (v instanceof Optional) {
      ((Optional<?>) v).ifPresent(x -> walk(x, kinds));
    } else if (v instanceof Pair) {
      walk(((Pair) v).left(), kinds);
      walk(((Pair) v).right(), kinds);
    } else if (v instanceof Box) {
      walk(((Box) v).content, kinds);
    }
  }
}
