package io.fleche.examples;

import io.fleche.Fleche;
import io.fleche.Fleches;
import io.fleche.QueryCall;
import io.fleche.Table;
import io.fleche.storage.Scope;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A parameter sweep run for two projects, each call tagged with its project, then found again by
 * a query on that tag. The cache and the metadata come from {@code examples/fleche.toml}: a
 * size-limited in-memory cache called {@code sweeps} is the default, and every computed call
 * records its timing ({@code Runtime}) and where it ran ({@code Environment}).
 *
 * <p>Metadata is recorded when a call is computed, never on a hit: the calls project beta shares
 * with project alpha are served from the cache and keep alpha's tag, so a query for beta finds
 * only what beta computed.
 *
 * <p>Run it from the {@code examples} directory, so that its {@code fleche.toml} is found:
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * cd examples &amp;&amp; java -javaagent:../fleche-agent/target/fleche.jar -cp target/classes io.fleche.examples.TaggedRuns
 * </pre>
 */
public final class TaggedRuns {
  static final AtomicInteger runs = new AtomicInteger();

  private TaggedRuns() {}

  /**
   * The amplitude of a damped oscillator ({@code x'' + 2ζωx' + ω²x = 0}, {@code ω = 2π}, released
   * from {@code x = 1} at rest) over its last period, after {@code periods} periods: a
   * semi-implicit Euler integration with 2000 steps per period.
   */
  @Fleche
  static double amplitude(double dampingRatio, int periods) {
    runs.incrementAndGet();
    double omega = 2 * Math.PI;
    int stepsPerPeriod = 2000;
    double dt = 1.0 / stepsPerPeriod;
    double x = 1;
    double v = 0;
    double peak = 0;
    int steps = periods * stepsPerPeriod;
    for (int i = 0; i < steps; i++) {
      v += dt * (-2 * dampingRatio * omega * v - omega * omega * x);
      x += dt * v;
      if (i >= steps - stepsPerPeriod) {
        peak = Math.max(peak, Math.abs(x));
      }
    }
    return peak;
  }

  /** Computes the amplitude for every ratio, tagged with {@code project}. */
  static void sweep(PrintStream out, String project, double... dampingRatios) {
    try (Scope tagged = Fleches.project(project)) {
      int before = runs.get();
      for (double ratio : dampingRatios) {
        amplitude(ratio, 20);
      }
      int computed = runs.get() - before;
      out.printf(
          "project %s: damping ratios %s, %d computed, %d from the cache%n",
          project, Arrays.toString(dampingRatios), computed, dampingRatios.length - computed);
    }
  }

  /** The calls recorded under {@code project}, as a table of a few of their columns. */
  static Table recordedUnder(String project) {
    Table all =
        Fleches.cache()
            .query(QueryCall.builder().metadata("tags", Map.of("project", project)).build())
            .sortedBy("dampingRatio")
            .table(List.of("dampingRatio", "periods"), true);
    return new Table(
        List.of("key", "dampingRatio", "periods", "result", "project", "walltime", "hostname"),
        all.rows());
  }

  static void run(PrintStream out) {
    out.println("Default cache (from fleche.toml): " + Fleches.cache());
    out.println();
    sweep(out, "alpha", 0.01, 0.02, 0.05);
    sweep(out, "beta", 0.02, 0.05, 0.1);
    for (String project : List.of("alpha", "beta")) {
      Table calls = recordedUnder(project);
      out.println();
      out.printf("Calls recorded under project %s: %d%n", project, calls.size());
      out.print(calls);
    }
  }

  public static void main(String[] args) {
    run(System.out);
  }
}
