package io.fleche;

import java.util.Objects;

/**
 * The identity of a memoized function: everything about a call's key except its arguments.
 *
 * <ul>
 *   <li>{@code name}: the method qualified by its (nested) class, e.g. {@code Physics.simulate};
 *   <li>{@code signature}: the erased parameter types, e.g. {@code (int,java.lang.String)}, so
 *       overloads never share keys;
 *   <li>{@code module}: the package, or {@code null} when not hashed;
 *   <li>{@code version}: from {@code @Fleche(version=...)} or the jar's manifest, or {@code null};
 *   <li>{@code codeDigest}: the digest of the method's bytecode when it takes part in the key, or
 *       {@code null}.
 * </ul>
 */
public record FunctionId(
    String name, String signature, String module, String version, Digest codeDigest) {
  public FunctionId {
    Objects.requireNonNull(name, "name");
  }

  /** A function identified by its name alone. */
  public static FunctionId named(String name) {
    return new FunctionId(name, null, null, null, null);
  }
}
