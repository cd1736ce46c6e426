package io.fleche;

import io.fleche.spi.FlecheProvider;
import io.fleche.storage.Scope;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Fleche's static entry point: the active cache and metadata of the current thread, digest
 * hooks.
 *
 * <pre>{@code
 * try (Scope s = Fleches.use(Caches.memory())) {      // memoized calls in this block use it
 *   try (Scope t = Fleches.tags(Map.of("project", "alpha"))) {
 *     simulate(100, 0.01);                            // recorded with tags.project = alpha
 *   }
 * }
 * executor.submit(Fleches.bind(() -> simulate(200, 0.01)));  // carries cache and metadata
 * }</pre>
 *
 * <p>The active cache and metadata are per thread and not inherited by new threads (they see the
 * configured default); {@link #bind} carries them over. {@code use}, {@code meta} and {@code tags}
 * take effect at once and return a {@link Scope} whose closing restores what was active before.
 */
public final class Fleches {
  private static final ThreadLocal<Cache> CACHE = new ThreadLocal<>();
  private static final ThreadLocal<List<MetaData>> METADATA = new ThreadLocal<>();
  private static volatile FlecheProvider provider;

  private Fleches() {}

  /** The active cache of this thread: the last one {@link #use}d, else the configured default. */
  public static Cache cache() {
    Cache c = CACHE.get();
    return c != null ? c : provider().cache(null);
  }

  /** Makes {@code cache} the active cache of this thread until the scope is closed. */
  public static Scope use(Cache cache) {
    return swap(CACHE, Objects.requireNonNull(cache, "cache"));
  }

  /** Makes the cache configured under {@code name} active (see {@code fleche.toml}). */
  public static Scope use(String name) {
    return use(provider().cache(name));
  }

  /** The metadata plugins active in this thread (the configured default: {@code Runtime}). */
  public static List<MetaData> metadata() {
    List<MetaData> m = METADATA.get();
    return m != null ? m : provider().defaultMetadata();
  }

  /** Replaces the active metadata plugins until the scope is closed. */
  public static Scope meta(MetaData... plugins) {
    return swap(METADATA, List.of(plugins));
  }

  /** Adds metadata plugins to the active ones until the scope is closed. */
  public static Scope addMeta(MetaData... plugins) {
    List<MetaData> all = new ArrayList<>(metadata());
    all.addAll(List.of(plugins));
    return swap(METADATA, List.copyOf(all));
  }

  /**
   * Records {@code tags} (JSON-like values) in the {@code tags} namespace of every call computed
   * until the scope is closed; nested tags merge, inner keys win.
   */
  public static Scope tags(Map<String, ?> tags) {
    return addMeta(new Tags(tags));
  }

  /** {@code tags(Map.of("project", name))}. */
  public static Scope project(String name) {
    return tags(Map.of("project", name));
  }

  /**
   * A handle on the {@code @Fleche} method {@code name(parameterTypes)} of {@code type}.
   *
   * @throws IllegalArgumentException if there is no such method or it is not annotated
   */
  public static FlecheFunction function(Class<?> type, String name, Class<?>... parameterTypes) {
    java.lang.reflect.Method m;
    try {
      m = type.getDeclaredMethod(name, parameterTypes);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "no method " + type.getName() + "." + name + java.util.Arrays.toString(parameterTypes), e);
    }
    return function(m);
  }

  /**
   * A handle on the one {@code @Fleche} method of {@code type} named {@code name}.
   *
   * @throws IllegalArgumentException if there is none, or several (overloads: give the types)
   */
  public static FlecheFunction function(Class<?> type, String name) {
    java.lang.reflect.Method found = null;
    for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.isAnnotationPresent(Fleche.class)) {
        if (found != null) {
          throw new IllegalArgumentException(
              type.getName() + "." + name + " is overloaded; give the parameter types");
        }
        found = m;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("no @Fleche method " + type.getName() + "." + name);
    }
    return function(found);
  }

  /** A handle on the {@code @Fleche} method {@code method}. */
  public static FlecheFunction function(java.lang.reflect.Method method) {
    if (!method.isAnnotationPresent(Fleche.class)) {
      throw new IllegalArgumentException(method + " is not annotated @Fleche");
    }
    return provider().function(method);
  }

  /**
   * Statistics of every memoized function on every cache of this JVM so far: hits, misses,
   * uncached calls, time computing and time saved. Counted by the agent; {@link
   * FlecheStats#EMPTY} without it.
   *
   * <pre>{@code
   * FunctionStats s = Fleches.stats().function(Physics.class, "simulate");
   * }</pre>
   */
  public static FlecheStats stats() {
    return provider().stats();
  }

  /**
   * {@link #stats()} of the calls made on {@code cache} (the cache a call found active, a stack
   * or other compound cache counting as one).
   */
  public static FlecheStats stats(Cache cache) {
    return provider().stats(Objects.requireNonNull(cache, "cache"));
  }

  private static <T> Scope swap(ThreadLocal<T> slot, T value) {
    T previous = slot.get();
    Thread owner = Thread.currentThread();
    slot.set(value);
    return () -> {
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException("a Fleches scope must be closed by the thread that opened it");
      }
      if (previous == null) {
        slot.remove();
      } else {
        slot.set(previous);
      }
    };
  }

  /** {@code task}, running with this thread's active cache and metadata wherever it runs. */
  public static Runnable bind(Runnable task) {
    Objects.requireNonNull(task, "task");
    Cache cache = cache();
    List<MetaData> meta = metadata();
    return () -> {
      try (Scope c = use(cache);
          Scope m = swap(METADATA, meta)) {
        task.run();
      }
    };
  }

  /** {@code task}, running with this thread's active cache and metadata wherever it runs. */
  public static <T> Callable<T> bind(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    Cache cache = cache();
    List<MetaData> meta = metadata();
    return () -> {
      try (Scope c = use(cache);
          Scope m = swap(METADATA, meta)) {
        return task.call();
      }
    };
  }

  /**
   * {@code executor}, running every task with the submitting thread's active cache and metadata;
   * a {@link FlecheFunction#bind bound} memoized call that is already cached is answered with a
   * completed future without submitting anything.
   */
  public static ExecutorService wrap(ExecutorService executor) {
    return executor instanceof BindingExecutor ? executor : new BindingExecutor(executor);
  }

  /**
   * Installs the Fleche agent into this JVM if it was started without {@code
   * -javaagent:fleche.jar} (for tests and tools; needs the agent jar, or {@code fleche-agent}, on
   * the class path; JDK 21+ want {@code -XX:+EnableDynamicAgentLoading}).
   *
   * @throws IllegalStateException if the agent is not available or cannot attach
   */
  public static void install() {
    try {
      Class.forName("io.fleche.agent.FlecheAgent").getMethod("install").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "cannot install the Fleche agent: put fleche.jar (fleche-agent) on the class path", e);
    }
  }

  private static FlecheProvider provider() {
    FlecheProvider p = provider;
    if (p == null) {
      synchronized (Fleches.class) {
        p = provider;
        if (p == null) {
          p = loadProvider();
          provider = p;
        }
      }
    }
    return p;
  }

  private static FlecheProvider loadProvider() {
    for (ClassLoader loader :
        new ClassLoader[] {Fleches.class.getClassLoader(), Thread.currentThread().getContextClassLoader()}) {
      Iterator<FlecheProvider> it = ServiceLoader.load(FlecheProvider.class, loader).iterator();
      if (it.hasNext()) {
        return it.next();
      }
    }
    throw new IllegalStateException(
        "No Fleche runtime found: put fleche-storage on the class path, or run with"
            + " -javaagent:fleche.jar");
  }

  /**
   * Registers a digest hook; it takes precedence over every hook registered before it, over
   * hooks found through {@link java.util.ServiceLoader}, over {@link Digestible} and over the
   * built-in encoding, for its type and subtypes.
   */
  public static void registerDigestHook(DigestHook<?> hook) {
    Digester.register(Objects.requireNonNull(hook, "hook"));
  }

  /** Registers {@code DigestHook.of(type, digest)}; see {@link #registerDigestHook(DigestHook)}. */
  public static <T> void registerDigestHook(Class<T> type, Function<? super T, Digest> digest) {
    registerDigestHook(DigestHook.of(type, digest));
  }
}
