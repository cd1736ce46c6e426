package io.fleche;

import java.util.Map;

/**
 * A metadata plugin: collects JSON-like facts about a computed call (timing, host, git commit,
 * tags) into the namespace {@link #name()} of its record. Metadata is recorded only when a result
 * is computed, never on a hit.
 *
 * <pre>{@code
 * final class Gpu implements MetaData {
 *   public String name() { return "gpu"; }
 *   public Map<String, Object> pre(Call call) { return Map.of("device", currentDevice()); }
 * }
 * }</pre>
 *
 * <p>Plugins with the same name merge into one namespace (later keys win). An implementation used
 * in {@code @Fleche(meta = ...)} or by name in configuration needs a public no-argument
 * constructor.
 */
public interface MetaData {
  /** The namespace, e.g. {@code "runtime"}. */
  String name();

  /** Collected before the body runs; {@code call} has its arguments but no result yet. */
  default Map<String, Object> pre(Call call) {
    return Map.of();
  }

  /**
   * Collected after the body returned; {@code pre} is what {@link #pre} collected, {@code call}
   * has its result.
   */
  default Map<String, Object> post(Map<String, Object> pre, Call call) {
    return Map.of();
  }
}
