package io.fleche.examples;

import io.fleche.Fleche;
import io.fleche.Fleches;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small numerical program memoized by the Fleche agent: an orbit integration (expensive, called
 * with repeated arguments) and a recursive partition count. Run it with the agent:
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * cd examples
 * java -javaagent:../fleche-agent/target/fleche.jar -cp target/classes io.fleche.examples.Demo
 * </pre>
 */
public final class Demo {
  static final AtomicInteger orbitRuns = new AtomicInteger();
  static final AtomicInteger partitionRuns = new AtomicInteger();

  private Demo() {}

  /**
   * Relative energy drift after integrating a Kepler orbit (eccentricity 0.5) with {@code steps}
   * leapfrog steps of size {@code dt}: a pure, expensive function of its arguments.
   */
  @Fleche
  static double orbitEnergyDrift(int steps, double dt) {
    orbitRuns.incrementAndGet();
    double x = 1, y = 0, vx = 0, vy = Math.sqrt(1.5);
    double e0 = energy(x, y, vx, vy);
    for (int i = 0; i < steps; i++) {
      double r3 = Math.pow(x * x + y * y, 1.5);
      vx -= 0.5 * dt * x / r3;
      vy -= 0.5 * dt * y / r3;
      x += dt * vx;
      y += dt * vy;
      r3 = Math.pow(x * x + y * y, 1.5);
      vx -= 0.5 * dt * x / r3;
      vy -= 0.5 * dt * y / r3;
    }
    return Math.abs(energy(x, y, vx, vy) - e0) / Math.abs(e0);
  }

  private static double energy(double x, double y, double vx, double vy) {
    return 0.5 * (vx * vx + vy * vy) - 1 / Math.sqrt(x * x + y * y);
  }

  /** The number of ways to write {@code n} as a sum of parts no larger than {@code k}. */
  @Fleche
  static BigInteger partitions(int n, int k) {
    partitionRuns.incrementAndGet();
    if (n == 0) {
      return BigInteger.ONE;
    }
    if (n < 0 || k == 0) {
      return BigInteger.ZERO;
    }
    return partitions(n - k, k).add(partitions(n, k - 1));
  }

  static void run(PrintStream out) {
    out.println("Orbit integrations (each computed once, then served from the cache):");
    int[][] requests = {{2_000_000, 1}, {2_000_000, 1}, {1_000_000, 2}, {2_000_000, 1}, {1_000_000, 2}};
    for (int[] r : requests) {
      int before = orbitRuns.get();
      long t0 = System.nanoTime();
      double drift = orbitEnergyDrift(r[0], r[1] * 1e-3);
      long micros = (System.nanoTime() - t0) / 1_000;
      out.printf(
          "  orbitEnergyDrift(%,d, %.3f) = %.3e  %-4s %,10d us%n",
          r[0], r[1] * 1e-3, drift, orbitRuns.get() > before ? "miss" : "hit", micros);
    }

    out.println();
    out.println("Partitions, a memoized recursion:");
    for (int n : new int[] {100, 100}) {
      int before = partitionRuns.get();
      long t0 = System.nanoTime();
      BigInteger p = partitions(n, n);
      long micros = (System.nanoTime() - t0) / 1_000;
      out.printf(
          "  partitions(%d, %d) = %s  (%,d bodies run) %,8d us%n",
          n, n, p, partitionRuns.get() - before, micros);
    }

    out.println();
    out.println("Recorded orbit integrations, queried from the cache:");
    out.println(
        Fleches.function(Demo.class, "orbitEnergyDrift")
            .query(Map.of())
            .table(List.of("steps", "dt"), true));
  }

  public static void main(String[] args) {
    run(System.out);
  }
}
