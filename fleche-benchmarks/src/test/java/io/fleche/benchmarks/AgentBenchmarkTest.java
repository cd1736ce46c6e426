package io.fleche.benchmarks;

import static io.fleche.benchmarks.BenchmarkChecks.assertAgentMissing;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleche.Digest;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;

/**
 * Checks {@link AgentBenchmark}'s wiring without the agent (this module's tests run without it):
 * the inputs are distinct, the baselines compute what the bodies compute, and every Fleche case
 * refuses to run unless the agent memoizes.
 */
class AgentBenchmarkTest {
  private final AgentBenchmark benchmark = new AgentBenchmark();

  @Test
  void thePairsAreDistinct() {
    Set<AgentBenchmark.Pair> pairs = new HashSet<>();
    for (int i = 0; i < AgentBenchmark.PAIRS; i++) {
      assertEquals(16, AgentBenchmark.PAIR_STRINGS[i].length(), AgentBenchmark.PAIR_STRINGS[i]);
      pairs.add(
          new AgentBenchmark.Pair(AgentBenchmark.PAIR_INTS[i], AgentBenchmark.PAIR_STRINGS[i]));
    }
    assertEquals(AgentBenchmark.PAIRS, pairs.size());
  }

  @Test
  void theArraysAreDistinct() {
    Set<Digest> digests = new HashSet<>();
    for (double[] array : AgentBenchmark.ARGUMENT_ARRAYS) {
      assertEquals(AgentBenchmark.ARRAY_LENGTH, array.length);
      digests.add(Digest.of(array));
    }
    assertEquals(AgentBenchmark.ARRAYS, digests.size());
  }

  /** Over two rounds of the cursor, so the memos answer from their contents too. */
  @Test
  void theHitBaselinesComputeTheBody() {
    AgentBenchmark.Baselines direct = new AgentBenchmark.Baselines();
    AgentBenchmark.Baselines hashMap = new AgentBenchmark.Baselines();
    AgentBenchmark.Baselines caffeine = new AgentBenchmark.Baselines();
    hashMap.fill();
    caffeine.fill();
    for (int call = 0; call < 2 * AgentBenchmark.PAIRS; call++) {
      int i = call % AgentBenchmark.PAIRS;
      long body = Memoized.pairBody(AgentBenchmark.PAIR_INTS[i], AgentBenchmark.PAIR_STRINGS[i]);
      assertEquals(body, benchmark.hit_baseline_direct(direct), "pair " + i);
      assertEquals(body, benchmark.hit_baseline_hashMapMemo(hashMap), "pair " + i);
      assertEquals(body, benchmark.hit_baseline_caffeine(caffeine), "pair " + i);
      assertEquals(body, Memoized.f(AgentBenchmark.PAIR_INTS[i], AgentBenchmark.PAIR_STRINGS[i]));
    }
    assertEquals(AgentBenchmark.PAIRS, hashMap.hashMapMemo.size());
    assertEquals(AgentBenchmark.PAIRS, caffeine.caffeine.estimatedSize());
  }

  @Test
  void theArrayBaselineDigestsTheArraysInTurn() {
    AgentBenchmark.ArrayBaseline cursor = new AgentBenchmark.ArrayBaseline();
    for (int call = 0; call < 2 * AgentBenchmark.ARRAYS; call++) {
      double[] array = AgentBenchmark.ARGUMENT_ARRAYS[call % AgentBenchmark.ARRAYS];
      assertEquals(Digest.of(array), benchmark.arrayHit_baseline_digest(cursor));
      assertEquals(Memoized.arrayBody(array), Memoized.total(array));
    }
  }

  /** The arguments cycle over far more values than the cache keeps records, so all calls miss. */
  @Test
  void theMissArgumentsCycleOverMoreValuesThanTheCacheKeeps() {
    assertEquals(0, AgentBenchmark.MISS_PERIOD & (AgentBenchmark.MISS_PERIOD - 1), "a power of 2");
    assertTrue(AgentBenchmark.MISS_PERIOD > 100 * AgentBenchmark.MISS_RECORDS);
    AgentBenchmark.MissArguments arguments = new AgentBenchmark.MissArguments();
    for (long call = 0; call < 2L * AgentBenchmark.MISS_PERIOD; call++) {
      long x = call % AgentBenchmark.MISS_PERIOD;
      assertEquals(Memoized.missBody(x), benchmark.miss_baseline_direct(arguments));
      assertEquals(Memoized.missBody(x), Memoized.scramble(x));
    }
  }

  @Test
  void theHitCasesFailWithoutTheAgent() {
    AgentBenchmark.Hits hits = new AgentBenchmark.Hits();
    assertAgentMissing(hits::setUp);
    hits.deactivate();
    AgentBenchmark.ArrayHits arrays = new AgentBenchmark.ArrayHits();
    assertAgentMissing(arrays::setUp);
    arrays.deactivate();
  }

  @Test
  void theMissCaseFailsWithoutTheAgent() {
    AgentBenchmark.Misses misses = new AgentBenchmark.Misses();
    assertAgentMissing(misses::setUp);
    misses.deactivate();
    misses.restoreMetadata();
  }

  /** This JVM runs with Fleche's defaults, so the digest-path case refuses it. */
  @Test
  void theDigestPathCaseNeedsKeyMemoryOff() throws Exception {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, new AgentBenchmark.DigestPathHits()::setUp);
    assertTrue(e.getMessage().contains("-Dfleche.rememberKeys=false"), e.getMessage());
    Method digestPath =
        AgentBenchmark.class.getMethod(
            "hit_fleche_digestPath", AgentBenchmark.DigestPathHits.class);
    Fork fork = digestPath.getAnnotation(Fork.class);
    assertArrayEquals(new String[] {"-Dfleche.rememberKeys=false"}, fork.jvmArgsAppend());
  }

  /** The run script's table relies on the benchmarks' names. */
  @Test
  void everyCaseHasFlecheAndBaselineBenchmarks() {
    BenchmarkChecks.assertCases(AgentBenchmark.class, Set.of("hit", "arrayHit", "miss"));
  }
}
