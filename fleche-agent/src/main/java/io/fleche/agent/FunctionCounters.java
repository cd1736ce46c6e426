package io.fleche.agent;

import io.fleche.FunctionStats;
import io.fleche.LazyCall;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to the calls of one memoized method on one cache: counters that many threads
 * update without contending ({@link LongAdder}), read as a {@link FunctionStats}.
 */
final class FunctionCounters {
  private static final double NANOS = 1e9;

  private final LongAdder readHits = new LongAdder();
  private final LongAdder frontHits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder computingNanos = new LongAdder();
  private final LongAdder savedNanos = new LongAdder();
  private final ConcurrentHashMap<String, LongAdder> uncached = new ConcurrentHashMap<>();

  /**
   * The wall time recorded with {@code stored} (the {@code runtime} namespace of {@link
   * io.fleche.metadata.Runtime}), in nanoseconds; 0 if it was not recorded.
   */
  static long recordedNanos(LazyCall stored) {
    Map<String, Object> runtime = stored.metadata().get("runtime");
    Object seconds = runtime == null ? null : runtime.get("walltime");
    return seconds instanceof Number ? Math.max(0, (long) (((Number) seconds).doubleValue() * NANOS)) : 0;
  }

  /** A hit read from the cache, whose computation had taken {@code saved} nanoseconds. */
  void hit(long saved) {
    readHits.increment();
    saved(saved);
  }

  /** A hit answered by the front layer, whose computation had taken {@code saved} nanoseconds. */
  void frontHit(long saved) {
    frontHits.increment();
    saved(saved);
  }

  private void saved(long nanos) {
    if (nanos > 0) {
      savedNanos.add(nanos);
    }
  }

  /** A call that runs its body to be stored. */
  void miss() {
    misses.increment();
  }

  /** The body of a miss ran for {@code nanos}. */
  void computed(long nanos) {
    computingNanos.add(nanos);
  }

  /** A call the cache could not answer or keep, for {@code reason}. */
  void uncached(String reason) {
    uncached.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  FunctionStats snapshot() {
    Map<String, Long> reasons = new TreeMap<>();
    uncached.forEach((reason, n) -> reasons.put(reason, n.sum()));
    long front = frontHits.sum();
    return new FunctionStats(
        readHits.sum() + front,
        front,
        misses.sum(),
        reasons,
        Duration.ofNanos(computingNanos.sum()),
        Duration.ofNanos(savedNanos.sum()));
  }
}
