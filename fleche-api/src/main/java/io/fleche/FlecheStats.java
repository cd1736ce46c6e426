package io.fleche;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A snapshot of Fleche's statistics, per memoized function: hits, misses, uncached calls, time
 * computing and time saved ({@link FunctionStats}). Taken with {@link Fleches#stats()} (every
 * cache) or {@link Fleches#stats(Cache)} (one cache); immutable. Counts only grow, so the
 * difference of two snapshots ({@link #since}) is what happened in between.
 *
 * <pre>{@code
 * FlecheStats before = Fleches.stats(cache);
 * physics.simulate(100, 0.01);
 * FunctionStats s = Fleches.stats(cache).since(before).function(Physics.class, "simulate");
 * boolean hit = s.hits() == 1 && s.misses() == 0;
 * }</pre>
 *
 * <p>Functions are keyed by the declaring class's binary name, the method's name and its erased
 * parameter types: {@code com.acme.Physics.simulate(int,double)} ({@link #key(Method)}). Only the
 * memoizing runtime (the agent) counts; without it every snapshot is {@link #EMPTY}.
 *
 * @param functions the statistics of each function that did something, by {@link #key(Method)};
 *     unmodifiable, ordered by key
 */
public record FlecheStats(Map<String, FunctionStats> functions) {
  /** No function did anything. */
  public static final FlecheStats EMPTY = new FlecheStats(Map.of());

  public FlecheStats {
    functions = Collections.unmodifiableMap(new TreeMap<>(functions));
  }

  /** The key of {@code method} in {@link #functions()}: {@code com.acme.Physics.simulate(int,double)}. */
  public static String key(Method method) {
    StringJoiner parameters = new StringJoiner(",", "(", ")");
    for (Class<?> type : method.getParameterTypes()) {
      parameters.add(type.getName());
    }
    return method.getDeclaringClass().getName() + "." + method.getName() + parameters;
  }

  /** The statistics of {@code method}; {@link FunctionStats#NONE} if it did nothing. */
  public FunctionStats function(Method method) {
    return functions.getOrDefault(key(method), FunctionStats.NONE);
  }

  /** The statistics of the memoized methods of {@code type} named {@code name}, overloads added up. */
  public FunctionStats function(Class<?> type, String name) {
    String prefix = type.getName() + "." + name + "(";
    FunctionStats sum = FunctionStats.NONE;
    for (Map.Entry<String, FunctionStats> e : functions.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        sum = sum.plus(e.getValue());
      }
    }
    return sum;
  }

  /** Every function's statistics added up. */
  public FunctionStats total() {
    return functions.values().stream().reduce(FunctionStats.NONE, FunctionStats::plus);
  }

  /** The statistics of both snapshots added up, function by function. */
  public FlecheStats plus(FlecheStats other) {
    Map<String, FunctionStats> sum = new TreeMap<>(functions);
    other.functions.forEach((key, stats) -> sum.merge(key, stats, FunctionStats::plus));
    return new FlecheStats(sum);
  }

  /**
   * What happened since {@code earlier} (a snapshot of the same caches taken before): each
   * function's counts less its counts then; functions that did nothing in between are left out.
   */
  public FlecheStats since(FlecheStats earlier) {
    Map<String, FunctionStats> difference = new TreeMap<>();
    functions.forEach(
        (key, stats) -> {
          FunctionStats d = stats.minus(earlier.functions.getOrDefault(key, FunctionStats.NONE));
          if (!d.equals(FunctionStats.NONE)) {
            difference.put(key, d);
          }
        });
    return new FlecheStats(difference);
  }
}
