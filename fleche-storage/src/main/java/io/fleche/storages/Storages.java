package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.storage.CallStorage;
import io.fleche.storage.StorageBackend;
import io.fleche.storage.ValueStorage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Factories for storages and storage decorators.
 *
 * <pre>{@code
 * ValueStorage values = Storages.valueMemory();   // destructuring, per-key locks
 * CallStorage calls = Storages.callMemory();
 * DigestedCall stored = call.stash(values);
 * calls.save(stored);
 * }</pre>
 *
 * <p>File storages ({@link #valueFiles}, {@link #callFiles}) keep one file per entry, written
 * atomically; an unreadable entry is a logged miss.
 *
 * <p>In-memory storages never alias: mutating a value after saving it, or a value loaded from
 * the storage, does not change what is stored. Immutable values are shared, mutable ones copied.
 */
public final class Storages {
  /** A {@code remainingDepth} that never splits containers (opaque values still get entries). */
  public static final int UNBOUNDED_DEPTH = Destructuring.UNBOUNDED;

  private Storages() {}

  /**
   * The seed's {@code ValueMemory}: values in memory, destructured with depth 1, locked per key.
   */
  public static ValueStorage valueMemory() {
    return valueMemory(1);
  }

  /** {@link #valueMemory()} destructuring with {@code remainingDepth} (see {@link #values}). */
  public static ValueStorage valueMemory(int remainingDepth) {
    return perKeyLocked(values(new MemoryBackend<>(Copier::copy), remainingDepth));
  }

  /** The seed's {@code CallMemory}: call records in memory, locked per key. */
  public static CallStorage callMemory() {
    return perKeyLocked(calls(new MemoryBackend<DigestedCall>(c -> c)));
  }

  /** The seed's {@code ValueVoid}: saves succeed and are discarded; loads always miss. */
  public static ValueStorage valueVoid() {
    return values(new VoidBackend<>());
  }

  /** The seed's {@code CallVoid}: saves succeed and are discarded; loads always miss. */
  public static CallStorage callVoid() {
    return calls(new VoidBackend<>());
  }

  /**
   * The seed's {@code ValuePickleFile}: values in files under {@code root}, one per entry (see
   * {@link FileOptions} for the format), destructured with depth 1, locked per key in this process.
   *
   * <pre>{@code
   * ValueStorage values = Storages.valueFiles(Path.of("cache/values"), FileOptions.defaults());
   * }</pre>
   */
  public static ValueStorage valueFiles(Path root, FileOptions options) {
    return valueFiles(root, options, 1);
  }

  /** {@link #valueFiles(Path, FileOptions)} destructuring with {@code remainingDepth}. */
  public static ValueStorage valueFiles(Path root, FileOptions options, int remainingDepth) {
    return perKeyLocked(
        values(new FileBackend<>(root, options.codec(), Object.class, options.syncs()), remainingDepth));
  }

  /**
   * The seed's {@code CallPickleFile}: call records in files under {@code root}, one per lookup
   * key, locked per key in this process; queries read every record.
   */
  public static CallStorage callFiles(Path root, FileOptions options) {
    return perKeyLocked(
        calls(new FileBackend<>(root, options.codec(), DigestedCall.class, options.syncs())));
  }

  /** A value storage over {@code backend}, each value one entry under its digest. */
  public static ValueStorage values(StorageBackend<Object> backend) {
    return new BackendValueStorage(backend);
  }

  /**
   * A value storage over {@code backend} that destructures containers (lists, maps, object
   * arrays, records) into content-addressed entries: a sub-value of depth at least {@code
   * remainingDepth} becomes its own entry, shallower ones stay inline. Depth is 0 for scalars and
   * empty containers, 1 + the deepest child for containers, unbounded for opaque values (primitive
   * arrays, sets, plain objects), which therefore always get their own entry. Loading
   * reassembles the original types.
   *
   * @param remainingDepth 0 or more; {@link #UNBOUNDED_DEPTH} splits off only opaque values
   */
  public static ValueStorage values(StorageBackend<Object> backend, int remainingDepth) {
    return new BackendValueStorage(new Destructuring(backend, remainingDepth));
  }

  /** A call storage over {@code backend}: records under their lookup key, queries by scan. */
  public static CallStorage calls(StorageBackend<DigestedCall> backend) {
    return new BackendCallStorage(backend);
  }

  /**
   * The seed's {@code SerializingMixin}: one reentrant lock around every write (saves, evictions,
   * {@code operation(key, WRITE)} scopes). Loads take no lock: entries are replaced atomically.
   */
  public static ValueStorage serializing(ValueStorage storage) {
    return new LockedValueStorage(storage, KeyLocks.serializing());
  }

  /** The seed's {@code SerializingMixin} for call storages. */
  public static CallStorage serializing(CallStorage storage) {
    return new LockedCallStorage(storage, KeyLocks.serializing());
  }

  /**
   * The seed's {@code PerKeyLockMixin}: a reentrant lock per key around every write, so different
   * keys proceed in parallel and one key's writes one after another. Loads take no lock: entries
   * are replaced atomically.
   */
  public static ValueStorage perKeyLocked(ValueStorage storage) {
    return new LockedValueStorage(storage, KeyLocks.perKey());
  }

  /** The seed's {@code PerKeyLockMixin} for call storages. */
  public static CallStorage perKeyLocked(CallStorage storage) {
    return new LockedCallStorage(storage, KeyLocks.perKey());
  }

  /**
   * How often each stored entry is referred to by other entries (0: only top-level), from {@link
   * ValueStorage#childDigests}.
   */
  public static Map<Digest, Integer> countReuses(ValueStorage values) {
    List<Digest> keys;
    try (Stream<Digest> s = values.list()) {
      keys = s.collect(Collectors.toList());
    }
    Map<Digest, Integer> counts = new HashMap<>();
    for (Digest key : keys) {
      counts.putIfAbsent(key, 0);
      try {
        for (Digest child : values.childDigests(key)) {
          counts.merge(child, 1, Integer::sum);
        }
      } catch (NoSuchElementException gone) {
        // evicted while counting
      }
    }
    return counts;
  }
}
