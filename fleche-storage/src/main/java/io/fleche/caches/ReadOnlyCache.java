package io.fleche.caches;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.Maintenance;
import io.fleche.QueryCall;
import java.time.Duration;
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

  /** Refused: read-only. */
  @Override
  public Maintenance.GcResult gc(Duration grace, Maintenance.Progress progress) {
    throw readOnly("collect garbage");
  }

  /** Refused, as {@link #gc(Duration, Maintenance.Progress)} is. */
  @Override
  public Maintenance.GcResult gcDryRun(Duration grace, Maintenance.Progress progress) {
    throw readOnly("collect garbage");
  }

  /**
   * Verifies the inner cache; repair is refused.
   *
   * @throws UnsupportedOperationException if this cache filters: verify the cache it filters
   */
  @Override
  public Maintenance.VerifyResult verify(boolean repair, Maintenance.Progress progress) {
    if (repair) {
      throw readOnly("repair");
    }
    if (filter != null) {
      throw new UnsupportedOperationException(
          this + " shows some calls only: verify the cache it filters");
    }
    return inner.verify(false, progress);
  }

  /** Refused: read-only. */
  @Override
  public Maintenance.RedigestResult redigest(Maintenance.Progress progress) {
    throw readOnly("re-key its calls");
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
