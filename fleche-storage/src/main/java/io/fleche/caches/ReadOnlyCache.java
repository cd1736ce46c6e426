package io.fleche.caches;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.QueryCall;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The seed's {@code ReadOnlyCache} and, with a filter, its {@code FilteredCache}: reads of the
 * inner cache, restricted to the calls the filter accepts; prepare admits by digest only, commit,
 * save and evict are refused.
 */
final class ReadOnlyCache extends CacheWrapper {
  private final Predicate<? super LazyCall> filter; // null: every call

  ReadOnlyCache(Cache inner, Predicate<? super LazyCall> filter) {
    super(inner);
    this.filter = filter;
  }

  /** None: read-only. */
  @Override
  Cache writesTo() {
    return null;
  }

  /**
   * @throws NoSuchElementException also if the filter rejects the stored call
   */
  @Override
  public LazyCall load(Digest key) {
    LazyCall hit = inner.load(key);
    if (filter != null && !filter.test(hit)) {
      throw new NoSuchElementException("The call under " + key + " is filtered out by " + this);
    }
    return hit;
  }

  @Override
  public boolean contains(Digest key) {
    if (filter == null) {
      return inner.contains(key);
    }
    try {
      load(key);
      return true;
    } catch (NoSuchElementException e) {
      return false;
    }
  }

  @Override
  Stream<LazyCall> calls(QueryCall template) {
    Stream<LazyCall> all = super.calls(template);
    return filter == null ? all : all.filter(filter);
  }

  @Override
  long count(QueryCall template) {
    return filter == null ? super.count(template) : counted(calls(template));
  }

  @Override
  public String toString() {
    return (filter == null ? "ReadOnlyCache[" : "FilteredCache[" + filter + ", ") + inner + "]";
  }

  /** A filter accepting the calls {@code template} matches, named after it. */
  static Predicate<LazyCall> matching(QueryCall template) {
    Objects.requireNonNull(template, "template");
    return new Predicate<>() {
      @Override
      public boolean test(LazyCall call) {
        return template.matches(call);
      }

      @Override
      public String toString() {
        return template.toString();
      }
    };
  }
}
