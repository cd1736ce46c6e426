package example.memo;

import io.fleche.Fleche;
import io.fleche.Ignored;
import io.fleche.Required;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

/** Memoized methods of every shape the agent must handle; counters tell runs from hits. */
class Subjects {
  static final AtomicInteger runs = new AtomicInteger();

  @Fleche
  static long square(int x, String label) {
    runs.incrementAndGet();
    return (long) x * x + label.length();
  }

  @Fleche
  static long fib(int n) {
    runs.incrementAndGet();
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
  }

  static int viaPrivate(int x) {
    return twice(x);
  }

  @Fleche
  private static int twice(int x) {
    runs.incrementAndGet();
    return 2 * x;
  }

  @Fleche
  static double half(double x) {
    runs.incrementAndGet();
    return x / 2;
  }

  @Fleche
  static boolean positive(int x) {
    runs.incrementAndGet();
    return x > 0;
  }

  @Fleche
  static String nothing(int x) {
    runs.incrementAndGet();
    return null;
  }

  @Fleche
  static <T extends Comparable<T>> T max(List<T> xs) {
    runs.incrementAndGet();
    T best = xs.get(0);
    for (T x : xs) {
      if (x.compareTo(best) > 0) {
        best = x;
      }
    }
    return best;
  }

  @Fleche
  static int apply(Function<Integer, Integer> f, int x) {
    runs.incrementAndGet();
    return f.apply(x);
  }

  @Fleche
  static CompletableFuture<Integer> later(int x, @Ignored CompletableFuture<Void> gate) {
    runs.incrementAndGet();
    return gate.thenApply(v -> x * 10);
  }

  // misuse: reported when the class is instrumented, the method runs unchanged
  @Fleche
  static void noResult(int x) {
    runs.incrementAndGet();
  }

  @Fleche
  static Stream<Integer> lazy(int x) {
    runs.incrementAndGet();
    return Stream.of(x);
  }

  @Fleche(ignore = "nope")
  static int unknownIgnore(int x) {
    runs.incrementAndGet();
    return x;
  }

  interface Shape {
    double side();

    @Fleche
    default double area() {
      runs.incrementAndGet();
      return side() * side();
    }
  }

  record Square(double side) implements Shape {}
}
