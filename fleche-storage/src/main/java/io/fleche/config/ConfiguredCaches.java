package io.fleche.config;

import io.fleche.Cache;
import io.fleche.MetaData;
import io.fleche.metadata.MetaDataPlugins;
import io.fleche.storage.CallStorage;
import io.fleche.storage.ValueStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The caches and default metadata of a {@link FlecheConfig}, built on first use through a {@link
 * CacheFactory} and kept: the same name always gives the same instance.
 *
 * <ul>
 *   <li>{@code null} and {@code "default"}: the default cache, {@code [default] cache}; the same
 *       instance as the cache it names. Without a configured default, the {@code memory} cache
 *       (with a warning if configuration files exist).
 *   <li>{@code "memory"}: an in-memory cache for the life of this object; {@code "void"}: a cache
 *       that stores nothing. Both ignore configuration.
 *   <li>any other name: the cache configured under it; a name that is not configured gets its
 *       own in-memory cache, with a warning.
 * </ul>
 *
 * <pre>{@code
 * # fleche.toml
 * [default]
 * cache = "fast"
 * metadata = ["Runtime", "Environment"]
 *
 * [fast]
 * template = "memory"
 * max_size = 10000
 * }</pre>
 *
 * <p>Thread-safe; a cache is built once even when several threads ask for it at the same time.
 */
public final class ConfiguredCaches {
  private static final System.Logger LOG = System.getLogger("io.fleche.config");

  private final CacheFactory factory;
  private final Supplier<FlecheConfig> source;
  private final Map<String, Cache> live = new ConcurrentHashMap<>();
  private FlecheConfig config; // guarded by this
  private volatile List<MetaData> metadata;

  /**
   * The caches of this JVM's configuration ({@link FlecheConfig#load()}), built with {@link
   * io.fleche.caches.Caches}; the configuration is read when a cache or the metadata is first
   * asked for.
   */
  public ConfiguredCaches() {
    this(new CachesFactory());
  }

  /**
   * Caches from the configuration of this JVM's working directory ({@link FlecheConfig#load()}),
   * read when a cache or the metadata is first asked for.
   */
  public ConfiguredCaches(CacheFactory factory) {
    this(factory, FlecheConfig::load);
  }

  /**
   * The caches of {@code config}, built with {@link io.fleche.caches.Caches}: for tools that read
   * the configuration of another directory ({@link FlecheConfig#load(java.nio.file.Path,
   * java.nio.file.Path, Map)}), such as the command line's {@code -C DIR}.
   */
  public ConfiguredCaches(FlecheConfig config) {
    this(config, new CachesFactory());
  }

  /** Caches from {@code config}. */
  public ConfiguredCaches(FlecheConfig config, CacheFactory factory) {
    this(factory, () -> config);
    Objects.requireNonNull(config, "config");
  }

  private ConfiguredCaches(CacheFactory factory, Supplier<FlecheConfig> source) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.source = source;
  }

  /** The configuration, read now if it has not been yet. */
  public synchronized FlecheConfig config() {
    if (config == null) {
      config = source.get();
    }
    return config;
  }

  /**
   * The cache called {@code name} ({@code null} for the default), built on first use.
   *
   * @throws IllegalArgumentException if its configuration is malformed or names a storage this
   *     version does not have; nothing is kept then, the next call tries again
   * @throws io.fleche.FlecheException if its database cannot be opened (damaged, not a database,
   *     not readable), naming the cache; nothing is kept then either
   */
  public Cache cache(String name) {
    String key = name == null ? FlecheConfig.DEFAULT : name;
    Cache cache = live.get(key);
    if (cache != null) {
      return cache;
    }
    synchronized (this) {
      cache = live.get(key);
      if (cache == null) {
        cache = build(key);
        live.put(key, cache);
      }
      return cache;
    }
  }

  private Cache build(String name) {
    switch (name) {
      case FlecheConfig.MEMORY:
        return factory.memory();
      case FlecheConfig.VOID:
        return factory.voidCache();
      case FlecheConfig.DEFAULT:
        return buildDefault();
      default:
        Optional<CacheSpec> spec = config().cache(name);
        if (spec.isPresent()) {
          return build(spec.get(), name);
        }
        LOG.log(
            System.Logger.Level.WARNING,
            "No cache named ''{0}'' in {1}: using an in-memory cache",
            name,
            filesRead());
        return factory.memory();
    }
  }

  private Cache buildDefault() {
    Optional<String> target = config().defaultCacheName();
    if (target.isEmpty()) {
      if (config().files().stream().anyMatch(ConfigFile::read)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "No default cache ([default] cache = \"name\") in {0}: using the memory cache",
            filesRead());
      }
      return cache(FlecheConfig.MEMORY);
    }
    if (target.get().equals(FlecheConfig.DEFAULT)) {
      return build(config().cache(FlecheConfig.DEFAULT).orElseThrow(), FlecheConfig.DEFAULT);
    }
    return cache(target.get());
  }

  private Cache build(CacheSpec spec, String name) {
    if (spec instanceof CacheSpec.Plain) {
      CacheSpec.Plain plain = (CacheSpec.Plain) spec;
      ValueStorage values = ConfiguredStorages.values(plain.values(), name);
      CallStorage calls = ConfiguredStorages.calls(plain.calls(), name);
      Cache cache =
          plain.maxSize().isPresent()
              ? factory.sizeLimited(values, calls, plain.maxSize().getAsLong())
              : factory.of(values, calls);
      cache = plain.readOnly() ? factory.readOnly(cache) : cache;
      return plain.front().isPresent() ? factory.front(cache, plain.front().getAsLong()) : cache;
    }
    if (spec instanceof CacheSpec.Stack) {
      return factory.stack(buildAll(((CacheSpec.Stack) spec).layers(), name));
    }
    if (spec instanceof CacheSpec.Pool) {
      return factory.pool(buildAll(((CacheSpec.Pool) spec).members(), name));
    }
    throw new IllegalArgumentException(
        "cache '"
            + name
            + "': remote caches (type = \"ssh\", host "
            + ((CacheSpec.Remote) spec).host()
            + ") are not available in this version");
  }

  private List<Cache> buildAll(List<CacheSpec> specs, String name) {
    List<Cache> caches = new ArrayList<>();
    for (CacheSpec s : specs) {
      caches.add(build(s, name));
    }
    return caches;
  }

  private String filesRead() {
    List<ConfigFile> files = config().files();
    return files.isEmpty()
        ? "no " + FlecheConfig.FILE_NAME
        : files.stream().map(f -> f.path().toString()).collect(Collectors.joining(", "));
  }

  /**
   * The configured default metadata plugins ({@code [default] metadata}, else {@code Runtime}),
   * made on first use.
   *
   * @throws IllegalArgumentException if a name is unknown or is {@code Tags}
   */
  public List<MetaData> defaultMetadata() {
    List<MetaData> m = metadata;
    if (m == null) {
      synchronized (this) {
        m = metadata;
        if (m == null) {
          m =
              config().defaultMetadata().stream()
                  .map(MetaDataPlugins::byName)
                  .collect(Collectors.toUnmodifiableList());
          metadata = m;
        }
      }
    }
    return m;
  }
}
