package io.fleche.benchmarks;

import static io.fleche.benchmarks.ShaWork.node;
import static io.fleche.benchmarks.ShaWork.text;

import io.fleche.Digest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of {@link Digest#of(Object)} for typical values, each next to a baseline of bare
 * SHA-256 work ({@link ShaWork}) measured in the same run.
 *
 * <p>Benchmarks are named {@code <case>_fleche} and {@code <case>_baseline_<kind>}, so that each
 * case's pair sorts together in JMH's output. A {@code sameShaWork} baseline makes as many SHA-256
 * computations as Fleche's encoding ({@link io.fleche.DigestFormat}) does for that value, over
 * messages of the same sizes: every node is hashed as a tag byte, an 8-byte length and its
 * content, and a container's content holds its children's 32-byte digests, each child being a
 * node hashed on its own. Fleche's overhead over SHA-256 is then the ratio of the two.
 *
 * <p>For the 64 MiB {@code double[]}, whose elements Fleche hashes in 256 KiB chunks in parallel,
 * there are two baselines: one SHA-256 pass over 64 MiB ({@code oneSha}), and the same chunked
 * work done sequentially ({@code sameShaWork}). On a machine with more than one core Fleche may
 * beat both.
 *
 * <p>Build and run from the repository root (the options repeat the defaults annotated here,
 * which are the settings for published figures):
 *
 * <pre>
 * mvn -B -q -pl fleche-api,fleche-benchmarks -am package
 * java -jar fleche-benchmarks/target/benchmarks.jar DigestBenchmark \
 *     -f 1 -wi 3 -i 5 -w 2s -r 2s -rf json -rff fleche-benchmarks/target/jmh-digest.json
 * </pre>
 *
 * or {@code fleche-benchmarks/run-digest-benchmarks.sh}, which does both and prints a Markdown
 * table of the results.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DigestBenchmark {

  /** The record case: five components of different kinds. */
  public record Sample(int id, long timestamp, double value, String label, boolean flag) {}

  /** The small values, built once per fork, and the bare SHA-256 work each one costs Fleche. */
  @State(Scope.Thread)
  public static class SmallValues {
    Integer boxedInt;
    String text;
    byte[] bytes;
    Sample record;
    List<Integer> list;
    Map<String, Integer> map;

    ShaWork intWork;
    ShaWork textWork;
    ShaWork bytesWork;
    ShaWork recordWork;
    ShaWork listWork;
    ShaWork mapWork;

    @Setup
    public void setUp() {
      SplittableRandom random = new SplittableRandom(42);

      // Integer: one node of 4 content bytes.
      boxedInt = 123_456_789;
      intWork = ShaWork.builder().add(node(4)).build();

      // String: one node of its WTF-8 bytes.
      text = "fleche-bench-key";
      textWork = ShaWork.builder().add(node(text(text))).build();

      // byte[]: one array node (code, rank, length, elements); 1 KiB is below the chunk size.
      bytes = new byte[1024];
      random.nextBytes(bytes);
      ShaWork.Builder bytesPlan = ShaWork.builder();
      ShaWork.primitiveArray(bytesPlan, bytes.length);
      bytesWork = bytesPlan.build();

      // Record: a node per component, then the record node (class name, a zero byte, the
      // component digests).
      record = new Sample(7, 1_764_115_200_000L, 2.718281828, "sample-label", true);
      recordWork =
          ShaWork.builder()
              .add(node(4)) // int
              .add(node(8)) // long
              .add(node(8)) // double
              .add(node(text(record.label())))
              .add(node(1)) // boolean
              .add(node(text(Sample.class.getName()) + 1 + 5 * Digest.BYTES))
              .build();

      // List: a node per element, then the list node of the element digests.
      list = new ArrayList<>(1000);
      for (int i = 0; i < 1000; i++) {
        list.add(random.nextInt());
      }
      listWork =
          ShaWork.builder()
              .add(list.size(), node(4))
              .add(node((long) list.size() * Digest.BYTES))
              .build();

      // Map: a node per key and per value, then the map node of the (key, value) digest pairs.
      map = new HashMap<>();
      ShaWork.Builder mapPlan = ShaWork.builder();
      for (int i = 0; i < 100; i++) {
        String key = String.format(Locale.ROOT, "key-%03d", i);
        map.put(key, random.nextInt());
        mapPlan.add(node(text(key))).add(node(4));
      }
      mapWork = mapPlan.add(node((long) map.size() * 2 * Digest.BYTES)).build();
    }
  }

  /** The 64 MiB {@code double[]}, built once per fork, and its two baselines. */
  @State(Scope.Thread)
  public static class LargeArray {
    /** Bytes of elements in the array: 64 MiB. */
    static final int BYTES = 64 << 20;

    double[] doubles;
    ShaWork oneShaWork;
    ShaWork sameShaWork;

    @Setup
    public void setUp() {
      SplittableRandom random = new SplittableRandom(64);
      doubles = new double[BYTES / Double.BYTES];
      for (int i = 0; i < doubles.length; i++) {
        doubles[i] = random.nextDouble();
      }
      oneShaWork = ShaWork.builder().add(BYTES).build();
      ShaWork.Builder plan = ShaWork.builder();
      ShaWork.primitiveArray(plan, BYTES);
      sameShaWork = plan.build();
    }
  }

  /** {@code Integer}: one SHA-256 of 13 bytes. */
  @Benchmark
  public Digest int_fleche(SmallValues s) {
    return Digest.of(s.boxedInt);
  }

  @Benchmark
  public byte[] int_baseline_sameShaWork(SmallValues s) {
    return s.intWork.run();
  }

  /** 16-character ASCII {@code String}: one SHA-256 of 25 bytes. */
  @Benchmark
  public Digest string16_fleche(SmallValues s) {
    return Digest.of(s.text);
  }

  @Benchmark
  public byte[] string16_baseline_sameShaWork(SmallValues s) {
    return s.textWork.run();
  }

  /** {@code byte[1024]}: one SHA-256 of 1,043 bytes. */
  @Benchmark
  public Digest bytes1k_fleche(SmallValues s) {
    return Digest.of(s.bytes);
  }

  @Benchmark
  public byte[] bytes1k_baseline_sameShaWork(SmallValues s) {
    return s.bytesWork.run();
  }

  /**
   * Record of five components: five SHA-256 of 13, 17, 17, 21 and 10 bytes, then one of 213 (the
   * header, the 43-byte class name, a zero byte, five component digests).
   */
  @Benchmark
  public Digest record5_fleche(SmallValues s) {
    return Digest.of(s.record);
  }

  @Benchmark
  public byte[] record5_baseline_sameShaWork(SmallValues s) {
    return s.recordWork.run();
  }

  /** {@code List} of 1,000 {@code Integer}s: 1,000 SHA-256 of 13 bytes, then one of 32,009. */
  @Benchmark
  public Digest list1000_fleche(SmallValues s) {
    return Digest.of(s.list);
  }

  @Benchmark
  public byte[] list1000_baseline_sameShaWork(SmallValues s) {
    return s.listWork.run();
  }

  /**
   * {@code Map} of 100 {@code String} (7 characters) to {@code Integer} entries: 100 SHA-256 of 16
   * bytes, 100 of 13, then one of 6,409.
   */
  @Benchmark
  public Digest map100_fleche(SmallValues s) {
    return Digest.of(s.map);
  }

  @Benchmark
  public byte[] map100_baseline_sameShaWork(SmallValues s) {
    return s.mapWork.run();
  }

  /**
   * {@code double[]} of 64 MiB: 256 chunk nodes of 262,153 bytes hashed in parallel (on the
   * common fork-join pool), then one of 8,211.
   */
  @Benchmark
  public Digest doubles64m_fleche(LargeArray s) {
    return Digest.of(s.doubles);
  }

  /** One SHA-256 pass over 64 MiB: what hashing the array without chunking would cost. */
  @Benchmark
  public byte[] doubles64m_baseline_oneSha(LargeArray s) {
    return s.oneShaWork.run();
  }

  /**
   * Fleche's 257 SHA-256 computations for the 64 MiB array, sequentially on one thread. The 256
   * chunk messages share one buffer, which stays in cache, whereas Fleche reads the array from
   * memory and converts its elements to little-endian bytes.
   */
  @Benchmark
  public byte[] doubles64m_baseline_sameShaWork(LargeArray s) {
    return s.sameShaWork.run();
  }
}
