package io.fleche.examples;

import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.FunctionId;
import io.fleche.QueryCall;
import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.Storages;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A tour of what exists so far: content digests, and a memoized function run by hand against
 * the in-memory storages (the {@code @Fleche} agent will do this wiring by itself).
 *
 * <pre>
 * mvn -B -q -DskipTests package && java -cp examples/target/classes:fleche-storage/target/classes:fleche-api/target/classes io.fleche.examples.Demo
 * </pre>
 */
public final class Demo {
  /** The memoized function's identity; the agent derives it from the annotated method. */
  static final FunctionId SIMULATE =
      new FunctionId("Demo.simulate", "(int,double)", "io.fleche.examples", null, null);

  private final ValueStorage values = Storages.valueMemory();
  private final CallStorage calls = Storages.callMemory();
  int computations;

  /** A deliberately slow function of its arguments. */
  double simulate(int steps, double dt) {
    computations++;
    double x = 1;
    for (int i = 0; i < steps * 1_000_000; i++) {
      x += dt * Math.sin(x);
    }
    return x;
  }

  /** {@code simulate}, memoized: what the agent's advice will do around the method body. */
  double memoizedSimulate(int steps, double dt) {
    Call call = Call.of(SIMULATE, ordered("steps", steps, "dt", dt));
    Digest key = call.lookupKey();
    try {
      DigestedCall stored = calls.load(key);
      if (!stored.isPending()) {
        return (Double) values.load(stored.result());
      }
    } catch (NoSuchElementException miss) {
      // compute below
    }
    double result = simulate(steps, dt);
    calls.save(call.withResult(result).withMetadata(Map.of("tags", Map.of("demo", true))).stash(values));
    return result;
  }

  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  /** Runs the tour, printing to {@code out}. */
  void run(PrintStream out) {
    out.println("Digests are content hashes, equal on every JVM:");
    out.println("  Digest.of(42)               = " + Digest.of(42));
    out.println("  Digest.of(42L)              = " + Digest.of(42L) + "  (a long is not an int)");
    out.println("  Digest.of(List.of(1, 2))    = " + Digest.of(List.of(1, 2)));
    out.println("  Digest.of(Set.of(2, 1))     = " + Digest.of(java.util.Set.of(2, 1)));
    Digest inner = Digest.of(List.of(1, 2));
    out.println(
        "  Merkle: a digest stands for its value: "
            + Digest.of(List.of(inner, 3)).equals(Digest.of(List.of(List.of(1, 2), 3))));

    out.println();
    out.println("A memoized simulate(steps, dt) on in-memory storages:");
    for (int[] steps : new int[][] {{20}, {20}, {10}, {20}}) {
      long t0 = System.nanoTime();
      double r = memoizedSimulate(steps[0], 0.001);
      long micros = (System.nanoTime() - t0) / 1000;
      out.printf("  simulate(%d, 0.001) = %.6f  in %,8d us  (computations so far: %d)%n",
          steps[0], r, micros, computations);
    }

    out.println();
    try (Stream<DigestedCall> hits =
        calls.query(QueryCall.builder().name("Demo.simulate").argument("steps", 20).build())) {
      List<DigestedCall> found = hits.collect(Collectors.toList());
      out.println("Query name=Demo.simulate, steps=20: " + found.size() + " call(s)");
      for (DigestedCall c : found) {
        out.println("  key " + calls.shrink(c.lookupKey()) + "  result "
            + c.fetch(values).result() + "  metadata " + c.metadata());
      }
    }
  }

  public static void main(String[] args) {
    new Demo().run(System.out);
  }
}
