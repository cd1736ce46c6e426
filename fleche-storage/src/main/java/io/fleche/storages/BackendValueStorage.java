package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.UndigestableException;
import io.fleche.storage.Intent;
import io.fleche.storage.SaveException;
import io.fleche.storage.Scope;
import io.fleche.storage.StorageBackend;
import io.fleche.storage.ValueStorage;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/** A value storage over a backend (the seed's {@code ValueMixin}): key = content digest. */
final class BackendValueStorage extends ForwardingKeys implements ValueStorage {
  private final StorageBackend<Object> backend;

  BackendValueStorage(StorageBackend<Object> backend) {
    super(backend);
    this.backend = backend;
  }

  /** The digest under which {@code value} is saved; a value without one cannot be saved. */
  static Digest keyFor(Object value, Digest key) {
    if (key != null) {
      return key;
    }
    try {
      return Digest.of(value);
    } catch (UndigestableException e) {
      throw new SaveException(e.getMessage(), e);
    }
  }

  @Override
  public Digest save(Object value, Digest key) {
    Digest k = keyFor(value, key);
    try (Scope s = operation(k, Intent.WRITE)) {
      backend.put(k, value);
    }
    return k;
  }

  @Override
  public Object load(Digest key) {
    try (Scope s = operation(key, Intent.READ)) {
      return backend.get(key);
    }
  }

  @Override
  public Set<Digest> childDigests(Digest key) {
    return backend.childDigests(key);
  }

  @Override
  public boolean touch(Digest key) {
    try (Scope s = operation(key, Intent.WRITE)) {
      return backend.touch(key);
    }
  }

  @Override
  public long evictIfStale(Digest key, Instant staleBefore) {
    try (Scope s = operation(key, Intent.WRITE)) {
      return backend.evictIfStale(key, staleBefore);
    }
  }

  @Override
  public long sizeIfStale(Digest key, Instant staleBefore) {
    return backend.sizeIfStale(key, staleBefore);
  }

  /**
   * The sizes of the value's entry and of every part it refers to, transitively, each once;
   * empty if an entry is missing or the backend cannot tell. Reads each entry to find its parts.
   */
  @Override
  public OptionalLong sizeOf(Digest key) {
    long total = 0;
    Set<Digest> seen = new HashSet<>();
    Deque<Digest> todo = new ArrayDeque<>(Set.of(key));
    while (!todo.isEmpty()) {
      Digest k = todo.pop();
      if (!seen.add(k)) {
        continue;
      }
      OptionalLong own = backend.sizeOf(k);
      if (own.isEmpty()) {
        return own;
      }
      total += own.getAsLong();
      try {
        todo.addAll(backend.childDigests(k));
      } catch (NoSuchElementException unreadable) {
        // its bytes count; parts it may refer to cannot be found
      }
    }
    return OptionalLong.of(total);
  }
}
