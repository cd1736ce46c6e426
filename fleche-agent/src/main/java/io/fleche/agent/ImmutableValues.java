package io.fleche.agent;

import io.fleche.Digest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import java.util.UUID;

/**
 * Types whose instances never change and whose {@code equals} holds exactly when their digests are
 * equal, so a call's key may be remembered by argument value: boxed primitives ({@code Double} and
 * {@code Float} compare bits, like their digests), strings, {@code BigInteger}, {@code BigDecimal}
 * (scale included, like its digest), {@code UUID}, digests, enum constants, and {@code null}.
 */
final class ImmutableValues {
  private static final Set<Class<?>> TYPES =
      Set.of(
          String.class,
          Integer.class,
          Long.class,
          Short.class,
          Byte.class,
          Character.class,
          Boolean.class,
          Double.class,
          Float.class,
          BigInteger.class,
          BigDecimal.class,
          UUID.class,
          Digest.class);

  private ImmutableValues() {}

  static boolean all(Object[] values) {
    for (Object v : values) {
      if (!is(v)) {
        return false;
      }
    }
    return true;
  }

  static boolean is(Object v) {
    return v == null || TYPES.contains(v.getClass()) || v instanceof Enum;
  }
}
