package io.fleche;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stored form of a call: arguments and result as digests of values kept in a value storage,
 * metadata as JSON-like maps. A call whose result digest is absent is <em>pending</em>: admitted
 * before its body ran, not yet committed.
 *
 * <p>Immutable, compared by content.
 */
public final class DigestedCall implements CallRecord {
  private final FunctionId function;
  private final Map<String, Digest> arguments;
  private final Digest result;
  private final Map<String, Map<String, Object>> metadata;

  private DigestedCall(
      FunctionId function,
      Map<String, Digest> arguments,
      Digest result,
      Map<String, Map<String, Object>> metadata) {
    this.function = function;
    this.arguments = arguments;
    this.result = result;
    this.metadata = metadata;
  }

  /**
   * A stored call.
   *
   * @param arguments argument digests in parameter order
   * @param result the result's digest, or {@code null} while pending
   * @param metadata namespace to JSON-like map
   */
  public static DigestedCall of(
      FunctionId function,
      Map<String, Digest> arguments,
      Digest result,
      Map<String, ? extends Map<String, ?>> metadata) {
    Objects.requireNonNull(function, "function");
    Map<String, Digest> args = Call.orderedCopy(arguments);
    for (Map.Entry<String, Digest> e : args.entrySet()) {
      Objects.requireNonNull(e.getValue(), () -> "digest of argument " + e.getKey());
    }
    return new DigestedCall(function, args, result, JsonValues.metadata(metadata));
  }

  /** This call with a result digest (committed). */
  public DigestedCall withResult(Digest result) {
    return new DigestedCall(function, arguments, Objects.requireNonNull(result), metadata);
  }

  /** This call with the given metadata, replacing any before. */
  public DigestedCall withMetadata(Map<String, ? extends Map<String, ?>> metadata) {
    return new DigestedCall(function, arguments, result, JsonValues.metadata(metadata));
  }

  @Override
  public FunctionId function() {
    return function;
  }

  /** Argument digests by parameter name, in parameter order (unmodifiable). */
  public Map<String, Digest> arguments() {
    return arguments;
  }

  @Override
  public List<String> argumentNames() {
    return List.copyOf(arguments.keySet());
  }

  /** The result's digest, or {@code null} while the call is pending. */
  public Digest result() {
    return result;
  }

  /** True if the call was admitted but its result not yet committed. */
  public boolean isPending() {
    return result == null;
  }

  @Override
  public Map<String, Map<String, Object>> metadata() {
    return metadata;
  }

  @Override
  public Digest lookupKey() {
    return CallKey.of(function, arguments);
  }

  @Override
  public Digest digest() {
    return Digester.callRecord(lookupKey(), result, metadata);
  }

  @Override
  public DigestedCall digested() {
    return this;
  }

  /** A view of this call that loads argument and result values through {@code values}. */
  public LazyCall fetch(ValueLoader values) {
    return new LazyCall(this, values);
  }

  /** This call with a different function identity (e.g. after a version change). */
  public DigestedCall withFunction(FunctionId function) {
    return new DigestedCall(Objects.requireNonNull(function), arguments, result, metadata);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DigestedCall)) {
      return false;
    }
    DigestedCall c = (DigestedCall) o;
    return function.equals(c.function)
        && List.copyOf(arguments.entrySet()).equals(List.copyOf(c.arguments.entrySet()))
        && Objects.equals(result, c.result)
        && metadata.equals(c.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(function, arguments, result, metadata);
  }

  @Override
  public String toString() {
    return "DigestedCall["
        + function.name()
        + arguments
        + (result == null ? " pending" : " -> " + result)
        + (metadata.isEmpty() ? "" : " " + metadata)
        + "]";
  }
}
