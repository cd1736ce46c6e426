package io.fleche.storages;

import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.QueryCall;
import io.fleche.storage.CallStorage;
import io.fleche.storage.Intent;
import io.fleche.storage.Scope;
import io.fleche.storage.StorageBackend;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A call storage over a backend (the seed's {@code CallMixin}): records under their lookup key,
 * queries by scanning every record.
 */
final class BackendCallStorage extends ForwardingKeys implements CallStorage {
  private final StorageBackend<DigestedCall> backend;

  BackendCallStorage(StorageBackend<DigestedCall> backend) {
    super(backend);
    this.backend = backend;
  }

  @Override
  public Digest save(DigestedCall call) {
    Digest key = call.lookupKey();
    try (Scope s = operation(key, Intent.WRITE)) {
      backend.put(key, call);
    }
    return key;
  }

  @Override
  public DigestedCall load(Digest key) {
    try (Scope s = operation(key, Intent.READ)) {
      return backend.get(key);
    }
  }

  @Override
  public Stream<DigestedCall> query(QueryCall template) {
    return list().map(this::loadIfPresent).filter(Objects::nonNull).filter(template::matches);
  }

  private DigestedCall loadIfPresent(Digest key) {
    try {
      return load(key);
    } catch (NoSuchElementException gone) {
      return null; // evicted while we listed
    }
  }

}
