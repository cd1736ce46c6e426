package io.fleche.caches;

import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.LazyCall;
import io.fleche.Maintenance;
import io.fleche.PreparedCall;
import io.fleche.QueryCall;
import io.fleche.RejectedException;
import io.fleche.UndigestableException;
import io.fleche.storage.CallStorage;
import io.fleche.storage.Intent;
import io.fleche.storage.SaveException;
import io.fleche.storage.Scope;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.PerKeyLocks;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalLong;
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
  private final StorageMaintenance maintenance;

  /**
   * @param privateStorages true if no one else writes to the storages (in memory, made for this
   *     cache): then every change goes through this cache and {@link #modifications()} counts it
   */
  StorageCache(ValueStorage values, CallStorage calls, boolean privateStorages) {
    this.values = Objects.requireNonNull(values, "values");
    this.calls = Objects.requireNonNull(calls, "calls");
    this.keys = new UnionKeys(calls, values);
    this.modifications = privateStorages ? new AtomicLong() : null;
    this.maintenance = new StorageMaintenance(values, calls, this);
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

  /**
   * Touches the argument values (storing again those garbage collection removed while the call
   * ran), stores the result, then the record.
   */
  @Override
  public Digest commit(
      PreparedCall prepared, Object result, Map<String, ? extends Map<String, ?>> metadata) {
    return file(
        prepared.lookupKey(),
        () -> {
          touchArguments(prepared);
          return prepared.digested().withResult(storeResult(result)).withMetadata(metadata);
        });
  }

  /**
   * Marks the argument values stored at {@code prepare} as used now, so that garbage collection
   * keeps them while the record is stored (see {@link StorageMaintenance}). One that is gone —
   * removed while the body ran longer than gc's grace, or never stored (refused by the storage)
   * — is stored again, if the body did not change it; else the record keeps its digest only.
   */
  private void touchArguments(PreparedCall prepared) {
    for (Map.Entry<String, Digest> a : prepared.digested().arguments().entrySet()) {
      Digest d = a.getValue();
      Object live = prepared.call().arguments().get(a.getKey());
      if (live instanceof Digest || values.touch(d)) {
        continue;
      }
      try {
        if (Digest.of(live).equals(d)) {
          values.save(live, d);
          continue;
        }
      } catch (SaveException | UndigestableException e) {
        // as when it was admitted: a digest-only reference
      }
      LOG.log(
          System.Logger.Level.DEBUG,
          "Argument {0} of {1} is kept as a digest-only reference: its value is not stored",
          a.getKey(),
          prepared.call().name());
    }
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
  Digest file(Digest key, Supplier<DigestedCall> stored) {
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
   * value is gone is a miss, the latter logged (results are stored before their records and
   * outlive them: one that is gone was deleted or lost). Loads no value.
   */
  @Override
  public LazyCall load(Digest key) {
    DigestedCall stored = calls.load(key);
    if (stored.isPending()) {
      throw new NoSuchElementException("The call under " + key + " is pending: never committed");
    }
    if (!values.contains(stored.result())) {
      LOG.log(
          System.Logger.Level.WARNING,
          "The result {0} of the call under {1} is not stored (deleted or lost). The call is"
              + " treated as missing and stored again when computed again.",
          stored.result(),
          key);
      throw new NoSuchElementException("The result of the call under " + key + " is not stored");
    }
    return stored.fetch(values);
  }

  @Override
  public Object loadValue(Digest key) {
    return values.load(key);
  }

  @Override
  public OptionalLong valueSize(Digest key) {
    return values.sizeOf(key);
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

  /** See {@link StorageMaintenance}. */
  @Override
  public Maintenance.GcResult gc(Duration grace, Maintenance.Progress progress) {
    return maintenance.gc(grace, false, progress);
  }

  @Override
  public Maintenance.GcResult gcDryRun(Duration grace, Maintenance.Progress progress) {
    return maintenance.gc(grace, true, progress);
  }

  @Override
  public Maintenance.VerifyResult verify(boolean repair, Maintenance.Progress progress) {
    return maintenance.verify(repair, progress);
  }

  @Override
  public Maintenance.RedigestResult redigest(Maintenance.Progress progress) {
    return maintenance.redigest(progress);
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
