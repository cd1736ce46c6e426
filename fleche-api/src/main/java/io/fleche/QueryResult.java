package io.fleche;

import java.util.Iterator;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The calls a query found. Re-iterable: every iteration, stream or terminal operation runs the
 * query again and reflects the cache as it is then.
 */
public final class QueryResult implements Iterable<LazyCall> {
  private final Cache cache;
  private final Supplier<Stream<LazyCall>> calls;

  /**
   * @param cache the cache the calls come from (for eviction and transfer)
   * @param calls runs the query; each call returns a fresh stream
   */
  public QueryResult(Cache cache, Supplier<Stream<LazyCall>> calls) {
    this.cache = Objects.requireNonNull(cache);
    this.calls = Objects.requireNonNull(calls);
  }

  /** The cache the calls come from. */
  public Cache cache() {
    return cache;
  }

  /** The calls, queried now. Close the stream. */
  public Stream<LazyCall> stream() {
    return calls.get();
  }

  @Override
  public Iterator<LazyCall> iterator() {
    return stream().iterator();
  }
}
