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
 * update without contending, read as a {@link FunctionStats}. Hits answered by the front layer,
 * which cost tens of nanoseconds, are counted by each thread in counters of its own, without an
 * atomic instruction ({@link FrontCounts}); the rest in {@link LongAdder}s.
 */
final class FunctionCounters {
  private static final double NANOS = 1e9;
  /** Dead threads' front counts are folded once there are this many threads' counts, at least. */
  private static final int FOLD_AT = 16;

  private final LongAdder readHits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder computingNanos = new LongAdder();
  private final LongAdder savedNanos = new LongAdder();
  private final ConcurrentHashMap<String, LongAdder> uncached = new ConcurrentHashMap<>();

  private final ThreadLocal<FrontCounts> front = ThreadLocal.withInitial(this::register);
  private final List<FrontCounts> threads = new ArrayList<>(); // guarded by this
  private long foldedFrontHits; // of threads that have ended; guarded by this
  private long foldedFrontSaved; // guarded by this
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
    readHits.increment();
    if (saved > 0) {
      savedNanos.add(saved);
    }
  }

  /** A hit answered by the front layer, whose computation had taken {@code saved} nanoseconds. */
  void frontHit(long saved) {
    front.get().add(saved);
  }

  /**
   * The front-layer hits of one thread and the time they saved: written by that thread only (no
   * lost update, no atomic instruction), read by any thread (opaque: never torn, at most a few
   * counts behind).
   */
  private static final class FrontCounts {
    private static final VarHandle HITS;
    private static final VarHandle SAVED;

    static {
      try {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        HITS = lookup.findVarHandle(FrontCounts.class, "hits", long.class);
        SAVED = lookup.findVarHandle(FrontCounts.class, "saved", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final WeakReference<Thread> thread = new WeakReference<>(Thread.currentThread());
    private long hits;
    private long saved;

    void add(long nanos) {
      HITS.setOpaque(this, hits + 1);
      SAVED.setOpaque(this, saved + nanos);
    }

    long hits() {
      return (long) HITS.getOpaque(this);
    }

    long saved() {
      return (long) SAVED.getOpaque(this);
    }

    /** True once its thread has ended: it writes no more. */
    boolean ended() {
      Thread t = thread.get();
      return t == null || !t.isAlive();
    }
  }

  /**
   * The front counts of a thread that hits for the first time; the counts of threads that have
   * ended are folded into totals now and then, so that short-lived threads do not pile up.
   */
  private synchronized FrontCounts register() {
    if (threads.size() >= foldAt) {
      for (Iterator<FrontCounts> it = threads.iterator(); it.hasNext(); ) {
        FrontCounts c = it.next();
        if (c.ended()) {
          foldedFrontHits += c.hits();
          foldedFrontSaved += c.saved();
          it.remove();
        }
      }
      foldAt = Math.max(FOLD_AT, 2 * threads.size());
    }
    FrontCounts c = new FrontCounts();
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
    long frontHits;
    long frontSaved;
    synchronized (this) {
      frontHits = foldedFrontHits;
      frontSaved = foldedFrontSaved;
      for (FrontCounts c : threads) {
        frontHits += c.hits();
        frontSaved += c.saved();
      }
    }
    return new FunctionStats(
        readHits.sum() + frontHits,
        frontHits,
        misses.sum(),
        reasons,
        Duration.ofNanos(computingNanos.sum()),
        Duration.ofNanos(savedNanos.sum() + frontSaved));
  }
}
