package io.fleche;

import io.fleche.storage.SaveException;
import io.fleche.storage.ValueStorage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A call with its live values: the function, the arguments in parameter order, the metadata and,
 * once computed, the result. A {@code null} result is a result ({@link #hasResult()} tells it from
 * "not computed yet").
 *
 * <pre>{@code
 * Call call = Call.of(FunctionId.named("Physics.simulate"), Map.of("steps", 100))
 *     .withResult(42.0);
 * Digest key = call.lookupKey();          // what the cache is keyed by
 * DigestedCall stored = call.stash(values); // values saved, digests kept
 * }</pre>
 *
 * <p>Instances are immutable, but argument and result values are held as given: do not mutate
 * them after building the call.
 */
public final class Call implements CallRecord {
  private final FunctionId function;
  private final Map<String, Object> arguments;
  private final Map<String, Map<String, Object>> metadata;
  private final boolean hasResult;
  private final Object result;

  private Call(
      FunctionId function,
      Map<String, Object> arguments,
      Map<String, Map<String, Object>> metadata,
      boolean hasResult,
      Object result) {
    this.function = function;
    this.arguments = arguments;
    this.metadata = metadata;
    this.hasResult = hasResult;
    this.result = result;
  }

  /**
   * A call without result and metadata. The arguments' iteration order is the parameter order
   * (use a {@link LinkedHashMap} or {@code Map.of} with one entry); values may be {@code null}.
   */
  public static Call of(FunctionId function, Map<String, ?> arguments) {
    Objects.requireNonNull(function, "function");
    return new Call(function, orderedCopy(arguments), Map.of(), false, null);
  }

  static <V> Map<String, V> orderedCopy(Map<String, ? extends V> arguments) {
    Map<String, V> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends V> e : arguments.entrySet()) {
      copy.put(Objects.requireNonNull(e.getKey(), "argument name"), e.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  /** This call with {@code result} (which may be {@code null}). */
  public Call withResult(Object result) {
    return new Call(function, arguments, metadata, true, result);
  }

  /** This call with the given metadata (namespace to JSON-like map), replacing any before. */
  public Call withMetadata(Map<String, ? extends Map<String, ?>> metadata) {
    return new Call(function, arguments, JsonValues.metadata(metadata), hasResult, result);
  }

  @Override
  public FunctionId function() {
    return function;
  }

  /** The arguments by parameter name, in parameter order (unmodifiable; values may be null). */
  public Map<String, Object> arguments() {
    return arguments;
  }

  @Override
  public List<String> argumentNames() {
    return List.copyOf(arguments.keySet());
  }

  @Override
  public Map<String, Map<String, Object>> metadata() {
    return metadata;
  }

  /** Whether the result has been set; a {@code null} result counts. */
  public boolean hasResult() {
    return hasResult;
  }

  /**
   * The result.
   *
   * @throws IllegalStateException if no result has been set
   */
  public Object result() {
    if (!hasResult) {
      throw new IllegalStateException("call of " + function.name() + " has no result yet");
    }
    return result;
  }

  /**
   * {@inheritDoc}
   *
   * @throws UndigestableException naming the argument that cannot be digested
   */
  @Override
  public Digest lookupKey() {
    return CallKey.of(function, arguments);
  }

  @Override
  public Digest digest() {
    return Digester.callRecord(lookupKey(), hasResult ? resultDigest() : null, metadata);
  }

  private Digest resultDigest() {
    try {
      return Digest.of(result);
    } catch (UndigestableException e) {
      throw e.within("result");
    }
  }

  @Override
  public DigestedCall digested() {
    Map<String, Digest> digests = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : arguments.entrySet()) {
      try {
        digests.put(e.getKey(), Digest.of(e.getValue()));
      } catch (UndigestableException x) {
        throw x.within("arguments." + e.getKey());
      }
    }
    return DigestedCall.of(function, digests, hasResult ? resultDigest() : null, metadata);
  }

  /**
   * Saves the argument values and the result (if any) in {@code values} and returns the stored
   * form. An argument that is already a {@link Digest} is kept as it is; an argument the storage
   * refuses ({@link SaveException}) is kept as a digest-only reference (the call is still keyed
   * and queryable, the value cannot be loaded back).
   *
   * @throws SaveException if the result cannot be saved
   * @throws UndigestableException if an argument or the result cannot be digested
   */
  public DigestedCall stash(ValueStorage values) {
    Map<String, Digest> digests = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : arguments.entrySet()) {
      Object v = e.getValue();
      Digest d;
      if (v instanceof Digest) {
        d = (Digest) v;
      } else {
        try {
          d = Digest.of(v);
        } catch (UndigestableException x) {
          throw x.within("arguments." + e.getKey());
        }
        try {
          values.save(v, d);
        } catch (SaveException x) {
          System.getLogger("io.fleche.call")
              .log(
                  System.Logger.Level.DEBUG,
                  "Argument {0} of {1} is kept as a digest-only reference: {2}",
                  e.getKey(),
                  function.name(),
                  x.getMessage());
        }
      }
      digests.put(e.getKey(), d);
    }
    Digest r = null;
    if (hasResult) {
      r = result instanceof Digest ? (Digest) result : values.save(result, resultDigest());
    }
    return DigestedCall.of(function, digests, r, metadata);
  }

  @Override
  public String toString() {
    return "Call[" + function.name() + arguments + (hasResult ? " -> " + result : "") + "]";
  }
}
