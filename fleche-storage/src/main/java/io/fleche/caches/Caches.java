package io.fleche.caches;

import io.fleche.Cache;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.QueryCall;
import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.Storages;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Factories for caches: a plain cache over a value and a call storage, and the policies built on
 * caches (read-only, refreshing, filtered, stacked, pooled, size-limited).
 *
 * <pre>{@code
 * Cache local = Caches.memory();
 * Cache shared = Caches.of(Storages.valueMemory(), Storages.callMemory());
 * Cache cache = Caches.stack(local, Caches.readOnly(shared)); // shared hits copied to local
 *
 * try (PreparedCall p = cache.prepare(call)) {                // arguments stored now
 *   p.commit(compute(), Map.of());                            // result and record
 * }
 * Object result = cache.load(call.lookupKey()).result();      // a hit (the result may be null)
 * Caches.transfer(local, shared, false, false);               // copy every call over
 * }</pre>
 *
 * <p>Every cache is thread-safe. A cache signals refusal (read-only, a value that cannot be stored)
 * with {@link io.fleche.RejectedException}; a memoized call site never sees it.
 */
public final class Caches {
  private Caches() {}

  /**
   * The seed's {@code Cache}: argument values are stored at {@code prepare}, the result and the
   * record at commit; a lookup finds a record whose result value is stored (a pending record or a
   * missing result value is a miss); eviction removes the record only. Writes of a key hold that
   * key's (reentrant) lock, {@link Cache#operation}.
   */
  public static Cache of(ValueStorage values, CallStorage calls) {
    return new StorageCache(values, calls, false);
  }

  /** {@link #of} over {@link Storages#valueMemory()} and {@link Storages#callMemory()}. */
  public static Cache memory() {
    return new StorageCache(Storages.valueMemory(), Storages.callMemory(), true);
  }

  /** {@link #of} over void storages: accepts every save and forgets it, so every lookup misses. */
  public static Cache voidCache() {
    return of(Storages.valueVoid(), Storages.callVoid());
  }

  /**
   * {@code cache}'s calls, read only: {@code prepare} admits a call by its digests alone (nothing
   * is stored; the body runs and its commit is refused), commit, save and evict are refused.
   */
  public static Cache readOnly(Cache cache) {
    return new ReadOnlyCache(cache, null);
  }

  /**
   * {@code cache} with every lookup missing ({@code load} throws, {@code contains} is false) until
   * the call has been computed again and written through the refreshing cache: each call is
   * computed once more and replaces its record, and a lookup of a call refreshed already hits.
   * Backs {@code rerun}; make a new one for each rerun.
   */
  public static Cache refreshing(Cache cache) {
    return new RefreshingCache(cache);
  }

  /** {@link #readOnly} restricted to the calls {@code template} matches. */
  public static Cache filtered(Cache cache, QueryCall template) {
    return filtered(cache, ReadOnlyCache.matching(template));
  }

  /**
   * {@link #readOnly} restricted to the calls {@code filter} accepts: a lookup of another call
   * misses, a query leaves it out.
   */
  public static Cache filtered(Cache cache, Predicate<? super LazyCall> filter) {
    return new ReadOnlyCache(cache, Objects.requireNonNull(filter, "filter"));
  }

  /** {@link #stack(List)}. */
  public static Cache stack(Cache... layers) {
    return stack(List.of(layers));
  }

  /**
   * Layers: {@code prepare}, commit and save go to the first layer; a lookup tries the layers in
   * order and copies a hit from a later layer into the first (once, under the key's lock; a first
   * layer that refuses is logged); {@code loadValue} copies nothing; eviction removes the call from
   * every layer; a query lists the layers' calls in order, the first of one key winning.
   *
   * <p>A stack among the layers is replaced by its own layers, so {@code stack(fast, existing)}
   * puts a layer in front of an existing stack, and hits are always copied into the very first
   * layer. Wrap a stack (e.g. {@link #readOnly}) to keep it opaque.
   *
   * @throws IllegalArgumentException if there is no layer
   */
  public static Cache stack(List<? extends Cache> layers) {
    return new CacheStack(layers);
  }

  /**
   * {@code cache} with an in-memory front keeping up to {@code maxSize} calls, the least recently
   * used dropped first: repeated hits in this JVM are served from memory, at about the cost of
   * {@link #memory()} (with the agent, a call of immutable values skips even the digest), while
   * writes go through to {@code cache}, which queries, expansion and maintenance use. The front
   * does not see what other processes change behind it: a call it holds stays a hit in this JVM
   * even if another process evicts it.
   *
   * <pre>{@code
   * Cache disk = Caches.of(Storages.valueFiles(root.resolve("values"), FileOptions.defaults()),
   *     SqlDatabase.open("jdbc:sqlite:" + root.resolve("calls.db")).calls());
   * Cache fast = Caches.front(disk, 10_000);
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code maxSize} is less than 1
   */
  public static Cache front(Cache cache, int maxSize) {
    return new FrontCache(cache, maxSize);
  }

  /** {@link #pool(List)}. */
  public static Cache pool(Cache... members) {
    return pool(List.of(members));
  }

  /**
   * The read-only union of {@code members}: a lookup returns the first member's hit and copies
   * nothing; commit, save and evict are refused without touching a member; a query lists the
   * members' calls in order, the first of one key winning. It may be empty.
   */
  public static Cache pool(List<? extends Cache> members) {
    return new CachePool(members);
  }

  /**
   * {@link #sizeLimited(ValueStorage, CallStorage, int, Function)} evicting a uniformly random
   * record.
   */
  public static Cache sizeLimited(ValueStorage values, CallStorage calls, int maxSize) {
    return sizeLimited(
        values, calls, maxSize, keys -> keys.get(ThreadLocalRandom.current().nextInt(keys.size())));
  }

  /**
   * {@link #of} keeping at most {@code maxSize} call records: after a save that exceeds the limit,
   * {@code evictionTarget} picks the record to evict from the stored keys (until the limit holds
   * again). Only records are evicted; their values stay until garbage collection. The keys already
   * in {@code calls} are counted from the start (a full listing) and trimmed at the first save.
   *
   * <p>{@code evictionTarget} gets the keys in least-recently-used-first order, a save or a hit
   * counting as a use; so {@code keys -> keys.get(0)} evicts the least recently used record (LRU),
   * {@code keys -> keys.get(keys.size() - 1)} the most recently used one. It runs under the cache's
   * write lock: keep it quick and do not call the cache from it.
   *
   * @throws IllegalArgumentException if {@code maxSize} is less than 1
   */
  public static Cache sizeLimited(
      ValueStorage values,
      CallStorage calls,
      int maxSize,
      Function<? super List<Digest>, Digest> evictionTarget) {
    return new SizeLimitedCache(
        of(values, calls), calls.list(), maxSize, Objects.requireNonNull(evictionTarget));
  }

  /**
   * Copies every call of {@code from} into {@code to}: {@code from.query().transfer(to, pop,
   * overwrite)}. A call whose key {@code to} holds already is skipped (and logged) unless {@code
   * overwrite}; with {@code pop} a transferred call is evicted from {@code from}.
   *
   * @return the number of calls transferred
   */
  public static int transfer(Cache from, Cache to, boolean pop, boolean overwrite) {
    return from.query().transfer(to, pop, overwrite);
  }
}
