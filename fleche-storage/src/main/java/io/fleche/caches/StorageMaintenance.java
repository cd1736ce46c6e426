package io.fleche.caches;

import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.FlecheException;
import io.fleche.Maintenance.GcResult;
import io.fleche.Maintenance.Problem;
import io.fleche.Maintenance.Problem.Kind;
import io.fleche.Maintenance.Progress;
import io.fleche.Maintenance.RedigestResult;
import io.fleche.Maintenance.VerifyResult;
import io.fleche.QueryCall;
import io.fleche.UndigestableException;
import io.fleche.storage.CallStorage;
import io.fleche.storage.Intent;
import io.fleche.storage.KeyManagement;
import io.fleche.storage.Scope;
import io.fleche.storage.ValueStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Garbage collection, verification and re-keying of a {@link StorageCache}'s storages.
 *
 * <p><b>Garbage collection</b> is a mark and sweep that never needs a lock shared with the
 * processes recording calls meanwhile. With {@code staleBefore} = start − grace: the mark phase
 * reads every call record (after the start) and follows the parts of their values; the sweep
 * looks at every other value, parents before their parts, and removes it with {@link
 * ValueStorage#evictIfStale} — so a value saved or touched since {@code staleBefore} is kept, and
 * so are its parts (a part is removed only once every unreferenced parent of it has been). Why
 * nothing a recorded call needs is lost: a record that the mark phase did not read was stored
 * after the start; its commit touched the argument values (or stored them again if they were
 * gone) and saved the result value less than grace before storing it, so after staleBefore; a
 * touch or save either lands before the value's conditional removal (the value and its parts are
 * kept) or finds the value gone and stores it, with its parts, anew.
 *
 * <p>A stored value that cannot be read (a class this JVM does not have, a damaged entry) hides
 * which parts it refers to, so garbage collection then removes nothing and fails.
 *
 * <p>A <b>dry run</b> is the same mark and sweep with {@link ValueStorage#sizeIfStale} in place of
 * {@code evictIfStale}: it removes nothing and reports what the sweep would remove now.
 */
final class StorageMaintenance {
  private static final System.Logger LOG = AbstractCache.LOG;

  private final ValueStorage values;
  private final CallStorage calls;
  private final StorageCache cache;

  StorageMaintenance(ValueStorage values, CallStorage calls, StorageCache cache) {
    this.values = values;
    this.calls = calls;
    this.cache = cache;
  }

  /** Garbage collection, or its dry run. */
  GcResult gc(Duration grace, boolean dryRun, Progress progress) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative, got " + grace);
    }
    return collect(Instant.now().minus(grace), dryRun, progress);
  }

  /**
   * Garbage collection (or its dry run) that keeps the values saved or touched at or after {@code
   * staleBefore}.
   */
  GcResult collect(Instant staleBefore, boolean dryRun, Progress progress) {
    Map<Digest, String> unreadable = new LinkedHashMap<>();
    Set<Digest> reachable = reachable(unreadable, progress);
    List<Digest> garbage;
    try (Stream<Digest> s = values.list()) {
      garbage = s.filter(k -> !reachable.contains(k)).collect(Collectors.toList());
    }
    return sweep(garbage, staleBefore, dryRun, unreadable, progress);
  }

  /** The values the call records refer to, with their parts. */
  private Set<Digest> reachable(Map<Digest, String> unreadable, Progress progress) {
    long total = count(calls);
    long done = 0;
    Deque<Digest> todo = new ArrayDeque<>();
    try (Stream<DigestedCall> all = calls.query(QueryCall.any())) {
      for (Iterator<DigestedCall> it = all.iterator(); it.hasNext(); ) {
        DigestedCall c = it.next();
        todo.addAll(c.arguments().values());
        if (!c.isPending()) {
          todo.add(c.result());
        }
        progress.update("calls", ++done, total);
      }
    }
    Set<Digest> reachable = new HashSet<>();
    while (!todo.isEmpty()) {
      Digest d = todo.pop();
      if (reachable.add(d)) {
        todo.addAll(parts(d, unreadable));
      }
    }
    return reachable;
  }

  /**
   * The parts of a value; none if it is gone. If it is stored but cannot be read, its parts are
   * unknown: why is added to {@code unreadable}.
   */
  private Set<Digest> parts(Digest value, Map<Digest, String> unreadable) {
    try {
      return values.childDigests(value);
    } catch (NoSuchElementException e) {
      if (values.contains(value)) {
        unreadable.put(value, describe(e));
      }
      return Set.of();
    }
  }

  /**
   * Refuses to sweep when values whose parts are unknown were found: those parts, unreachable as
   * far as garbage collection can tell, might be needed — by a call that refers to a value of a
   * class this JVM does not have (a command line without the application's classes), or by a
   * young value that must keep its parts.
   */
  private static void requireReadable(Map<Digest, String> unreadable) {
    if (unreadable.isEmpty()) {
      return;
    }
    Map.Entry<Digest, String> first = unreadable.entrySet().iterator().next();
    throw new FlecheException(
        "Cannot collect garbage: " + unreadable.size() + " stored value"
            + (unreadable.size() == 1 ? "" : "s") + " cannot be read to find the parts they"
            + " refer to (" + first.getKey() + ": " + first.getValue() + "); nothing was removed."
            + " Collect where their classes are, or remove broken values (verify, repair)");
  }

  /**
   * Removes the stale {@code garbage}, each value before its parts (Kahn's order); in a dry run,
   * only looks at what it would remove.
   */
  private GcResult sweep(
      List<Digest> garbage,
      Instant staleBefore,
      boolean dryRun,
      Map<Digest, String> unreadable,
      Progress progress) {
    Set<Digest> candidates = new HashSet<>(garbage);
    Map<Digest, List<Digest>> parts = new HashMap<>();
    Map<Digest, Integer> parents = new HashMap<>();
    long done = 0;
    for (Digest g : garbage) {
      List<Digest> mine =
          parts(g, unreadable).stream().filter(candidates::contains).collect(Collectors.toList());
      parts.put(g, mine);
      mine.forEach(p -> parents.merge(p, 1, Integer::sum));
      progress.update("values", ++done, garbage.size());
    }
    requireReadable(unreadable);
    Deque<Digest> ready = new ArrayDeque<>();
    garbage.stream().filter(g -> !parents.containsKey(g)).forEach(ready::add);
    Set<Digest> removed = new HashSet<>();
    long bytes = 0;
    done = 0;
    while (!ready.isEmpty()) {
      Digest g = ready.pop();
      progress.update("removing", ++done, garbage.size());
      long freed =
          dryRun ? values.sizeIfStale(g, staleBefore) : values.evictIfStale(g, staleBefore);
      if (freed < 0) {
        continue; // young (its parts stay with it), or gone meanwhile
      }
      removed.add(g);
      bytes += freed;
      for (Digest p : parts.get(g)) {
        if (parents.merge(p, -1, Integer::sum) == 0) {
          ready.push(p);
        }
      }
    }
    progress.update("removing", garbage.size(), garbage.size()); // the rest stays with parents
    return new GcResult(removed, bytes);
  }

  /** What a value check found: {@code kind} null if sound. */
  private record Checked(Kind kind, boolean stored, String message) {
    static final Checked SOUND = new Checked(null, true, "");
    static final Checked MISSING = new Checked(null, false, "not stored");
  }

  VerifyResult verify(boolean repair, Progress progress) {
    Instant start = Instant.now();
    Verification v = new Verification();
    List<Digest> callKeys = keys(calls);
    long done = 0;
    for (Digest key : callKeys) {
      progress.update("calls", ++done, callKeys.size());
      v.checkCall(key);
    }
    List<Digest> valueKeys = keys(values);
    done = 0;
    for (Digest key : valueKeys) {
      progress.update("values", ++done, valueKeys.size());
      v.value(key);
    }
    Map<Digest, Checked> brokenValues = new LinkedHashMap<>(v.checked);
    brokenValues.values().removeIf(c -> c.kind() == null);
    brokenValues.forEach((key, c) -> v.problems.add(new Problem(key, c.kind(), c.message())));
    if (repair) {
      v.brokenCalls.forEach(this::evictIfUnchanged);
      brokenValues.keySet().forEach(key -> evictValue(key, start));
    }
    long readValues = v.checked.values().stream().filter(Checked::stored).count();
    return new VerifyResult(v.readCalls, readValues, v.problems, v.unstored, repair);
  }

  /** What one verification found so far. */
  private final class Verification {
    final Map<Digest, Checked> checked = new LinkedHashMap<>();
    final Map<Digest, DigestedCall> brokenCalls = new LinkedHashMap<>(); // null: unreadable
    final List<Problem> problems = new ArrayList<>();
    long readCalls;
    long unstored;

    Checked value(Digest key) {
      return checked.computeIfAbsent(key, StorageMaintenance.this::checkValue);
    }

    /** Reads the record under {@code key} and checks its values. */
    void checkCall(Digest key) {
      DigestedCall c;
      try {
        c = calls.load(key);
      } catch (RuntimeException e) {
        rethrowStorageFailure(e);
        if (calls.contains(key)) {
          brokenCalls.put(key, null);
          problems.add(new Problem(key, Kind.UNREADABLE_CALL, describe(e)));
        }
        return;
      }
      readCalls++;
      List<String> broken = new ArrayList<>();
      Kind kind = null;
      if (!c.isPending()) {
        Checked r = value(c.result());
        if (r.kind() != null || !r.stored()) {
          broken.add("result " + c.result() + ": " + r.message());
          kind = Kind.BROKEN_RESULT;
        }
      }
      for (Map.Entry<String, Digest> a : c.arguments().entrySet()) {
        Checked v = value(a.getValue());
        if (!v.stored()) {
          unstored++;
        } else if (v.kind() != null) {
          broken.add("argument " + a.getKey() + " " + a.getValue() + ": " + v.message());
          kind = kind == null ? Kind.BROKEN_ARGUMENT : kind;
        }
      }
      if (kind != null) {
        brokenCalls.put(key, c);
        problems.add(new Problem(key, kind, String.join("; ", broken)));
      }
    }
  }

  /** Loads {@code key} and checks that it digests back to it. */
  private Checked checkValue(Digest key) {
    Object v;
    try {
      v = values.load(key);
    } catch (RuntimeException e) {
      rethrowStorageFailure(e);
      return values.contains(key)
          ? new Checked(Kind.UNREADABLE_VALUE, true, describe(e))
          : Checked.MISSING;
    }
    try {
      Digest actual = Digest.of(v);
      return actual.equals(key)
          ? Checked.SOUND
          : new Checked(Kind.WRONG_DIGEST, true, "the value stored digests to " + actual);
    } catch (UndigestableException e) {
      return new Checked(Kind.WRONG_DIGEST, true, "the value stored cannot be digested: " + e);
    }
  }

  private static String describe(RuntimeException e) {
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  /**
   * Rethrows a failure of the storage itself (a database that fails or stays locked: a plain
   * {@link FlecheException}), which says nothing about the entry. What is about the entry — it is
   * missing, unreadable, cannot be digested or stored — is not rethrown.
   */
  private static void rethrowStorageFailure(RuntimeException e) {
    if (e.getClass() == FlecheException.class) {
      throw e;
    }
  }

  /** Evicts a broken record unless it was replaced since it was checked. */
  private void evictIfUnchanged(Digest key, DigestedCall found) {
    try (Scope s = cache.operation(key, Intent.WRITE)) {
      if (Objects.equals(loadOrNull(key), found)) {
        cache.evict(key);
      }
    }
  }

  /** The record under {@code key}, or null if it is gone or unreadable. */
  private DigestedCall loadOrNull(Digest key) {
    try {
      return calls.load(key);
    } catch (NoSuchElementException unreadableOrGone) {
      return null;
    }
  }

  /** Removes a broken value unless it was saved again since the check began. */
  private void evictValue(Digest key, Instant checkStart) {
    try {
      values.evictIfStale(key, checkStart);
    } catch (UnsupportedOperationException noStamps) {
      values.evict(key);
    }
  }

  RedigestResult redigest(Progress progress) {
    List<Digest> keys = keys(calls);
    long rekeyed = 0;
    long failed = 0;
    long done = 0;
    for (Digest key : keys) {
      progress.update("calls", ++done, keys.size());
      try {
        if (rekey(key)) {
          rekeyed++;
        }
      } catch (RuntimeException e) {
        rethrowStorageFailure(e);
        failed++;
        LOG.log(System.Logger.Level.WARNING, "Cannot re-key the call under {0}: {1}", key, e);
      }
    }
    return new RedigestResult(keys.size(), rekeyed, failed);
  }

  /**
   * Digests the values of the call under {@code key} again and, if anything changed, stores it
   * again under its new key, under the locks of both keys (in key order).
   *
   * @return true if it was stored again
   * @throws NoSuchElementException if the record or its result cannot be read
   */
  private boolean rekey(Digest key) {
    DigestedCall stored;
    try {
      stored = calls.load(key);
    } catch (NoSuchElementException e) {
      if (calls.contains(key)) {
        throw e; // unreadable: a failure
      }
      return false; // evicted meanwhile
    }
    Call live = stored.fetch(values).fetch();
    DigestedCall now = live.digested();
    Digest newKey = now.lookupKey();
    if (newKey.equals(key)
        && now.arguments().equals(stored.arguments())
        && Objects.equals(now.result(), stored.result())) {
      return false;
    }
    Digest first = key.compareTo(newKey) <= 0 ? key : newKey;
    Digest second = first == key ? newKey : key;
    try (Scope a = cache.operation(first, Intent.WRITE);
        Scope b = cache.operation(second, Intent.WRITE)) {
      if (!stored.equals(loadOrNull(key))) {
        return false; // replaced or evicted meanwhile
      }
      if (newKey.equals(key) || !calls.contains(newKey)) {
        cache.file(newKey, () -> live.stash(values));
      }
      if (!newKey.equals(key)) {
        cache.evict(key);
      }
    }
    return true;
  }

  private static List<Digest> keys(KeyManagement storage) {
    try (Stream<Digest> s = storage.list()) {
      return s.collect(Collectors.toList());
    }
  }

  private static long count(KeyManagement storage) {
    try (Stream<Digest> s = storage.list()) {
      return s.count();
    }
  }
}
