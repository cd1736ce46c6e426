package io.fleche.cli;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.LazyCall;
import java.util.NoSuchElementException;

/** Finding one stored call by its key, with an error message that says what the key is. */
final class Calls {
  private Calls() {}

  /**
   * The call stored under {@code key}.
   *
   * @throws NoSuchElementException naming the key if no call is stored under it (also if it is
   *     the key of a value), or if its result is not stored
   */
  static LazyCall load(Cache cache, Digest key) {
    if (!cache.contains(key)) {
      throw new NoSuchElementException(
          isValue(cache, key)
              ? key + " is the key of a stored value, not of a call"
              : "No call under " + key);
    }
    return cache.load(key);
  }

  /**
   * {@code call} reading its values through {@code cache}, a value that cannot be read (not
   * stored, or refused by the storage) read as an {@link Unreadable} that says why: for listings,
   * which must not fail for one lost value.
   */
  static LazyCall tolerant(LazyCall call, Cache cache) {
    return call.detach().fetch(key -> readable(cache, key));
  }

  /** The value under {@code key}, or an {@link Unreadable} saying why it cannot be read. */
  static Object readable(Cache cache, Digest key) {
    try {
      return cache.loadValue(key);
    } catch (RuntimeException e) {
      return new Unreadable(key, FlecheCli.oneLine(e));
    }
  }

  /**
   * {@code call} reading its values through {@code cache}, failing for a value that is stored but
   * cannot be read (its class is not on the class path or not allowed): a copy of the call must
   * not turn such an argument into a reference to nothing. An argument that was never stored (a
   * digest-only reference) still reads as its digest.
   */
  static LazyCall strict(LazyCall call, Cache cache) {
    return call.detach()
        .fetch(
            key -> {
              try {
                return cache.loadValue(key);
              } catch (NoSuchElementException e) {
                if (cache.valueSize(key).isPresent()) {
                  throw new IllegalStateException(
                      "the value " + key + " of the call " + call.lookupKey() + " is stored but"
                          + " cannot be read (" + FlecheCli.oneLine(e) + "); give the"
                          + " application's classes with --classpath and allow them", e);
                }
                throw e;
              }
            });
  }

  /** A value that cannot be read, in a listing. */
  record Unreadable(Digest key, String reason) {
    @Override
    public String toString() {
      return "<unreadable: " + reason + ">";
    }
  }

  /** True if a value is stored under {@code key}. */
  static boolean isValue(Cache cache, Digest key) {
    try {
      cache.loadValue(key);
      return true;
    } catch (NoSuchElementException e) {
      return cache.valueSize(key).isPresent(); // stored, but not readable here
    }
  }
}
