package io.fleche.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.fleche.Digest;
import java.lang.reflect.Method;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Checks that the benchmarks run and that each baseline does the SHA-256 work Fleche does: as
 * many messages, of the same sizes, in the same order.
 */
class DigestBenchmarkTest {
  private static final DigestBenchmark.SmallValues SMALL = new DigestBenchmark.SmallValues();
  private static final DigestBenchmark.LargeArray LARGE = new DigestBenchmark.LargeArray();

  static {
    SMALL.setUp();
    LARGE.setUp();
  }

  /** The int case by hand: the baseline's single 13-byte message is exactly Fleche's encoding. */
  @Test
  void intEncodingIsOneThirteenByteMessage() throws Exception {
    byte[] encoded = {0x04, 4, 0, 0, 0, 0, 0, 0, 0, 42, 0, 0, 0}; // tag, length, 42 little-endian
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(encoded);
    assertArrayEquals(sha, Digest.of(42).toBytes());
    assertArrayEquals(new int[] {encoded.length}, SMALL.intWork.messageSizes());
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("int", SMALL.boxedInt, SMALL.intWork),
        Arguments.of("string16", SMALL.text, SMALL.textWork),
        Arguments.of("bytes1k", SMALL.bytes, SMALL.bytesWork),
        Arguments.of("record5", SMALL.record, SMALL.recordWork),
        Arguments.of("list1000", SMALL.list, SMALL.listWork),
        Arguments.of("map100", SMALL.map, SMALL.mapWork),
        Arguments.of("doubles64m", LARGE.doubles, LARGE.sameShaWork));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sameShaWorkBaselineHashesTheMessagesFlecheHashes(String name, Object value, ShaWork work)
      throws Exception {
    ReferenceEncoder reference = new ReferenceEncoder();
    Digest expected = Digest.fromBytes(reference.digest(value));
    assertEquals(expected, Digest.of(value), "the reference encoding agrees with Fleche");
    assertArrayEquals(reference.messageSizes(), work.messageSizes());
  }

  @Test
  void oneShaBaselineHashesTheArrayElementsOnce() {
    assertEquals(LARGE.doubles.length * Double.BYTES, DigestBenchmark.LargeArray.BYTES);
    assertArrayEquals(
        new int[] {DigestBenchmark.LargeArray.BYTES}, LARGE.oneShaWork.messageSizes());
  }

  /**
   * Every benchmark returns a result, and is named {@code <case>_fleche} or {@code
   * <case>_baseline_<kind>} with both kinds present for every case (the result table relies on
   * it).
   */
  @Test
  void everyBenchmarkReturnsADigestAndHasACounterpart() throws Exception {
    DigestBenchmark benchmark = new DigestBenchmark();
    Map<String, Set<String>> kindsByCase = new TreeMap<>();
    for (Method m : DigestBenchmark.class.getDeclaredMethods()) {
      if (!m.isAnnotationPresent(Benchmark.class)) {
        continue;
      }
      Object state =
          m.getParameterTypes()[0] == DigestBenchmark.LargeArray.class ? LARGE : SMALL;
      Object result = m.invoke(benchmark, state);
      assertNotNull(result, m.getName());
      String[] parts = m.getName().split("_", 3);
      kindsByCase.computeIfAbsent(parts[0], c -> new TreeSet<>()).add(parts[1]);
      if (parts[1].equals("fleche")) {
        assertInstanceOf(Digest.class, result, m.getName());
      } else {
        assertEquals("baseline", parts[1], m.getName());
        assertEquals(3, parts.length, m.getName());
        assertEquals(Digest.BYTES, ((byte[]) result).length, m.getName());
      }
    }
    assertEquals(
        Set.of("int", "string16", "bytes1k", "record5", "list1000", "map100", "doubles64m"),
        kindsByCase.keySet());
    kindsByCase.forEach((c, kinds) -> assertEquals(Set.of("fleche", "baseline"), kinds, c));
  }
}
