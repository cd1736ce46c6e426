package io.fleche.agent;

import io.fleche.Cache;
import io.fleche.FlecheFunction;
import io.fleche.FlecheStats;
import io.fleche.MetaData;
import io.fleche.config.ConfiguredCaches;
import io.fleche.spi.FlecheProvider;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runtime behind {@link io.fleche.Fleches}, found through {@link java.util.ServiceLoader}:
 * caches and default metadata from {@code fleche.toml}, function handles, statistics. The default
 * cache is the one named by {@code -Dfleche.cache} (or the agent argument {@code cache=NAME}) if
 * set, else the configured default. A configured cache's statistics carry its name in the
 * configuration (the default cache's: the name of the cache it is, {@code memory} if none is
 * configured).
 */
public final class AgentProvider implements FlecheProvider {
  private static final String DEFAULT = "default";
  private static final String MEMORY = "memory";

  private final ConfiguredCaches caches = new ConfiguredCaches();
  private final ConcurrentHashMap<String, Cache> named = new ConcurrentHashMap<>();

  @Override
  public Cache cache(String name) {
    String key = name == null ? DEFAULT : name;
    if (key.equals(DEFAULT)) {
      String chosen = System.getProperty(AgentOptions.CACHE_PROPERTY);
      if (chosen != null && !chosen.isBlank()) {
        key = chosen;
      }
    }
    Cache cache = named.get(key);
    if (cache == null) {
      cache = caches.cache(key);
      CacheMonitor.name(
          cache,
          key.equals(DEFAULT) ? caches.config().defaultCacheName().orElse(MEMORY) : key);
      named.putIfAbsent(key, cache);
    }
    return cache;
  }

  @Override
  public List<MetaData> defaultMetadata() {
    return caches.defaultMetadata();
  }

  @Override
  public FlecheFunction function(Method method) {
    return FunctionHandle.of(method);
  }

  @Override
  public FlecheStats stats() {
    return CacheMonitor.all();
  }

  @Override
  public FlecheStats stats(Cache cache) {
    return CacheMonitor.of(cache);
  }
}
