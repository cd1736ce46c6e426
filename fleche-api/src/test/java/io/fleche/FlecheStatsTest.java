package io.fleche;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlecheStatsTest {
  static class Physics {
    static double simulate(int steps, double dt) {
      return steps * dt;
    }

    static double simulate(long steps, double[] dts) {
      return steps * dts.length;
    }

    static double other(int steps) {
      return steps;
    }
  }

  private static final String INT = "io.fleche.FlecheStatsTest$Physics.simulate(int,double)";
  private static final String ARRAY = "io.fleche.FlecheStatsTest$Physics.simulate(long,[D)";

  private static FunctionStats stats(long hits, long misses, Map<String, Long> uncached, int ms) {
    return new FunctionStats(
        hits, hits / 2, misses, uncached, Duration.ofMillis(ms), Duration.ofMillis(2 * ms));
  }

  @Test
  void keys_nameTheClassTheMethodAndTheErasedParameterTypes() throws Exception {
    assertEquals(
        INT, FlecheStats.key(Physics.class.getDeclaredMethod("simulate", int.class, double.class)));
    assertEquals(
        ARRAY,
        FlecheStats.key(Physics.class.getDeclaredMethod("simulate", long.class, double[].class)));
  }

  @Test
  void functions_areFoundByMethod_orByNameWithOverloadsAddedUp() throws Exception {
    FlecheStats s =
        new FlecheStats(
            Map.of(INT, stats(4, 1, Map.of("load", 1L), 10), ARRAY, stats(2, 3, Map.of(), 5)));
    assertEquals(
        stats(4, 1, Map.of("load", 1L), 10),
        s.function(Physics.class.getDeclaredMethod("simulate", int.class, double.class)));
    assertEquals(stats(6, 4, Map.of("load", 1L), 15), s.function(Physics.class, "simulate"));
    assertEquals(s.function(Physics.class, "simulate"), s.total());
    assertEquals(FunctionStats.NONE, s.function(Physics.class, "other"));
    assertEquals(FunctionStats.NONE, s.function(Physics.class, "simul"), "a whole name only");
    assertEquals(
        FunctionStats.NONE,
        s.function(Physics.class.getDeclaredMethod("other", int.class)));
  }

  @Test
  void since_isWhatHappenedInBetween_leavingOutFunctionsThatDidNothing() {
    FlecheStats before =
        new FlecheStats(Map.of(INT, stats(4, 1, Map.of("load", 1L), 10), ARRAY, stats(2, 3, Map.of(), 5)));
    FlecheStats after =
        new FlecheStats(
            Map.of(
                INT, stats(6, 1, Map.of("load", 1L, "commit", 2L), 12),
                ARRAY, stats(2, 3, Map.of(), 5),
                "x.Y.z()", stats(1, 0, Map.of(), 0)));
    FlecheStats since = after.since(before);
    assertEquals(
        Map.of(INT, stats(2, 0, Map.of("commit", 2L), 2), "x.Y.z()", stats(1, 0, Map.of(), 0)),
        since.functions());
    assertEquals(after, before.plus(since));
    assertEquals(FlecheStats.EMPTY, after.since(after));
  }

  @Test
  void uncachedCounts_areByReason() {
    FunctionStats s = stats(0, 0, Map.of("required", 2L, "commit", 3L), 0);
    assertEquals(2, s.uncached("required"));
    assertEquals(0, s.uncached("load"));
    assertEquals(5, s.uncachedTotal());
    assertEquals("{commit=3, required=2}", s.uncached().toString(), "ordered by reason");
    assertThrows(UnsupportedOperationException.class, () -> s.uncached().put("x", 1L));
  }
}
