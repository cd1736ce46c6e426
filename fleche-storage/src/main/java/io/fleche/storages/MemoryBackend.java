package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.storage.StorageBackend;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Entries in a concurrent map, passed through a copy function on the way in and out, each with
 * the time it was last put or touched (for {@link #evictIfStale}).
 */
final class MemoryBackend<T> implements StorageBackend<T> {
  /** A stored value and its stamp; compared by identity, so a touch replaces it. */
  private static final class Entry {
    final Object value;
    final Instant stamp;

    Entry(Object value) {
      this.value = value;
      this.stamp = Instant.now();
    }
  }

  private final ConcurrentHashMap<Digest, Entry> entries = new ConcurrentHashMap<>();
  private final UnaryOperator<T> copy;

  MemoryBackend(UnaryOperator<T> copy) {
    this.copy = copy;
  }

  @Override
  public void put(Digest key, T value) {
    entries.put(key, new Entry(copy.apply(value)));
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get(Digest key) {
    Entry e = entries.get(key);
    if (e == null) {
      throw new NoSuchElementException("No entry for key " + key);
    }
    return e.value == null ? null : copy.apply((T) e.value);
  }

  @Override
  public boolean contains(Digest key) {
    return entries.containsKey(key);
  }

  @Override
  public void evict(Digest key) {
    entries.remove(key);
  }

  @Override
  public boolean touch(Digest key) {
    return entries.computeIfPresent(key, (k, e) -> new Entry(e.value)) != null;
  }

  /** Removes the entry only if it is still the stale one looked at; frees an unknown size (0). */
  @Override
  public long evictIfStale(Digest key, Instant staleBefore) {
    Entry e = entries.get(key);
    return e != null && e.stamp.isBefore(staleBefore) && entries.remove(key, e) ? 0 : -1;
  }

  @Override
  public long sizeIfStale(Digest key, Instant staleBefore) {
    Entry e = entries.get(key);
    return e != null && e.stamp.isBefore(staleBefore) ? 0 : -1;
  }

  @Override
  public Stream<Digest> list() {
    return entries.keySet().stream();
  }

  @Override
  public String toString() {
    return "MemoryBackend[" + entries.size() + " entries]";
  }
}
