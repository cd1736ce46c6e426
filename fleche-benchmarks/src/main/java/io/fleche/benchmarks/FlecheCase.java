package io.fleche.benchmarks;

import io.fleche.Cache;
import io.fleche.Fleches;
import io.fleche.storage.Scope;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The state of a benchmark that calls a {@code @Fleche} method through the agent: its cache,
 * active on the benchmark thread, and the checks on its method's body runs. Subclasses are {@code
 * @State(Scope.Thread)} and call {@link #activate} from their set-up.
 *
 * <p>{@link #activate} checks that calling the method again with arguments it has seen does not
 * run the body: without the agent it throws an {@link IllegalStateException}. After every
 * iteration the body must have run exactly as often as the case intends: never for hits, on every
 * call for misses.
 */
abstract class FlecheCase {
  private final String method;
  private final LongSupplier runs;
  private final int distinctCalls;
  private final boolean hits;
  private Cache cache;
  private Scope active;
  private long runsBefore;
  private long callsBefore;

  /**
   * @param method the memoized method, for messages
   * @param runs the runs of its body so far
   * @param distinctCalls the calls {@link #callAll} makes
   * @param hits whether every measured call hits (else every one misses)
   */
  FlecheCase(String method, LongSupplier runs, int distinctCalls, boolean hits) {
    this.method = method;
    this.runs = runs;
    this.distinctCalls = distinctCalls;
    this.hits = hits;
  }

  /**
   * Makes {@code cache} active on this thread (until {@link #deactivate}) and fills it, checking
   * that the agent memoizes.
   */
  final void activate(Cache cache) {
    this.cache = cache;
    active = Fleches.use(cache);
    long before = runs.getAsLong();
    callAll();
    long first = runs.getAsLong() - before;
    callAll();
    long again = runs.getAsLong() - before - first;
    if (again != 0) {
      throw new IllegalStateException(
          method
              + " ran its body again for arguments it had seen: the Fleche agent is not active."
              + " Run the forked JVM with -javaagent:fleche-agent/target/fleche.jar"
              + " (see the run-*-benchmarks.sh scripts in fleche-benchmarks)");
    }
    if (first != distinctCalls) {
      throw new IllegalStateException(
          method + " ran its body " + first + " times for " + distinctCalls
              + " distinct calls on a fresh cache");
    }
  }

  /** Calls the method once with each of the case's distinct arguments, checking the results. */
  abstract void callAll();

  /** Measured calls so far. */
  abstract long calls();

  /**
   * Runs first in each iteration's set-up: a case with a fresh cache per iteration {@link
   * #activate}s it here. Nothing by default.
   */
  void openIteration() {}

  /**
   * Runs last in each iteration's tear-down, after the checks (whatever they find): a case with a
   * fresh cache per iteration {@link #deactivate}s and discards it here. Nothing by default.
   */
  void closeIteration() {}

  /** Checks that the cache is still the active one, and starts counting. */
  @Setup(Level.Iteration)
  public void startIteration() {
    openIteration();
    if (Fleches.cache() != cache) {
      throw new IllegalStateException(
          "the benchmark's cache is not active on this thread: set-up ran on another thread");
    }
    runsBefore = runs.getAsLong();
    callsBefore = calls();
  }

  /** Checks that the body ran exactly as often as intended. */
  @TearDown(Level.Iteration)
  public void checkIteration() {
    try {
      long ran = runs.getAsLong() - runsBefore;
      long calls = calls() - callsBefore;
      long expected = hits ? 0 : calls;
      if (ran != expected) {
        throw new IllegalStateException(
            method + " ran its body " + ran + " times in " + calls + " measured calls, expected "
                + expected);
      }
    } finally {
      closeIteration();
    }
  }

  /** Restores the cache that was active before {@link #activate}, if it is still active. */
  @TearDown(Level.Trial)
  public void deactivate() {
    if (active != null) {
      active.close();
      active = null;
    }
  }
}
