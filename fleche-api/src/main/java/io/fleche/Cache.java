package io.fleche;

import io.fleche.storage.Intent;
import io.fleche.storage.Scope;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

/**
 * Where memoized calls are kept: a value storage and a call storage plus a policy (read-only,
 * stacked, size-limited, ...). Caches are built by {@code io.fleche.caches.Caches} or from
 * {@code fleche.toml}; the active one is {@link Fleches#cache()}.
 *
 * <p>A computed call is saved in two phases: {@link #prepare} stores the argument values before
 * the body runs (so a body that mutates its arguments cannot change what is recorded), {@link
 * PreparedCall#commit} stores the result and the record.
 *
 * <pre>{@code
 * try (PreparedCall p = cache.prepare(call)) {
 *   Object result = compute();
 *   p.commit(result, metadata);
 * }
 * LazyCall hit = cache.load(call.lookupKey());
 * }</pre>
 *
 * <p>Implementations are thread-safe.
 */
public interface Cache {
  /**
   * Admits {@code call} (without result) before it is computed: its argument values are stored
   * now; the record is stored at {@link PreparedCall#commit}.
   *
   * @throws RejectedException if the cache refuses
   * @throws UndigestableException if an argument cannot be digested
   */
  PreparedCall prepare(Call call);

  /**
   * Stores the result and the record of a prepared call; called by {@link PreparedCall#commit}.
   *
   * @throws RejectedException if the cache refuses (read-only, a value that cannot be stored)
   */
  Digest commit(PreparedCall prepared, Object result, Map<String, ? extends Map<String, ?>> metadata);

  /**
   * Stores a complete call (with its result) in one step.
   *
   * @throws RejectedException if the cache refuses
   * @throws IllegalArgumentException if the call has no result
   */
  Digest save(Call call);

  /**
   * The call stored under {@code key}, its values loaded on access.
   *
   * @throws NoSuchElementException on a miss
   */
  LazyCall load(Digest key);

  /**
   * The value stored under {@code key}.
   *
   * @throws NoSuchElementException if it is not stored
   */
  Object loadValue(Digest key);

  /**
   * The bytes the value under {@code key} takes in this cache's storage, its parts included (see
   * {@link io.fleche.storage.ValueStorage#sizeOf}); empty if it is not stored or the storage
   * cannot tell. Loads no value. The default: empty.
   */
  default OptionalLong valueSize(Digest key) {
    return OptionalLong.empty();
  }

  /** True if a call is stored under {@code key}; loads no value. */
  boolean contains(Digest key);

  /** Removes the call record under {@code key} (values stay until garbage collection). */
  void evict(Digest key);

  /**
   * The full key of a call or value for a unique prefix of at least 4 hex characters.
   *
   * @throws NoSuchElementException if nothing matches
   * @throws io.fleche.storage.AmbiguousDigestException if several keys match
   */
  Digest expand(String key);

  /** The shortest unambiguous prefixes of the given stored keys, for display. */
  List<String> shrink(Collection<Digest> keys);

  /** The stored calls matching {@code template}; re-iterable, re-runs the query each time. */
  QueryResult query(QueryCall template);

  /** Every stored call. */
  default QueryResult query() {
    return query(QueryCall.any());
  }

  /**
   * The resource (a lock) held around one compound operation on {@code key}; close it.
   */
  Scope operation(Digest key, Intent intent);

  /**
   * How many times this cache's content has changed (saves, commits, evictions), for in-process
   * layers that keep results in front of it and must notice changes; {@code -1} if the cache
   * cannot tell — its storages may change behind its back (another process, another cache over
   * the same storages) — and then nothing may be kept in front of it. The default: {@code -1}.
   */
  default long modifications() {
    return -1;
  }

  /**
   * Copies {@code call} into this cache, atomically with respect to other operations on its key:
   * skipped (false) if the key is present and not {@code overwrite}.
   */
  default boolean transferOne(LazyCall call, boolean overwrite) {
    Digest key = call.lookupKey();
    try (Scope s = operation(key, Intent.WRITE)) {
      if (!overwrite && contains(key)) {
        return false;
      }
      save(call.fetch());
      return true;
    }
  }

  /** {@link #gc(Duration, Maintenance.Progress)} with {@link Maintenance#DEFAULT_GRACE}. */
  default Maintenance.GcResult gc() {
    return gc(Maintenance.DEFAULT_GRACE, Maintenance.Progress.NONE);
  }

  /**
   * Garbage collection: removes the stored values that no call record refers to, directly or as
   * a part of a destructured value. Call records are never touched. Safe while calls are recorded
   * by other threads and other processes: a value saved or touched less than {@code grace} ago is
   * kept with its parts, and a commit touches its argument values before it stores its record
   * (saving again those removed meanwhile), so a recorded call never loses a value — provided the
   * values of one commit and its record are stored less than {@code grace} apart (and the clocks
   * of machines sharing a cache differ by much less than that).
   *
   * <p>The value storage must be this cache's alone: values that only another cache's records
   * refer to are removed.
   *
   * @param grace how long a value that no record refers to is kept after it was saved or touched
   * @param progress receives the progress of the tasks {@code "calls"} (records read), {@code
   *     "values"} (values no record refers to, read) and {@code "removing"} (those looked at for
   *     removal)
   * @throws UnsupportedOperationException if the cache cannot (its storage keeps no save times)
   * @throws RejectedException if the cache is read-only
   * @throws FlecheException if a stored value cannot be read to find the parts it refers to (of
   *     a class not available here, or damaged: see {@link #verify}); nothing is removed then
   */
  default Maintenance.GcResult gc(Duration grace, Maintenance.Progress progress) {
    throw Maintenance.unsupported(this, "collect garbage");
  }

  /**
   * A dry run of {@link #gc(Duration, Maintenance.Progress) gc(grace, progress)}: the same mark
   * and sweep, which removes nothing and reports what it would remove now, and the bytes that
   * would free. Calls recorded or evicted meanwhile may change what a real run removes.
   *
   * <pre>{@code
   * Maintenance.GcResult would = cache.gcDryRun(Duration.ofHours(1), Maintenance.Progress.NONE);
   * System.out.println(would.removed().size() + " values, " + would.bytesFreed() + " bytes");
   * }</pre>
   *
   * @throws UnsupportedOperationException if the cache cannot collect garbage
   * @throws RejectedException if the cache is read-only (it would refuse to collect garbage)
   * @throws FlecheException if a stored value cannot be read to find the parts it refers to
   */
  default Maintenance.GcResult gcDryRun(Duration grace, Maintenance.Progress progress) {
    throw Maintenance.unsupported(this, "collect garbage");
  }

  /** {@link #verify(boolean, Maintenance.Progress)} without progress. */
  default Maintenance.VerifyResult verify(boolean repair) {
    return verify(repair, Maintenance.Progress.NONE);
  }

  /**
   * Reads every call record and every value and reports what is wrong (see {@link
   * Maintenance.Problem.Kind}): values must read back and digest to their key, committed calls
   * must have their result value, stored argument values must be sound. A bad entry is reported,
   * never thrown. With {@code repair}, the call records and values with problems are removed (a
   * call is computed again when next needed), so that verifying again finds nothing.
   *
   * @param progress receives the progress of the tasks {@code "calls"} and {@code "values"}
   * @throws UnsupportedOperationException if the cache cannot
   * @throws RejectedException if {@code repair} and the cache is read-only
   */
  default Maintenance.VerifyResult verify(boolean repair, Maintenance.Progress progress) {
    throw Maintenance.unsupported(this, "verify its entries");
  }

  /** {@link #redigest(Maintenance.Progress)} without progress. */
  default Maintenance.RedigestResult redigest() {
    return redigest(Maintenance.Progress.NONE);
  }

  /**
   * Re-keys the stored calls after a change of the digest format or of how keys are made: each
   * call is loaded with its values, which are digested again; a call whose key or value digests
   * changed is stored again under its new key (its values under their new digests) and removed
   * from the old key, atomically with respect to other operations on both keys. Unchanged calls
   * are left as they are, so running it again changes nothing. If the new key holds a call
   * already (computed since), that one is kept and the old one removed. Values left behind go at
   * the next {@link #gc()}.
   *
   * @param progress receives the progress of the task {@code "calls"}
   * @throws UnsupportedOperationException if the cache cannot
   * @throws RejectedException if the cache is read-only
   */
  default Maintenance.RedigestResult redigest(Maintenance.Progress progress) {
    throw Maintenance.unsupported(this, "re-key its calls");
  }
}
