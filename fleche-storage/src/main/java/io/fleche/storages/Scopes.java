package io.fleche.storages;

import io.fleche.storage.Scope;
import java.util.function.Supplier;

/** Scopes opened one inside another: a lock around a wrapped storage's or cache's scope. */
public final class Scopes {
  private Scopes() {}

  /**
   * Opens {@code inner} inside the already open {@code outer}. The result closes {@code inner},
   * then {@code outer}; if opening {@code inner} fails, {@code outer} is closed at once.
   *
   * <pre>{@code
   * lock.lock();
   * return Scopes.nest(lock::unlock, () -> wrapped.operation(key, intent));
   * }</pre>
   */
  public static Scope nest(Scope outer, Supplier<Scope> inner) {
    try {
      Scope in = inner.get();
      if (outer == Scope.NONE) {
        return in;
      }
      if (in == Scope.NONE) {
        return outer;
      }
      return () -> {
        try {
          in.close();
        } finally {
          outer.close();
        }
      };
    } catch (RuntimeException | Error e) {
      outer.close();
      throw e;
    }
  }
}
