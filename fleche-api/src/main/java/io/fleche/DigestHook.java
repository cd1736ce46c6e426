package io.fleche;

import java.util.Objects;
import java.util.function.Function;

/**
 * Supplies the digest of values of one type (and its subtypes), for types one cannot change.
 *
 * <p>Register a hook with {@link Fleches#registerDigestHook(DigestHook)}, or list an
 * implementation with a public no-argument constructor in {@code
 * META-INF/services/io.fleche.DigestHook} to have it found through {@link java.util.ServiceLoader}
 * when the first value is digested. Hooks take precedence over {@link Digestible} and over the
 * built-in encoding; among hooks, the newest registration wins, and registered hooks win over
 * discovered ones.
 *
 * <pre>{@code
 * Fleches.registerDigestHook(DigestHook.of(Money.class,
 *     m -> Digest.of(List.of("Money", m.currency().getCurrencyCode(), m.amount()))));
 * }</pre>
 *
 * @param <T> the type the hook digests
 */
public interface DigestHook<T> {
  /** The type this hook digests; subtypes are digested by it too. */
  Class<T> type();

  /** The digest of {@code value}, which is an instance of {@link #type()}. */
  Digest digest(T value);

  /** A hook from a type and a function. */
  static <T> DigestHook<T> of(Class<T> type, Function<? super T, Digest> digest) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(digest, "digest");
    return new DigestHook<>() {
      @Override
      public Class<T> type() {
        return type;
      }

      @Override
      public Digest digest(T value) {
        return digest.apply(value);
      }

      @Override
      public String toString() {
        return "DigestHook.of(" + type.getName() + ")";
      }
    };
  }
}
