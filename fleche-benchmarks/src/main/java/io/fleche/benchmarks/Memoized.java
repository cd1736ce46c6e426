package io.fleche.benchmarks;

import io.fleche.Fleche;

/**
 * The {@code @Fleche} methods that {@link AgentBenchmark} and {@link PersistentBenchmark} call,
 * each next to its undecorated body.
 * A memoized method counts the runs of its body and then runs it; the count is how a benchmark
 * checks that the agent is active and that its calls hit (or miss) as intended. Without the agent
 * the methods are plain methods that always run their body.
 *
 * <p>The counters are plain fields: the benchmarks run on one thread.
 */
final class Memoized {
  /** Runs of {@link #f}'s body. */
  static long pairRuns;

  /** Runs of {@link #total}'s body. */
  static long arrayRuns;

  /** Runs of {@link #scramble}'s body. */
  static long missRuns;

  /** Runs of {@link #mix}'s body. */
  static long mixRuns;

  private Memoized() {}

  /** The hit case: a small function of an {@code int} and a {@code String}. */
  @Fleche
  static long f(int n, String s) {
    pairRuns++;
    return pairBody(n, s);
  }

  /** The body of {@link #f}: a polynomial hash of {@code n} and the characters of {@code s}. */
  static long pairBody(int n, String s) {
    long h = n;
    for (int i = 0; i < s.length(); i++) {
      h = h * 1_000_003 + s.charAt(i);
    }
    return h;
  }

  /** The array case: a function of a {@code double[]}, which Fleche digests on every call. */
  @Fleche
  static double total(double[] values) {
    arrayRuns++;
    return arrayBody(values);
  }

  /** The body of {@link #total}: the sum of the elements. */
  static double arrayBody(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum;
  }

  /** The miss cases: a cheap function of a {@code long}. */
  @Fleche
  static long scramble(long x) {
    missRuns++;
    return missBody(x);
  }

  /** The body of {@link #scramble}: a multiply, a rotation and an exclusive or. */
  static long missBody(long x) {
    return Long.rotateLeft(x * 0x9E3779B97F4A7C15L, 17) ^ x;
  }

  /** The persistent hit cases: a small function of two {@code int}s, with a small result. */
  @Fleche
  static long mix(int a, int b) {
    mixRuns++;
    return mixBody(a, b);
  }

  /** The body of {@link #mix}: a multiply, a rotation and an exclusive or. */
  static long mixBody(int a, int b) {
    return Long.rotateLeft(a * 0x9E3779B97F4A7C15L, 29) ^ b;
  }
}
