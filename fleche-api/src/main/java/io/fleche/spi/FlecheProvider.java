package io.fleche.spi;

import io.fleche.Cache;
import io.fleche.FlecheFunction;
import io.fleche.MetaData;
import java.lang.reflect.Method;
import java.util.List;

/**
 * What {@link io.fleche.Fleches} needs from the runtime (the storage module, or the agent jar):
 * caches by name from configuration, and the default metadata plugins. Found through {@link
 * java.util.ServiceLoader}; applications do not implement it.
 */
public interface FlecheProvider {
  /**
   * The cache configured under {@code name}; {@code null} or {@code "default"} for the default
   * cache (in memory when nothing is configured). The same name gives the same instance.
   */
  Cache cache(String name);

  /** The metadata plugins recorded by default ({@code Runtime} when nothing is configured). */
  List<MetaData> defaultMetadata();

  /** A handle on an annotated method (see {@link io.fleche.Fleches#function}). */
  FlecheFunction function(Method method);
}
