package io.fleche;

import io.fleche.storage.SaveException;
import io.fleche.storage.ValueStorage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A map-backed {@link ValueStorage} for tests of the call model: counts loads and saves, and can be
 * told to refuse some values.
 */
final class MapValueStorage implements ValueStorage {
  final Map<Digest, Object> values = new LinkedHashMap<>();
  final AtomicInteger loads = new AtomicInteger();
  final AtomicInteger saves = new AtomicInteger();
  private final Predicate<Object> refuse;

  MapValueStorage() {
    this(v -> false);
  }

  MapValueStorage(Predicate<Object> refuse) {
    this.refuse = refuse;
  }

  @Override
  public Digest save(Object value, Digest key) {
    if (refuse.test(value)) {
      throw new SaveException("refused: " + value);
    }
    Digest k = key == null ? Digest.of(value) : key;
    saves.incrementAndGet();
    values.put(k, value);
    return k;
  }

  @Override
  public Object load(Digest key) {
    loads.incrementAndGet();
    if (!values.containsKey(key)) {
      throw new NoSuchElementException("no value " + key);
    }
    return values.get(key);
  }

  @Override
  public Stream<Digest> list() {
    return values.keySet().stream();
  }

  @Override
  public boolean contains(Digest key) {
    return values.containsKey(key);
  }

  @Override
  public void evict(Digest key) {
    values.remove(key);
  }
}
