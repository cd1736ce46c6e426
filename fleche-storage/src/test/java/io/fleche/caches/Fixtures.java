package io.fleche.caches;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.Digestible;
import io.fleche.FunctionId;
import io.fleche.QueryCall;
import io.fleche.storage.CallStorage;
import io.fleche.storages.Storages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Calls, storages and thread helpers shared by the cache tests. */
final class Fixtures {
  static final FunctionId SIMULATE =
      new FunctionId("Physics.simulate", "(int,double)", "org.example", null, null);
  static final FunctionId RENDER = new FunctionId("Plot.render", "(int)", "org.plots", null, null);

  private Fixtures() {}

  /** {@code simulate(steps, dt)} without result. */
  static Call simulate(int steps, double dt) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("steps", steps);
    args.put("dt", dt);
    return Call.of(SIMULATE, args);
  }

  /** {@code simulate(steps, 0.01)} without result. */
  static Call simulate(int steps) {
    return simulate(steps, 0.01);
  }

  /** {@code simulate(steps, 0.01)} with result {@code steps * 10}. */
  static Call computed(int steps) {
    return simulate(steps).withResult(steps * 10);
  }

  /** {@code render(steps)} with result {@code "plot" + steps}. */
  static Call render(int steps) {
    return Call.of(RENDER, Map.of("steps", steps)).withResult("plot" + steps);
  }

  /** Metadata {@code runtime.timestart/timestop} (epoch seconds). */
  static Map<String, Map<String, Object>> finishedAt(double timestop) {
    return Map.of("runtime", Map.of("timestart", timestop - 1, "timestop", timestop));
  }

  /** A template matching calls of simulate. */
  static QueryCall simulations() {
    return QueryCall.builder().name(SIMULATE.name()).build();
  }

  static long count(CallStorage calls) {
    try (Stream<Digest> s = calls.list()) {
      return s.count();
    }
  }

  /**
   * Runs {@code task(i)} for i in [0, threads) on that many threads, released together; rethrows
   * the first failure.
   */
  static void inParallel(int threads, IntConsumer task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done =
          IntStream.range(0, threads)
              .mapToObj(
                  i ->
                      pool.submit(
                          () -> {
                            start.await();
                            task.accept(i);
                            return null;
                          }))
              .collect(Collectors.toList());
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A digestible value that in-memory storages refuse to store (they cannot copy a thread): as an
   * argument it becomes a digest-only reference, as a result it is rejected.
   */
  record Unstorable(String name, Thread owner) implements Digestible {
    Unstorable(String name) {
      this(name, Thread.currentThread());
    }

    @Override
    public Digest digest() {
      return Digest.of(List.of("Unstorable", name));
    }
  }

  /**
   * A memory call storage whose queries yield {@code corrupt} records first (what a damaged storage
   * may hand out), that counts the query streams opened and closed and the counts asked for, and
   * that runs {@link #afterSave} after each save.
   */
  static final class TrackingCalls extends ForwardingCalls {
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger counted = new AtomicInteger();
    volatile Consumer<Digest> afterSave = key -> {};
    private final List<DigestedCall> corrupt;

    TrackingCalls(List<DigestedCall> corrupt) {
      super(Storages.callMemory());
      this.corrupt = corrupt;
    }

    TrackingCalls() {
      this(List.of());
    }

    @Override
    public Digest save(DigestedCall call) {
      Digest key = super.save(call);
      afterSave.accept(key);
      return key;
    }

    @Override
    public Stream<DigestedCall> query(QueryCall template) {
      opened.incrementAndGet();
      return Stream.concat(corrupt.stream(), super.query(template))
          .onClose(closed::incrementAndGet);
    }

    /** The inner storage's count: the corrupt records are not counted, and no stream is opened. */
    @Override
    public long count(QueryCall template) {
      counted.incrementAndGet();
      return inner.count(template);
    }
  }

  /** Loads {@code key} and reports whether it is a hit. */
  static boolean hits(Cache cache, Digest key) {
    try {
      cache.load(key);
      return true;
    } catch (NoSuchElementException e) {
      return false;
    }
  }

  /** The smallest integer other than {@code not} whose digest starts with {@code prefix}. */
  static int valueWithPrefix(String prefix, int not) {
    for (int i = 0; ; i++) {
      if (i != not && Digest.of(i).startsWith(prefix)) {
        return i;
      }
    }
  }
}
