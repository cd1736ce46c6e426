package example.memo;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.LazyCall;
import io.fleche.PreparedCall;
import io.fleche.QueryCall;
import io.fleche.QueryResult;
import io.fleche.storage.CallStorage;
import io.fleche.storage.Intent;
import io.fleche.storage.Scope;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.Storages;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;

/** A plain in-memory cache for the agent tests, counting saves. */
class TestCache implements Cache {
  final ValueStorage values = Storages.valueMemory();
  final CallStorage calls = Storages.callMemory();
  final AtomicInteger commits = new AtomicInteger();

  @Override
  public PreparedCall prepare(Call call) {
    return PreparedCall.of(call, call.stash(values), this);
  }

  @Override
  public Digest commit(PreparedCall prepared, Object result, Map<String, ? extends Map<String, ?>> metadata) {
    Digest r = values.save(result);
    commits.incrementAndGet();
    return calls.save(prepared.digested().withResult(r).withMetadata(metadata));
  }

  @Override
  public Digest save(Call call) {
    return calls.save(call.stash(values));
  }

  @Override
  public LazyCall load(Digest key) {
    DigestedCall d = calls.load(key);
    if (d.isPending()) {
      throw new NoSuchElementException("pending");
    }
    return d.fetch(values::load);
  }

  @Override
  public Object loadValue(Digest key) {
    return values.load(key);
  }

  @Override
  public boolean contains(Digest key) {
    return calls.contains(key);
  }

  @Override
  public void evict(Digest key) {
    calls.evict(key);
  }

  @Override
  public Digest expand(String key) {
    return calls.expand(key);
  }

  @Override
  public List<String> shrink(Collection<Digest> keys) {
    return calls.shrink(keys);
  }

  @Override
  public QueryResult query(QueryCall template) {
    return new QueryResult(this, () -> calls.query(template).map(d -> d.fetch(values::load)));
  }

  @Override
  public Scope operation(Digest key, Intent intent) {
    return calls.operation(key, intent);
  }

  int size() {
    try (var s = calls.list()) {
      return (int) s.count();
    }
  }
}
