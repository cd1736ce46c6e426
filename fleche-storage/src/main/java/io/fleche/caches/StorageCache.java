package io.fleche.caches;

import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.LazyCall;
import io.fleche.PreparedCall;
import io.fleche.QueryCall;
import io.fleche.RejectedException;
import io.fleche.storage.CallStorage;
import io.fleche.storage.Intent;
import io.fleche.storage.SaveException;
import io.fleche.storage.Scope;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.PerKeyLocks;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The seed's {@code Cache}: values in a value storage, call records in a call storage, writes of a
 * key under that key's lock.
 */
final class StorageCache extends AbstractCache {
  private final ValueStorage values;
  private final CallStorage calls;
  private final UnionKeys keys;
  private final PerKeyLocks locks = new PerKeyLocks();
  /** Counts writes when the storages are this cache's alone (see {@link #modifications()}). */
  private final AtomicLong modifications;

  /**
   * @param privateStorages true if no one else writes to the storages (in memory, made for this
   *     cache): then every change goes through this cache and {@link #modifications()} counts it
   */
  StorageCache(ValueStorage values, CallStorage calls, boolean privateStorages) {
    this.values = Objects.requireNonNull(values, "values");
    this.calls = Objects.requireNonNull(calls, "calls");
    this.keys = new UnionKeys(calls, values);
    this.modifications = privateStorages ? new AtomicLong() : null;
  }

  @Override
  public long modifications() {
    return modifications == null ? -1 : modifications.get();
  }

  /** Counts a change, after it is complete (so a count read before a read covers what it saw). */
  private void modified() {
    if (modifications != null) {
      modifications.incrementAndGet();
    }
  }

  /** Stores the argument values now (before the body runs); a refused one stays a digest. */
  @Override
  public PreparedCall prepare(Call call) {
    return PreparedCall.of(call, requirePending(call).stash(values), this);
  }

  /** Stores the result, then the record; never stores the arguments again. */
  @Override
  public Digest commit(
      PreparedCall prepared, Object result, Map<String, ? extends Map<String, ?>> metadata) {
    return file(
        prepared.lookupKey(),
        () -> prepared.digested().withResult(storeResult(result)).withMetadata(metadata));
  }

  private Digest storeResult(Object result) {
    return result instanceof Digest ? (Digest) result : values.save(result);
  }

  @Override
  public Digest save(Call call) {
    if (!call.hasResult()) {
      throw new IllegalArgumentException("the call of " + call.name() + " has no result to save");
    }
    return file(call.lookupKey(), () -> call.stash(values));
  }

  /** Saves the record {@code stored} builds (storing values) under {@code key}'s lock. */
  private Digest file(Digest key, Supplier<DigestedCall> stored) {
    try (Scope s = operation(key, Intent.WRITE)) {
      Digest saved = calls.save(stored.get());
      modified();
      return saved;
    } catch (SaveException e) {

      throw new RejectedException("Cannot store the call under " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * The record under {@code key}; a pending record (admitted, never committed) or one whose result
   * value is gone is a miss. Loads no value.
   */
  @Override
  public LazyCall load(Digest key) {
    DigestedCall stored = calls.load(key);
    if (stored.isPending()) {
      throw new NoSuchElementException("The call under " + key + " is pending: never committed");
    }
    if (!values.contains(stored.result())) {
      throw new NoSuchElementException("The result of the call under " + key + " is not stored");
    }
    return stored.fetch(values);
  }

  @Override
  public Object loadValue(Digest key) {
    return values.load(key);
  }

  @Override
  public boolean contains(Digest key) {
    return calls.contains(key);
  }

  /** Removes the call record only; its values stay until garbage collection. */
  @Override
  public void evict(Digest key) {
    try (Scope s = operation(key, Intent.WRITE)) {
      calls.evict(key);
      modified();
    }
  }

  /** Resolves against call and value keys together. */
  @Override
  public Digest expand(String key) {
    return keys.expand(key);
  }

  /** Unambiguous among call and value keys together. */
  @Override
  public List<String> shrink(Collection<Digest> keys) {
    return this.keys.shrink(keys);
  }

  @Override
  Stream<LazyCall> calls(QueryCall template) {
    return calls.query(template).map(this::materialize).filter(Objects::nonNull);
  }

  /** Counted by the call storage (perhaps without reading the records). */
  @Override
  long count(QueryCall template) {
    return calls.count(template);
  }

  private LazyCall materialize(DigestedCall stored) {
    try {
      return stored.fetch(values);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "Cannot read a stored call; skipped. Indicates corrupt cache.",
          e);
      return null;
    }
  }

  /** The per-key lock of this cache (reentrant; {@link Intent#READ} takes none). */
  @Override
  public Scope operation(Digest key, Intent intent) {
    return locks.lock(key, intent);
  }

  @Override
  public String toString() {
    return "Cache[" + values + ", " + calls + "]";
  }
}
