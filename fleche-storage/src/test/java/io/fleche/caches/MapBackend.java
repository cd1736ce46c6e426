package io.fleche.caches;

import io.fleche.Digest;
import io.fleche.storage.SaveException;
import io.fleche.storage.StorageBackend;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** A backend over a map that keeps no save times, and refuses writes while {@link #refuse}. */
final class MapBackend implements StorageBackend<Object> {
  private final Map<Digest, Object> map = new ConcurrentHashMap<>();
  volatile boolean refuse;

  @Override
  public void put(Digest key, Object value) {
    if (refuse) {
      throw new SaveException("MapBackend refuses " + key);
    }
    map.put(key, value);
  }

  @Override
  public Object get(Digest key) {
    Object v = map.get(key);
    if (v == null) {
      throw new NoSuchElementException("No entry for " + key);
    }
    return v;
  }

  @Override
  public void evict(Digest key) {
    map.remove(key);
  }

  @Override
  public Stream<Digest> list() {
    return List.copyOf(map.keySet()).stream();
  }

  @Override
  public String toString() {
    return "MapBackend";
  }
}
