package io.fleche.agent;

import java.util.Map;

/**
 * The statistics of one cache over JMX: one MBean per cache that memoized calls used, registered
 * in the platform MBean server when the cache is first used, as {@code
 * io.fleche:type=Cache,name=<name>} (the name it has in {@code fleche.toml}, else its {@code
 * toString()}; a second cache of the same name gets {@code " (2)"} appended). It is unregistered
 * once the cache has been garbage collected. The same counts are {@link io.fleche.Fleches#stats(
 * io.fleche.Cache)} in code.
 *
 * <pre>
 * jconsole: MBeans → io.fleche → Cache → default → Attributes
 * </pre>
 */
public interface CacheStatsMXBean {
  /** The cache's name: from {@code fleche.toml}, else its {@code toString()}. */
  String getName();

  /** Calls answered from the cache, front-layer hits included. */
  long getHits();

  /** Hits answered by the in-process front layer. */
  long getFrontHits();

  /** Calls computed to be stored. */
  long getMisses();

  /** Calls the cache could not answer or keep (see {@link io.fleche.FunctionStats}). */
  long getUncached();

  /** Milliseconds spent computing misses. */
  long getComputingMillis();

  /** Milliseconds the hits saved (their recorded wall time). */
  long getSavedMillis();

  /**
   * Per function ({@code com.acme.Physics.simulate(int,double)}): {@code hits}, {@code frontHits},
   * {@code misses}, {@code uncached}, {@code computingMillis}, {@code savedMillis} and {@code
   * uncached.<reason>} for each reason that happened.
   */
  Map<String, Map<String, Long>> getFunctions();
}
