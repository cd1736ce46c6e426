package example.memo;

import io.fleche.Fleche;
import io.fleche.Ignored;
import io.fleche.Required;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToLongFunction;

/**
 * The memoized methods {@link MemoBehaviourContract} exercises: called directly in a JVM with the
 * agent ({@link DirectCallsTest}), through function handles in a JVM without it ({@link
 * HandleCallsWithoutAgentTest}). Counters tell runs from hits.
 */
class ContractSubjects {
  static final AtomicInteger runs = new AtomicInteger();

  /**
   * How {@link #fib} recurses: through itself (memoized by the agent), or, where no agent rewrote
   * it, through its function handle — as a memoized function has to recurse through whatever
   * memoizes it.
   */
  static volatile IntToLongFunction fibRecursion = ContractSubjects::fib;

  @Fleche
  static long square(int x, String label) {
    runs.incrementAndGet();
    return (long) x * x + label.length();
  }

  @Fleche
  static long square(long x, String label) {
    runs.incrementAndGet();
    return -x * x;
  }

  @Fleche
  static long fib(int n) {
    runs.incrementAndGet();
    return n < 2 ? n : fibRecursion.applyAsLong(n - 1) + fibRecursion.applyAsLong(n - 2);
  }

  @Fleche
  static String nothing(int x) {
    runs.incrementAndGet();
    return null;
  }

  @Fleche
  static int failing(int x) {
    runs.incrementAndGet();
    throw new IllegalArgumentException("no " + x);
  }

  @Fleche(ignore = "verbose")
  static int quiet(int x, boolean verbose) {
    runs.incrementAndGet();
    return x + 1;
  }

  @Fleche
  static int annotatedIgnore(int x, @Ignored StringBuilder log) {
    runs.incrementAndGet();
    log.append("ran ");
    return x * 3;
  }

  @Fleche(require = "label")
  static int needsLabel(int x, String label) {
    runs.incrementAndGet();
    return x;
  }

  @Fleche
  static int needsParameterAnnotation(int x, @Required String label) {
    runs.incrementAndGet();
    return x;
  }

  @Fleche
  static CompletableFuture<Integer> later(int x, @Ignored CompletableFuture<Void> gate) {
    runs.incrementAndGet();
    return gate.thenApply(v -> x * 10);
  }

  @Fleche
  static java.util.List<Integer> mutable(int n) {
    runs.incrementAndGet();
    return new java.util.ArrayList<>(java.util.List.of(n, n));
  }

  /** Released by the concurrency test once every caller is parked. */
  static volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);

  @Fleche
  static int slow(int x) throws InterruptedException {
    runs.incrementAndGet();
    gate.await();
    return x + 100;
  }

  /** A receiver whose field is its identity. */
  static final class Scaler {
    final int factor;

    Scaler(int factor) {
      this.factor = factor;
    }

    @Fleche
    int scale(int x) {
      runs.incrementAndGet();
      return x * factor;
    }

    @Fleche(ignore = "this")
    int shared(int x) {
      runs.incrementAndGet();
      return x;
    }
  }
}
