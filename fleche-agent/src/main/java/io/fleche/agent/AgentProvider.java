package io.fleche.agent;

import io.fleche.Cache;
import io.fleche.FlecheFunction;
import io.fleche.MetaData;
import io.fleche.config.ConfiguredCaches;
import io.fleche.spi.FlecheProvider;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The runtime behind {@link io.fleche.Fleches}, found through {@link java.util.ServiceLoader}:
 * caches and default metadata from {@code fleche.toml}, function handles. The default cache is
 * the one named by {@code -Dfleche.cache} (or the agent argument {@code cache=NAME}) if set, else
 * the configured default.
 */
public final class AgentProvider implements FlecheProvider {
  private final ConfiguredCaches caches = new ConfiguredCaches();

  @Override
  public Cache cache(String name) {
    if (name == null || name.equals("default")) {
      String chosen = System.getProperty(AgentOptions.CACHE_PROPERTY);
      if (chosen != null && !chosen.isBlank()) {
        return caches.cache(chosen);
      }
    }
    return caches.cache(name);
  }

  @Override
  public List<MetaData> defaultMetadata() {
    return caches.defaultMetadata();
  }

  @Override
  public FlecheFunction function(Method method) {
    return FunctionHandle.of(method);
  }
}
