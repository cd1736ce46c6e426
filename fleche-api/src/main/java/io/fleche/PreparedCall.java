package io.fleche;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A call admitted by {@link Cache#prepare} before its body runs: argument values are stored, the
 * key is sealed. Commit it once with the result, or abandon it (closing an uncommitted one
 * abandons it); abandoning leaves the stored argument values for garbage collection.
 */
public final class PreparedCall implements AutoCloseable {
  private static final int OPEN = 0;
  private static final int COMMITTED = 1;
  private static final int ABANDONED = 2;

  private final Call call;
  private final DigestedCall digested;
  private final Cache cache;
  private final AtomicInteger state = new AtomicInteger(OPEN);

  private PreparedCall(Call call, DigestedCall digested, Cache cache) {
    this.call = call;
    this.digested = digested;
    this.cache = cache;
  }

  /**
   * A prepared call that {@code cache} will file on commit.
   *
   * @param call the live call, without result
   * @param digested its stored form, argument values already saved
   */
  public static PreparedCall of(Call call, DigestedCall digested, Cache cache) {
    return new PreparedCall(
        Objects.requireNonNull(call), Objects.requireNonNull(digested), Objects.requireNonNull(cache));
  }

  /** The live call (arguments, no result). */
  public Call call() {
    return call;
  }

  /** The stored form with argument digests; pending. */
  public DigestedCall digested() {
    return digested;
  }

  /** The sealed lookup key. */
  public Digest lookupKey() {
    return digested.lookupKey();
  }

  /** The cache that files this call on commit. */
  public Cache cache() {
    return cache;
  }

  /**
   * Stores {@code result} and the record with {@code metadata}; returns the key.
   *
   * @throws IllegalStateException if already committed or abandoned
   * @throws RejectedException if the cache refuses
   */
  public Digest commit(Object result, Map<String, ? extends Map<String, ?>> metadata) {
    if (!state.compareAndSet(OPEN, COMMITTED)) {
      throw new IllegalStateException(
          "call of " + call.name() + " was already " + (state.get() == COMMITTED ? "committed" : "abandoned"));
    }
    return cache.commit(this, result, metadata == null ? Map.of() : metadata);
  }

  /** Gives the call up; does nothing if it was committed or abandoned already. */
  public void abandon() {
    state.compareAndSet(OPEN, ABANDONED);
  }

  /** Abandons the call unless it was committed. */
  @Override
  public void close() {
    abandon();
  }
}
