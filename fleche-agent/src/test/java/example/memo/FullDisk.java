package example.memo;

import io.fleche.Digest;
import io.fleche.storage.Intent;
import io.fleche.storage.SaveException;
import io.fleche.storage.Scope;
import io.fleche.storage.ValueStorage;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A test double: a value storage on a disk that can fill up. While {@link #full}, every save fails
 * as the file storage's does when the disk is full (a {@link SaveException} with the {@code
 * IOException} of the failed write); everything else is forwarded.
 */
final class FullDisk implements ValueStorage {
  private final ValueStorage inner;
  volatile boolean full;

  FullDisk(ValueStorage inner) {
    this.inner = inner;
  }

  @Override
  public Digest save(Object value, Digest key) {
    if (full) {
      IOException e = new IOException("No space left on device");
      throw new SaveException("cannot write a value file: " + e, e);
    }
    return inner.save(value, key);
  }

  @Override
  public Object load(Digest key) {
    return inner.load(key);
  }

  @Override
  public Set<Digest> childDigests(Digest key) {
    return inner.childDigests(key);
  }

  @Override
  public Stream<Digest> list() {
    return inner.list();
  }

  @Override
  public boolean contains(Digest key) {
    return inner.contains(key);
  }

  @Override
  public void evict(Digest key) {
    inner.evict(key);
  }

  @Override
  public Scope operation(Digest key, Intent intent) {
    return inner.operation(key, intent);
  }

  @Override
  public List<Digest> prefixCandidates(String prefix, int limit) {
    return inner.prefixCandidates(prefix, limit);
  }

  @Override
  public String toString() {
    return "FullDisk[" + inner + "]";
  }
}
