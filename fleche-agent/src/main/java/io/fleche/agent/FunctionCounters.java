package io.fleche.agent;

import io.fleche.FunctionStats;
import io.fleche.LazyCall;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to the calls of one memoized method on one cache: counters that many threads
 * update without contending, read as a {@link FunctionStats}. Hits, which cost tens to hundreds of
 * nanoseconds, are counted by each thread in counters of its own, without an atomic instruction
 * ({@link HitCounts}); the rest in {@link LongAdder}s.
 */
final class FunctionCounters {
  private static final double NANOS = 1e9;
  /** Dead threads' hit counts are folded once there are this many threads' counts, at least. */
  private static final int FOLD_AT = 16;

  private final LongAdder misses = new LongAdder();
  private final LongAdder computingNanos = new LongAdder();
  private final ConcurrentHashMap<String, LongAdder> uncached = new ConcurrentHashMap<>();

  private final ThreadLocal<HitCounts> hits = ThreadLocal.withInitial(this::register);
  private final List<HitCounts> threads = new ArrayList<>(); // guarded by this
  /** The counts of threads that have ended; guarded by this. */
  private final long[] folded = new long[HitCounts.KINDS];
  private int foldAt = FOLD_AT; // guarded by this

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
    hits.get().add(HitCounts.READ, saved);
  }

  /** A hit answered by the front layer, whose computation had taken {@code saved} nanoseconds. */
  void frontHit(long saved) {
    hits.get().add(HitCounts.FRONT, saved);
  }

  /**
   * The hits of one thread and the time they saved, of the front layer and read from the cache:
   * written by that thread only (no lost update, no atomic instruction), read by any thread
   * (opaque: never torn, at most a few counts behind).
   */
  private static final class HitCounts {
    /** Indexes of {@link #counts}: front-layer hits and their time saved, then read hits. */
    static final int FRONT = 0;
    static final int READ = 2;
    static final int KINDS = 4;
    private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);

    final WeakReference<Thread> thread = new WeakReference<>(Thread.currentThread());
    private final long[] counts = new long[KINDS];

    /** One more hit of {@code kind} ({@link #FRONT} or {@link #READ}) that saved {@code nanos}. */
    void add(int kind, long nanos) {
      COUNTS.setOpaque(counts, kind, counts[kind] + 1);
      COUNTS.setOpaque(counts, kind + 1, counts[kind + 1] + nanos);
    }

    long get(int index) {
      return (long) COUNTS.getOpaque(counts, index);
    }

    /** True once its thread has ended: it writes no more. */
    boolean ended() {
      Thread t = thread.get();
      return t == null || !t.isAlive();
    }
  }

  /**
   * The hit counts of a thread that hits for the first time; the counts of threads that have
   * ended are folded into totals now and then, so that short-lived threads do not pile up.
   */
  private synchronized HitCounts register() {
    if (threads.size() >= foldAt) {
      for (Iterator<HitCounts> it = threads.iterator(); it.hasNext(); ) {
        HitCounts c = it.next();
        if (c.ended()) {
          for (int i = 0; i < HitCounts.KINDS; i++) {
            folded[i] += c.get(i);
          }
          it.remove();
        }
      }
      foldAt = Math.max(FOLD_AT, 2 * threads.size());
    }
    HitCounts c = new HitCounts();
    threads.add(c);
    return c;
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
    long[] sums;
    synchronized (this) {
      sums = folded.clone();
      for (HitCounts c : threads) {
        for (int i = 0; i < HitCounts.KINDS; i++) {
          sums[i] += c.get(i);
        }
      }
    }
    long frontHits = sums[HitCounts.FRONT];
    return new FunctionStats(
        sums[HitCounts.READ] + frontHits,
        frontHits,
        misses.sum(),
        reasons,
        Duration.ofNanos(computingNanos.sum()),
        Duration.ofNanos(sums[HitCounts.READ + 1] + sums[HitCounts.FRONT + 1]));
  }
}
