package io.fleche.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A cache as configured in {@code fleche.toml}, resolved: templates expanded, paths absolute.
 * One of four shapes:
 *
 * <pre>{@code
 * [plain]                  # Plain: a value storage and a call storage
 * values.type = "memory"
 * calls.type = "memory"
 * max_size = 1000          # optional: at most 1000 calls, random ones evicted
 * read_only = true         # optional: hits are served, nothing is stored
 * front = 10000            # optional: up to 10000 recently used calls kept in memory
 *
 * [short]                  # Plain, from a template
 * template = "memory"
 *
 * [[layered]]              # Stack: saves go to the first layer, loads try them in order
 * template = "memory"
 * [[layered]]
 * values.type = "memory"
 * calls.type = "memory"
 *
 * [[sources.pool]]         # Pool: a read-only union of caches
 * template = "memory"
 *
 * [remote]                 # Remote: a cache on another machine, over ssh
 * type = "ssh"
 * host = "cluster"
 * }</pre>
 */
public sealed interface CacheSpec {
  /**
   * A cache over a value and a call storage; size-limited if {@code maxSize} is present,
   * wrapped read-only (over the size limit) if {@code readOnly}, with a memory front of {@code
   * front} calls (over both) if present.
   */
  record Plain(
      StorageSpec values,
      StorageSpec calls,
      OptionalLong maxSize,
      boolean readOnly,
      OptionalLong front)
      implements CacheSpec {
    public Plain {
      Objects.requireNonNull(values, "values");
      Objects.requireNonNull(calls, "calls");
      Objects.requireNonNull(maxSize, "maxSize");
      Objects.requireNonNull(front, "front");
    }

    /** Without a memory front. */
    public Plain(StorageSpec values, StorageSpec calls, OptionalLong maxSize, boolean readOnly) {
      this(values, calls, maxSize, readOnly, OptionalLong.empty());
    }
  }

  /** Layers, the first one receiving saves and back-filled from the others on a hit. */
  record Stack(List<CacheSpec> layers) implements CacheSpec {
    public Stack {
      layers = List.copyOf(layers);
    }
  }

  /** A read-only union of the members: the first hit wins, nothing is copied or stored. */
  record Pool(List<CacheSpec> members) implements CacheSpec {
    public Pool {
      members = List.copyOf(members);
    }
  }

  /**
   * A cache served by another machine ({@code type = "ssh"}), not available in this version.
   *
   * @param options the table's other keys: {@code cache_name}, {@code ssh_options}, {@code
   *     workdir}, ...
   */
  record Remote(String host, Map<String, Object> options, boolean readOnly) implements CacheSpec {
    public Remote {
      Objects.requireNonNull(host, "host");
      options = Toml.freeze(options);
    }
  }
}
