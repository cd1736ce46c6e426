package io.fleche.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.function.Executable;
import org.openjdk.jmh.annotations.Benchmark;

/** Checks shared by the benchmarks' tests. */
final class BenchmarkChecks {
  private BenchmarkChecks() {}

  /**
   * Asserts the naming scheme that the run scripts' tables rely on: every benchmark of {@code
   * type} is named {@code <case>_fleche[_<variant>]} or {@code <case>_baseline_<kind>}, the cases
   * are {@code cases}, and every case has both kinds.
   */
  static void assertCases(Class<?> type, Set<String> cases) {
    Map<String, Set<String>> kindsByCase = new TreeMap<>();
    for (Method m : type.getDeclaredMethods()) {
      if (!m.isAnnotationPresent(Benchmark.class)) {
        continue;
      }
      String[] parts = m.getName().split("_", 3);
      assertTrue(
          parts.length > 1
              && (parts[1].equals("fleche") || parts.length == 3 && parts[1].equals("baseline")),
          m.getName());
      kindsByCase.computeIfAbsent(parts[0], c -> new TreeSet<>()).add(parts[1]);
    }
    assertEquals(cases, kindsByCase.keySet());
    kindsByCase.forEach((c, kinds) -> assertEquals(Set.of("fleche", "baseline"), kinds, c));
  }

  /** Asserts that {@code setUp} of a Fleche case refuses to run without the agent. */
  static void assertAgentMissing(Executable setUp) {
    IllegalStateException e = assertThrows(IllegalStateException.class, setUp);
    assertTrue(e.getMessage().contains("the Fleche agent is not active"), e.getMessage());
  }
}
