package io.fleche;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/**
 * A handle on a {@code @Fleche} method: the helpers the Python decorator attaches to a function.
 * Arguments are passed as the method takes them; for an instance method the receiver comes
 * first. Every helper uses the active cache ({@link Fleches#cache()}).
 *
 * <pre>{@code
 * FlecheFunction simulate = Fleches.function(Physics.class, "simulate", int.class, double.class);
 * simulate.call(100, 0.01);                       // memoized call
 * boolean known = simulate.contains(100, 0.01);   // no computation
 * simulate.query(Map.of("steps", 100)).results(); // every recorded dt for steps = 100
 * simulate.rerun(100, 0.01);                      // recompute, overwrite
 * }</pre>
 */
public interface FlecheFunction {
  /** The method. */
  Method method();

  /** The function's identity, as in its calls' records. */
  FunctionId function();

  /** Calls the method (memoized). Checked exceptions of the method propagate unchanged. */
  Object call(Object... arguments) throws Exception;

  /** The call these arguments make, without running anything. */
  Call toCall(Object... arguments);

  /** The lookup key of the call with these arguments. */
  Digest digest(Object... arguments);

  /** True if the call with these arguments is in the cache; nothing runs. */
  boolean contains(Object... arguments);

  /**
   * The stored result of the call with these arguments; nothing runs.
   *
   * @throws NoSuchElementException if it is not in the cache
   */
  Object load(Object... arguments);

  /**
   * Recorded calls of this function whose arguments match {@code arguments} (a subset, by
   * parameter name; a {@code null} value means "any value").
   */
  QueryResult query(Map<String, ?> arguments);

  /** {@link #query(Map)} also filtering by metadata namespace, as {@link QueryCall} does. */
  QueryResult query(Map<String, ?> arguments, Map<String, ? extends Map<String, ?>> metadata);

  /**
   * Computes the call again, and every memoized call it makes, overwriting what was stored.
   */
  Object rerun(Object... arguments) throws Exception;

  /**
   * The call with these arguments, ready to run elsewhere with this thread's cache and metadata.
   * An executor wrapped by {@link Fleches#wrap} serves it from the cache without running it.
   */
  BoundCall bind(Object... arguments);

  /** A memoized call bound to its arguments, cache and metadata; see {@link #bind}. */
  interface BoundCall extends Callable<Object> {
    /** A completed future of the stored result if the call is in the cache, else null. */
    java.util.concurrent.CompletableFuture<Object> cached();
  }
}
