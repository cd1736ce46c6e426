package io.fleche.config;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.DigestedCall;
import io.fleche.FunctionId;
import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A {@link CacheFactory} that records what it is asked to build and returns placeholder caches
 * whose {@code toString} describes them, e.g. {@code readOnly(sizeLimited(memory, memory, 5))}.
 * Storages are described by probing them: {@code memory} keeps what is saved, {@code void} not.
 */
final class RecordingFactory implements CacheFactory {
  final List<String> built = Collections.synchronizedList(new ArrayList<>());

  @Override
  public Cache memory() {
    return fake("memory");
  }

  @Override
  public Cache voidCache() {
    return fake("void");
  }

  @Override
  public Cache of(ValueStorage values, CallStorage calls) {
    return fake("of(" + kind(values) + ", " + kind(calls) + ")");
  }

  @Override
  public Cache sizeLimited(ValueStorage values, CallStorage calls, long maxSize) {
    return fake("sizeLimited(" + kind(values) + ", " + kind(calls) + ", " + maxSize + ")");
  }

  @Override
  public Cache readOnly(Cache inner) {
    return fake("readOnly(" + inner + ")");
  }

  @Override
  public Cache front(Cache inner, long maxSize) {
    return fake("front(" + inner + ", " + maxSize + ")");
  }

  @Override
  public Cache stack(List<Cache> layers) {
    return fake("stack" + layers);
  }

  @Override
  public Cache pool(List<Cache> members) {
    return fake("pool" + members);
  }

  private static String kind(ValueStorage values) {
    return values.contains(values.save("probe")) ? "memory" : "void";
  }

  private static String kind(CallStorage calls) {
    DigestedCall probe = Call.of(FunctionId.named("probe"), Map.of()).withResult(1L).digested();
    calls.save(probe);
    return calls.contains(probe.lookupKey()) ? "memory" : "void";
  }

  private Cache fake(String description) {
    built.add(description);
    return (Cache)
        Proxy.newProxyInstance(
            Cache.class.getClassLoader(),
            new Class<?>[] {Cache.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "toString":
                  return description;
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "equals":
                  return proxy == args[0];
                default:
                  throw new UnsupportedOperationException(description + "." + method.getName());
              }
            });
  }
}
