package io.fleche.spi;

import io.fleche.Cache;
import io.fleche.FlecheFunction;
import io.fleche.FlecheStats;
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

  /**
   * The statistics of the memoized calls made on every cache of this JVM; {@link
   * FlecheStats#EMPTY} for a runtime that does not memoize.
   */
  default FlecheStats stats() {
    return FlecheStats.EMPTY;
  }

  /** The statistics of the memoized calls made on {@code cache}; see {@link #stats()}. */
  default FlecheStats stats(Cache cache) {
    return FlecheStats.EMPTY;
  }
}
