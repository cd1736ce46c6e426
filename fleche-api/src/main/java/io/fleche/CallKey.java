package io.fleche;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Computes the lookup keys of one function's calls (see {@link CallRecord#lookupKey()}) without
 * building {@link Call} objects: the digest of the function's identity and argument names (the
 * call's shape) is computed once, each key then costs the argument digests and one SHA-256 over
 * at most a few blocks. The memoizing agent's hit path.
 *
 * <pre>{@code
 * CallKey keys = CallKey.of(function, List.of("steps", "dt"));
 * Digest key = keys.digest(new Object[] {100, 0.01});   // == Call.of(function, ...).lookupKey()
 * }</pre>
 */
public final class CallKey {
  private final FunctionId function;
  private final String[] names;
  private final Digest shape;

  private CallKey(FunctionId function, String[] names) {
    this.function = function;
    this.names = names;
    byte[] identity =
        Digester.inlineTexts(
            function.name(),
            function.signature(),
            function.module(),
            function.version(),
            function.codeDigest() == null ? null : function.codeDigest().toString());
    byte[][] encodedNames = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      encodedNames[i] = Digester.inlineTexts(names[i]);
    }
    this.shape = Digester.callShape(identity, encodedNames);
  }

  /** The keys of {@code function}'s calls with these argument names, in parameter order. */
  public static CallKey of(FunctionId function, List<String> argumentNames) {
    return new CallKey(function, argumentNames.toArray(new String[0]));
  }

  static Digest of(FunctionId function, Map<String, ?> arguments) {
    return new CallKey(function, arguments.keySet().toArray(new String[0]))
        .digest(arguments.values().toArray());
  }

  /** The function. */
  public FunctionId function() {
    return function;
  }

  /** The argument names, in parameter order. */
  public List<String> argumentNames() {
    return List.of(names);
  }

  /**
   * The lookup key of the call with these argument values (or their digests), in the order of
   * {@link #argumentNames()}.
   *
   * @throws UndigestableException naming the argument that cannot be digested
   * @throws IllegalArgumentException if the number of values differs from the number of names
   */
  public Digest digest(Object[] values) {
    if (values.length != names.length) {
      throw new IllegalArgumentException(
          function.name() + " takes " + Arrays.toString(names) + ", got " + values.length
              + " values");
    }
    return Digester.callKey(shape, names, values);
  }
}
