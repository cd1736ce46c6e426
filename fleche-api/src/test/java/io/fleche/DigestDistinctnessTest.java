package io.fleche;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Values that are different must digest differently, even when their bytes look alike. */
class DigestDistinctnessTest {

  record Coord(int x, int y) {}

  static final class CoordClass {
    final int x;
    final int y;

    CoordClass(int x, int y) {
      this.x = x;
      this.y = y;
    }
  }

  record OtherCoord(int x, int y) {}

  enum Letter {
    A
  }

  enum OtherLetter {
    A
  }

  /** Asserts the digests of all the values are pairwise distinct. */
  private static void assertAllDistinct(Object... values) {
    Map<Digest, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      Integer before = seen.put(Digest.of(values[i]), i);
      if (before != null) {
        throw new AssertionError(
            "values #" + before + " and #" + i + " have the same digest: " + show(values[before])
                + " and " + show(values[i]));
      }
    }
  }

  private static String show(Object v) {
    if (v == null) return "null";
    String s = v.getClass().isArray() ? Arrays.deepToString(new Object[] {v}) : v.toString();
    return v.getClass().getName() + " " + s;
  }

  @Test
  void digestOf_collectionKindsWithSameElements_differ() {
    assertAllDistinct(
        List.of(1, 2),
        Set.of(1, 2),
        new int[] {1, 2},
        new long[] {1, 2},
        new Object[] {1, 2},
        new Integer[] {1, 2},
        Map.of(1, 2),
        new Coord(1, 2),
        Optional.of(List.of(1, 2)),
        new short[] {1, 2},
        new byte[] {1, 2});
  }

  @Test
  void digestOf_oneInEveryScalarType_differs() {
    assertAllDistinct(
        1, 1L, 1.0, 1.0f, (short) 1, (byte) 1, '1', "1", true, BigInteger.ONE, BigDecimal.ONE,
        (char) 1, new int[] {1}, List.of(1), Optional.of(1));
  }

  @Test
  void digestOf_zeroAndEmptyInEveryType_differ() {
    assertAllDistinct(
        null, 0, 0L, 0.0, 0.0f, (short) 0, (byte) 0, '\0', "", false, BigInteger.ZERO,
        BigDecimal.ZERO, new byte[0], new int[0], new Object[0], List.of(), Set.of(), Map.of(),
        Optional.empty(), new int[0][0], new int[0][0][0]);
  }

  @Test
  void digestOf_emptyStringEmptyBytesNullEmptyList_differ() {
    assertAllDistinct("", new byte[0], null, List.of());
  }

  @Test
  void digestOf_recordAndPlainClassWithSameFields_differ() {
    assertAllDistinct(new Coord(1, 2), new CoordClass(1, 2), new OtherCoord(1, 2));
    assertNotEquals(Digest.of(Letter.A), Digest.of(OtherLetter.A));
    assertNotEquals(Digest.of(Letter.A), Digest.of("A"));
  }

  @Test
  void digestOf_arraysOfSameElementsInDifferentShapes_differ() {
    assertAllDistinct(
        new int[][] {{1, 2}, {3, 4}},
        new int[] {1, 2, 3, 4},
        new int[][] {{1}, {2}, {3}, {4}},
        new int[][] {{1, 2, 3, 4}},
        new int[][][] {{{1, 2}, {3, 4}}},
        new int[][] {{1, 2}, {3}, {4}}, // jagged
        new Object[] {new int[] {1, 2}, new int[] {3, 4}});
    // the same shape, other element types
    assertAllDistinct(
        new int[][] {{1, 2}}, new long[][] {{1, 2}}, new short[][] {{1, 2}}, new byte[][] {{1, 2}});
    // empty arrays of different shapes and ranks
    assertAllDistinct(new int[0][5], new int[5][0], new int[0], new int[0][0][0], new int[1][0]);
  }

  @Test
  void digestOf_equalArraysOfEqualShape_areEqual() {
    assertEquals(Digest.of(new int[0][]), Digest.of(new int[0][0]));
    assertEquals(Digest.of(new int[0][5]), Digest.of(new int[0][7]), "no rows: inner size unknown");
    assertEquals(Digest.of(new int[][] {{1, 2}, {3, 4}}), Digest.of(new int[][] {{1, 2}, {3, 4}}));
  }

  @Test
  void digestOf_stringsDifferingOnlyByUnpairedSurrogateOrReplacement_differ() {
    // a naive getBytes(UTF_8) would turn every unpaired surrogate into '?'
    assertAllDistinct("a\uD800b", "a?b", "a\uDC00b", "a\uFFFDb", "ab", "a\uD800\uDC00b");
    assertAllDistinct("\uD800", "\uDBFF", "\uDC00", "\uDFFF", "?");
    // a reversed pair is two unpaired surrogates, not the pair
    assertAllDistinct("\uD83D\uDE00", "\uDE00\uD83D");
  }

  @Test
  void digestOf_stringsWhoseConcatenationsCoincide_differInContainers() {
    assertAllDistinct(
        List.of("ab", "c"), List.of("a", "bc"), List.of("abc"), List.of("a", "b", "c"));
    assertAllDistinct(Map.of("ab", "c"), Map.of("a", "bc"));
  }

  @Test
  void digestOf_floatingPointSpecials_followEquals() {
    assertAllDistinct(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    assertAllDistinct(0.0f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
    // one canonical NaN, as in Double.equals
    double otherNaN = Double.longBitsToDouble(0xfff8000000000123L);
    assertEquals(Double.valueOf(Double.NaN), Double.valueOf(otherNaN));
    assertEquals(Digest.of(Double.NaN), Digest.of(otherNaN));
    assertEquals(Digest.of(new double[] {Double.NaN}), Digest.of(new double[] {otherNaN}));
    assertEquals(Digest.of(Float.NaN), Digest.of(Float.intBitsToFloat(0xffc00001)));
  }

  @Test
  void digestOf_bigDecimalsWithDifferentScale_differ() {
    assertAllDistinct(
        new BigDecimal("1.0"), new BigDecimal("1.00"), new BigDecimal("1"), BigInteger.ONE);
    assertAllDistinct(new BigDecimal("10"), new BigDecimal("1E+1"));
  }

  @Test
  void digestOf_classesAndTheirNames_differ() {
    assertAllDistinct(String.class, "java.lang.String", int.class, Integer.class, int[].class);
  }

  @Test
  void digestOf_mapAndListOfPairs_differ() {
    assertAllDistinct(
        Map.of("a", 1), List.of("a", 1), List.of(List.of("a", 1)), Set.of("a", 1), Map.of(1, "a"));
  }

  @Test
  void digestOf_mapsWithSwappedValues_differ() {
    Map<String, Integer> m1 = new HashMap<>(Map.of("a", 1, "b", 2));
    Map<String, Integer> m2 = new HashMap<>(Map.of("a", 2, "b", 1));
    assertNotEquals(Digest.of(m1), Digest.of(m2));
  }

  @Test
  void digestOf_nullElementsAndMissingElements_differ() {
    assertAllDistinct(
        List.of(), Arrays.asList((Object) null), Arrays.asList(null, null), Optional.empty());
    List<Object> withNull = new ArrayList<>();
    withNull.add(null);
    assertEquals(Digest.of(Arrays.asList((Object) null)), Digest.of(withNull));
  }
}
