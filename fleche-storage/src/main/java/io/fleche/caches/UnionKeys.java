package io.fleche.caches;

import io.fleche.Digest;
import io.fleche.storage.KeyManagement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The keys of a cache's call and value storages seen as one storage, so that a short digest
 * resolves against both ({@link #expand}) and a shrunk key is unambiguous among both ({@link
 * #shrink}). A read-only view: it evicts nothing.
 */
final class UnionKeys implements KeyManagement {
  private final List<KeyManagement> storages;

  UnionKeys(KeyManagement... storages) {
    this.storages = List.of(storages);
  }

  @Override
  public Stream<Digest> list() {
    return storages.stream()
        .map(KeyManagement::list)
        .reduce(Stream::concat)
        .orElseGet(Stream::empty)
        .distinct();
  }

  @Override
  public boolean contains(Digest key) {
    return storages.stream().anyMatch(s -> s.contains(key));
  }

  @Override
  public void evict(Digest key) {
    throw new UnsupportedOperationException(
        "a view of the keys of " + storages + " evicts nothing");
  }

  @Override
  public List<Digest> prefixCandidates(String prefix, int limit) {
    return storages.stream()
        .flatMap(s -> s.prefixCandidates(prefix, limit).stream())
        .sorted()
        .distinct()
        .limit(limit)
        .collect(Collectors.toList());
  }
}
