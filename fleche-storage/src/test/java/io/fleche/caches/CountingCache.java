package io.fleche.caches;

import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.PreparedCall;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A memory cache that counts its saves and commits. */
final class CountingCache extends CacheWrapper {
  final AtomicInteger writes = new AtomicInteger();

  CountingCache() {
    super(Caches.memory());
  }

  @Override
  public Digest commit(
      PreparedCall prepared, Object result, Map<String, ? extends Map<String, ?>> metadata) {
    writes.incrementAndGet();
    return super.commit(prepared, result, metadata);
  }

  @Override
  public Digest save(Call call) {
    writes.incrementAndGet();
    return super.save(call);
  }
}
