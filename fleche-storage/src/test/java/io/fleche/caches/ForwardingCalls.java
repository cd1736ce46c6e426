package io.fleche.caches;

import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.QueryCall;
import io.fleche.storage.CallStorage;
import java.util.stream.Stream;

/** A call storage forwarding to another one, for tests to override what they watch. */
class ForwardingCalls implements CallStorage {
  final CallStorage inner;

  ForwardingCalls(CallStorage inner) {
    this.inner = inner;
  }

  @Override
  public Digest save(DigestedCall call) {
    return inner.save(call);
  }

  @Override
  public DigestedCall load(Digest key) {
    return inner.load(key);
  }

  @Override
  public Stream<DigestedCall> query(QueryCall template) {
    return inner.query(template);
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
}
