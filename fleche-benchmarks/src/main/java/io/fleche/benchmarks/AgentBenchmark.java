package io.fleche.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.fleche.Digest;
import io.fleche.Fleches;
import io.fleche.caches.Caches;
import io.fleche.storages.Storages;
import java.util.HashMap;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of calling a {@code @Fleche} method through the agent, on the in-memory cache, next to
 * baselines measured in the same run: the hit of a small function cycling over 1,000 distinct
 * argument pairs, the hit of a function of a {@code double[10_000]}, and the miss of a cheap
 * function. The memoized methods are in {@link Memoized}.
 *
 * <p>Benchmarks are named {@code <case>_fleche[_<variant>]} and {@code <case>_baseline_<kind>}:
 *
 * <ul>
 *   <li>{@code hit}: {@link Memoized#f(int, String)}, every call a hit, the arguments cycling over
 *       {@value #PAIRS} distinct pairs (one per invocation, so no single hot key). {@code
 *       hit_fleche} runs with Fleche's defaults: the keys of calls whose arguments are immutable
 *       values are remembered by value equality, so a repeated call is not digested again.
 *       {@code hit_fleche_digestPath} runs in a JVM started with {@code
 *       -Dfleche.rememberKeys=false}: every call digests its arguments and looks the key up in the
 *       in-memory storage. Baselines: the undecorated body ({@code direct}), a {@code HashMap} memo
 *       keyed by a record of the two arguments ({@code hashMapMemo}), and a size-bounded Caffeine
 *       loading cache with the same key ({@code caffeine}); both memos are filled in set-up, so
 *       they are hits too.
 *   <li>{@code arrayHit}: {@link Memoized#total(double[])}, every call a hit, cycling over {@value
 *       #ARRAYS} distinct arrays of {@value #ARRAY_LENGTH} doubles. An array is mutable, so its key
 *       is never remembered: each hit digests the array. Baseline: {@link Digest#of} of the same
 *       array ({@code digest}).
 *   <li>{@code miss}: {@link Memoized#scramble(long)}, every call a miss. The arguments cycle over
 *       {@value #MISS_PERIOD} values, on an in-memory cache {@link Caches#sizeLimited limited} to
 *       {@value #MISS_RECORDS} call records, the least recently used evicted: a record is long
 *       gone when its argument comes round again, while the memory the benchmark holds stays
 *       bounded (the value storage keeps at most the {@value #MISS_PERIOD} arguments and their
 *       results). A miss costs, besides the body: digesting the argument, the failed lookup (the
 *       in-memory storage signals a missing key with an exception), the single-flight
 *       registration, building the call, the default metadata ({@link
 *       io.fleche.metadata.Runtime}: the clock and the thread's CPU times before and after the
 *       body), {@code prepare} (the argument stored), and the commit (the result and the record
 *       stored, the record tracked for eviction, and the least recently used of the {@value
 *       #MISS_RECORDS} + 1 records evicted). Baseline: the undecorated body ({@code direct});
 *       {@code miss_fleche} minus it is the miss overhead.
 * </ul>
 *
 * <p>Every Fleche case (a {@link FlecheCase}) makes its own in-memory cache active (with {@link
 * Fleches#use}) and checks in set-up that calling its method again with arguments it has seen does
 * not run the body: without the agent it throws an {@link IllegalStateException}. After every
 * iteration it checks that the body ran exactly as often as the case intends (never for the hits,
 * on every call for the miss).
 *
 * <p>The forked JVM must run with the agent, and JMH annotations cannot take its computed path, so
 * it is given on the command line with {@code -jvmArgsPrepend}. Not with {@code -jvmArgsAppend}:
 * that would replace the {@code @Fork(jvmArgsAppend = "-Dfleche.rememberKeys=false")} of {@code
 * hit_fleche_digestPath}, whose set-up checks that the property is in effect (and {@code
 * hit_fleche}'s that it is not). Build and run from the repository root:
 *
 * <pre>
 * mvn -B -q -pl fleche-agent,fleche-benchmarks -am -DskipTests package
 * java -jar fleche-benchmarks/target/benchmarks.jar 'io\.fleche\.benchmarks\.AgentBenchmark\.' \
 *     -jvmArgsPrepend "-javaagent:$PWD/fleche-agent/target/fleche.jar" -foe true \
 *     -f 1 -wi 3 -i 5 -w 2s -r 2s -rf json -rff fleche-benchmarks/target/jmh-agent.json
 * </pre>
 *
 * or {@code fleche-benchmarks/run-agent-benchmarks.sh}, which does both and prints a Markdown
 * table of the results. The run settings ({@code -f} to {@code -r}) repeat the defaults annotated
 * here, the settings for published figures; {@code -foe true} stops the run at a failed set-up
 * check.
 *
 * <p>Classes on two paths: {@code benchmarks.jar} contains {@code fleche-api} and {@code
 * fleche-storage}, and so does {@code fleche.jar}, which {@code -javaagent} appends to the search
 * path of the system class loader, after the class path. That loader takes the first class it
 * finds, so the {@code io.fleche} classes other than the agent's come from {@code benchmarks.jar}
 * and {@code io.fleche.agent} (with its relocated Byte Buddy) from {@code fleche.jar}, all in one
 * loader. This is harmless as both jars come from one reactor build of the same sources: the only
 * difference is that {@code fleche.jar}'s copy of the storage module refers to its relocated
 * Jackson, {@code benchmarks.jar}'s to plain Jackson (also in {@code benchmarks.jar}), and the
 * agent's own classes use neither. The runtime provider ({@code
 * META-INF/services/io.fleche.spi.FlecheProvider}) is only in {@code fleche.jar}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AgentBenchmark {
  /** Distinct argument pairs of the hit case. */
  static final int PAIRS = 1_000;

  /** Distinct arrays of the array case. */
  static final int ARRAYS = 16;

  /** Elements in each array of the array case. */
  static final int ARRAY_LENGTH = 10_000;

  /** Call records the miss case's cache keeps. */
  static final int MISS_RECORDS = 64;

  /** Distinct arguments of the miss case, a power of two: far more than {@link #MISS_RECORDS}. */
  static final int MISS_PERIOD = 1 << 16;

  /** The system property that turns off remembering keys of immutable arguments. */
  static final String REMEMBER_KEYS = "fleche.rememberKeys";

  /** The hit case's arguments: pair {@code i} is {@code PAIR_INTS[i]}, {@code PAIR_STRINGS[i]}. */
  static final int[] PAIR_INTS = new int[PAIRS];

  /** Distinct 16-character ASCII strings, so the pairs are distinct. */
  static final String[] PAIR_STRINGS = new String[PAIRS];

  /** The array case's arguments, pseudo-random doubles. */
  static final double[][] ARGUMENT_ARRAYS = new double[ARRAYS][ARRAY_LENGTH];

  static {
    SplittableRandom random = new SplittableRandom(1_000);
    for (int i = 0; i < PAIRS; i++) {
      PAIR_INTS[i] = random.nextInt();
      PAIR_STRINGS[i] = String.format(Locale.ROOT, "pair-%04d-%06x", i, random.nextInt(1 << 24));
    }
    for (double[] array : ARGUMENT_ARRAYS) {
      for (int j = 0; j < array.length; j++) {
        array[j] = random.nextDouble();
      }
    }
  }

  /** The key of the baseline memos. */
  record Pair(int n, String s) {}

  /** The baselines of the hit case: the memos, filled with every pair. */
  @State(Scope.Thread)
  public static class Baselines {
    final Cursor cursor = new Cursor(PAIRS);
    final HashMap<Pair, Long> hashMapMemo = new HashMap<>();
    final LoadingCache<Pair, Long> caffeine =
        Caffeine.newBuilder().maximumSize(10 * PAIRS).build(p -> Memoized.pairBody(p.n(), p.s()));

    @Setup(Level.Trial)
    public void fill() {
      for (int i = 0; i < PAIRS; i++) {
        hashMapMemo(i);
        caffeine(i);
      }
    }

    long hashMapMemo(int i) {
      return hashMapMemo.computeIfAbsent(
          new Pair(PAIR_INTS[i], PAIR_STRINGS[i]), p -> Memoized.pairBody(p.n(), p.s()));
    }

    long caffeine(int i) {
      return caffeine.get(new Pair(PAIR_INTS[i], PAIR_STRINGS[i]));
    }
  }

  /** {@link Memoized#f}, every pair cached; keys remembered unless {@link #remembersKeys} says. */
  @State(Scope.Thread)
  public static class Hits extends FlecheCase {
    final Cursor cursor = new Cursor(PAIRS);

    public Hits() {
      super("f(int, String)", () -> Memoized.pairRuns, PAIRS, true);
    }

    /** Whether the JVM must run with Fleche's default of remembering keys. */
    boolean remembersKeys() {
      return true;
    }

    @Setup(Level.Trial)
    public void setUp() {
      String property = System.getProperty(REMEMBER_KEYS);
      if ("false".equals(property) == remembersKeys()) {
        throw new IllegalStateException(
            "this benchmark needs -D" + REMEMBER_KEYS + (remembersKeys() ? " unset" : "=false")
                + ", it is " + property
                + " (did -jvmArgsAppend on the command line replace @Fork(jvmArgsAppend)?)");
      }
      activate(Caches.memory());
    }

    @Override
    void callAll() {
      for (int i = 0; i < PAIRS; i++) {
        if (Memoized.f(PAIR_INTS[i], PAIR_STRINGS[i])
            != Memoized.pairBody(PAIR_INTS[i], PAIR_STRINGS[i])) {
          throw new IllegalStateException("f returned a wrong value for pair " + i);
        }
      }
    }

    @Override
    long calls() {
      return cursor.calls;
    }
  }

  /** {@link Hits} in a JVM that digests every call's arguments. */
  @State(Scope.Thread)
  public static class DigestPathHits extends Hits {
    @Override
    boolean remembersKeys() {
      return false;
    }
  }

  /** {@link Memoized#total}, every array cached. */
  @State(Scope.Thread)
  public static class ArrayHits extends FlecheCase {
    final Cursor cursor = new Cursor(ARRAYS);

    public ArrayHits() {
      super("total(double[])", () -> Memoized.arrayRuns, ARRAYS, true);
    }

    @Setup(Level.Trial)
    public void setUp() {
      activate(Caches.memory());
    }

    @Override
    void callAll() {
      for (double[] array : ARGUMENT_ARRAYS) {
        if (Memoized.total(array) != Memoized.arrayBody(array)) {
          throw new IllegalStateException("total returned a wrong value");
        }
      }
    }

    @Override
    long calls() {
      return cursor.calls;
    }
  }

  /** The array case's baseline cycles over the same arrays. */
  @State(Scope.Thread)
  public static class ArrayBaseline {
    final Cursor cursor = new Cursor(ARRAYS);
  }

  /** The arguments of the miss case: 0, 1, ..., {@link #MISS_PERIOD} - 1, 0, ... */
  @State(Scope.Thread)
  public static class MissArguments {
    /** Invocations so far. */
    long calls;

    long next() {
      return calls++ & (MISS_PERIOD - 1);
    }
  }

  /**
   * {@link Memoized#scramble} on a cache of {@value #MISS_RECORDS} records (least recently used
   * evicted), with the default metadata ({@link io.fleche.metadata.Runtime}) made explicit, so
   * that a {@code fleche.toml} cannot change what a miss records.
   */
  @State(Scope.Thread)
  public static class Misses extends FlecheCase {
    /** Outside the measured arguments' cycle: only set-up calls it. */
    private static final long CHECK_ARGUMENT = -1;

    final MissArguments arguments = new MissArguments();
    private io.fleche.storage.Scope metadata;

    public Misses() {
      super("scramble(long)", () -> Memoized.missRuns, 1, false);
    }

    @Setup(Level.Trial)
    public void setUp() {
      metadata = Fleches.meta(new io.fleche.metadata.Runtime());
      activate(
          Caches.sizeLimited(
              Storages.valueMemory(), Storages.callMemory(), MISS_RECORDS, keys -> keys.get(0)));
    }

    @TearDown(Level.Trial)
    public void restoreMetadata() {
      metadata.close();
    }

    @Override
    void callAll() {
      if (Memoized.scramble(CHECK_ARGUMENT) != Memoized.missBody(CHECK_ARGUMENT)) {
        throw new IllegalStateException("scramble returned a wrong value");
      }
    }

    @Override
    long calls() {
      return arguments.calls;
    }
  }

  @Benchmark
  public long hit_fleche(Hits s) {
    int i = s.cursor.advance();
    return Memoized.f(PAIR_INTS[i], PAIR_STRINGS[i]);
  }

  /** {@link #hit_fleche} digesting every call: the agent's key memory is off in this fork. */
  @Benchmark
  @Fork(jvmArgsAppend = "-D" + REMEMBER_KEYS + "=false")
  public long hit_fleche_digestPath(DigestPathHits s) {
    int i = s.cursor.advance();
    return Memoized.f(PAIR_INTS[i], PAIR_STRINGS[i]);
  }

  @Benchmark
  public long hit_baseline_direct(Baselines s) {
    int i = s.cursor.advance();
    return Memoized.pairBody(PAIR_INTS[i], PAIR_STRINGS[i]);
  }

  @Benchmark
  public long hit_baseline_hashMapMemo(Baselines s) {
    return s.hashMapMemo(s.cursor.advance());
  }

  @Benchmark
  public long hit_baseline_caffeine(Baselines s) {
    return s.caffeine(s.cursor.advance());
  }

  @Benchmark
  public double arrayHit_fleche(ArrayHits s) {
    return Memoized.total(ARGUMENT_ARRAYS[s.cursor.advance()]);
  }

  @Benchmark
  public Digest arrayHit_baseline_digest(ArrayBaseline s) {
    return Digest.of(ARGUMENT_ARRAYS[s.cursor.advance()]);
  }

  @Benchmark
  public long miss_fleche(Misses s) {
    return Memoized.scramble(s.arguments.next());
  }

  @Benchmark
  public long miss_baseline_direct(MissArguments s) {
    return Memoized.missBody(s.next());
  }
}
