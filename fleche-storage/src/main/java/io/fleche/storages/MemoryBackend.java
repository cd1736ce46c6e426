package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.storage.StorageBackend;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Entries in a concurrent map, passed through a copy function on the way in and out. */
final class MemoryBackend<T> implements StorageBackend<T> {
  private static final Object NULL = new Object();

  private final ConcurrentHashMap<Digest, Object> entries = new ConcurrentHashMap<>();
  private final UnaryOperator<T> copy;

  MemoryBackend(UnaryOperator<T> copy) {
    this.copy = copy;
  }

  @Override
  public void put(Digest key, T value) {
    T stored = copy.apply(value);
    entries.put(key, stored == null ? NULL : stored);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get(Digest key) {
    Object v = entries.get(key);
    if (v == null) {
      throw new NoSuchElementException("No entry for key " + key);
    }
    return v == NULL ? null : copy.apply((T) v);
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
  public Stream<Digest> list() {
    return entries.keySet().stream();
  }

  @Override
  public String toString() {
    return "MemoryBackend[" + entries.size() + " entries]";
  }
}
