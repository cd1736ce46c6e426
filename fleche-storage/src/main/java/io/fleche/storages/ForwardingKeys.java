package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.storage.Intent;
import io.fleche.storage.KeyManagement;
import io.fleche.storage.Scope;
import java.util.List;
import java.util.stream.Stream;

/**
 * Key management forwarded to an inner storage or backend, each single-key operation inside
 * {@link #operation}: the shared base of storages built over a backend and of decorators.
 */
abstract class ForwardingKeys implements KeyManagement {
  private final KeyManagement inner;

  ForwardingKeys(KeyManagement inner) {
    this.inner = inner;
  }

  @Override
  public Stream<Digest> list() {
    return inner.list();
  }

  @Override
  public boolean contains(Digest key) {
    try (Scope s = operation(key, Intent.READ)) {
      return inner.contains(key);
    }
  }

  @Override
  public void evict(Digest key) {
    try (Scope s = operation(key, Intent.WRITE)) {
      inner.evict(key);
    }
  }

  @Override
  public List<Digest> prefixCandidates(String prefix, int limit) {
    return inner.prefixCandidates(prefix, limit);
  }

  @Override
  public Scope operation(Digest key, Intent intent) {
    return inner.operation(key, intent);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + inner + "]";
  }
}
