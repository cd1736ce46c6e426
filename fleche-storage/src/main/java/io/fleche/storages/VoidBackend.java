package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.storage.StorageBackend;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/** Discards everything: every put succeeds, every get misses. */
final class VoidBackend<T> implements StorageBackend<T> {
  @Override
  public void put(Digest key, T value) {}

  @Override
  public T get(Digest key) {
    throw new NoSuchElementException("A void storage holds nothing (key " + key + ")");
  }

  @Override
  public boolean contains(Digest key) {
    return false;
  }

  @Override
  public void evict(Digest key) {}

  /** Nothing is stored, so nothing is kept. */
  @Override
  public long evictIfStale(Digest key, Instant staleBefore) {
    return -1;
  }

  @Override
  public long sizeIfStale(Digest key, Instant staleBefore) {
    return -1;
  }

  @Override
  public Stream<Digest> list() {
    return Stream.empty();
  }

  @Override
  public String toString() {
    return "VoidBackend";
  }
}
