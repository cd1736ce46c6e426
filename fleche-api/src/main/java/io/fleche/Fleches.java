package io.fleche;

import java.util.Objects;
import java.util.function.Function;

/**
 * Fleche's static entry point.
 *
 * <pre>{@code
 * Fleches.registerDigestHook(Money.class, m -> Digest.of(List.of(m.currency(), m.amount())));
 * Digest d = Digest.of(new Money("EUR", 12));
 * }</pre>
 */
public final class Fleches {
  private Fleches() {}

  /**
   * Registers a digest hook; it takes precedence over every hook registered before it, over
   * hooks found through {@link java.util.ServiceLoader}, over {@link Digestible} and over the
   * built-in encoding, for its type and subtypes.
   */
  public static void registerDigestHook(DigestHook<?> hook) {
    Digester.register(Objects.requireNonNull(hook, "hook"));
  }

  /** Registers {@code DigestHook.of(type, digest)}; see {@link #registerDigestHook(DigestHook)}. */
  public static <T> void registerDigestHook(Class<T> type, Function<? super T, Digest> digest) {
    registerDigestHook(DigestHook.of(type, digest));
  }
}
