package io.fleche.storages;

import java.time.Instant;

/** Awaiting the wall clock, for tests of save times. */
public final class Clocks {
  private Clocks() {}

  /**
   * The first reading of {@link Instant#now()} after {@code t}, awaited: everything stamped before
   * this call is stamped before the instant returned.
   */
  public static Instant after(Instant t) {
    Instant now;
    while (!(now = Instant.now()).isAfter(t)) {
      Thread.onSpinWait();
    }
    return now;
  }

  /** {@link #after} now: a time later than every stamp made so far. */
  public static Instant tick() {
    return after(Instant.now());
  }
}
