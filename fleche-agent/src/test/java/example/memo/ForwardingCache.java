package example.memo;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.LazyCall;
import io.fleche.PreparedCall;
import io.fleche.QueryCall;
import io.fleche.QueryResult;
import io.fleche.storage.Intent;
import io.fleche.storage.Scope;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double: a cache forwarding to another one, counting hits and misses of {@link #load}.
 * Prepared calls are re-bound to this cache, so that commits go through {@link #commit} (and
 * subclasses can make any operation fail).
 */
class ForwardingCache implements Cache {
  final Cache inner;
  final AtomicInteger hits = new AtomicInteger();
  final AtomicInteger misses = new AtomicInteger();
  final AtomicInteger commits = new AtomicInteger();

  ForwardingCache(Cache inner) {
    this.inner = inner;
  }

  @Override
  public PreparedCall prepare(Call call) {
    PreparedCall p = inner.prepare(call);
    return PreparedCall.of(p.call(), p.digested(), this);
  }

  @Override
  public Digest commit(
      PreparedCall prepared, Object result, Map<String, ? extends Map<String, ?>> metadata) {
    commits.incrementAndGet();
    return inner.commit(prepared, result, metadata);
  }

  @Override
  public Digest save(Call call) {
    return inner.save(call);
  }

  @Override
  public LazyCall load(Digest key) {
    try {
      LazyCall hit = inner.load(key);
      hits.incrementAndGet();
      return hit;
    } catch (NoSuchElementException miss) {
      misses.incrementAndGet();
      throw miss;
    }
  }

  @Override
  public Object loadValue(Digest key) {
    return inner.loadValue(key);
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
  public Digest expand(String key) {
    return inner.expand(key);
  }

  @Override
  public List<String> shrink(Collection<Digest> keys) {
    return inner.shrink(keys);
  }

  @Override
  public QueryResult query(QueryCall template) {
    return inner.query(template);
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
