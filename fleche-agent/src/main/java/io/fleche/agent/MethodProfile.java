package io.fleche.agent;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.CallKey;
import io.fleche.Digest;
import io.fleche.FunctionId;
import io.fleche.MetaData;
import io.fleche.storages.Serializers;
import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Fleche knows about one {@code @Fleche} method, computed when its class is transformed:
 * the function's identity, which parameters form the key, which must be non-null, its extra
 * metadata plugins and how its result is returned. Parts that need the loaded class (the jar's
 * version, plugin instances) are completed at the first call.
 */
final class MethodProfile {
  static final String THIS = "this";

  final String description; // for messages: "org.example.Physics.simulate(int,double)"
  final String name;
  final String methodName; // the method's own name, e.g. "simulate"
  final String signature;
  final String module; // null when not hashed
  final String annotatedVersion; // null: from the jar's manifest, if hashed
  final boolean hashVersion;
  final Digest codeDigest;
  final boolean isStatic;
  final String[] parameterNames; // all parameters, in order
  final boolean[] keyed; // parameter i takes part in the key
  final boolean thisKeyed;
  final Set<String> required;
  final List<String> metaClasses;
  final boolean returnsFuture;

  private volatile FunctionId function; // completed at the first call
  private volatile List<MetaData> meta;
  private volatile CallKey keys;
  private final int keyCount;
  private static final int KNOWN_CALLS_LIMIT = 16_384;
  /**
   * {@code -Dfleche.rememberKeys=false} digests every call and keeps no front layer (to measure
   * the digest path).
   */
  private static final boolean REMEMBER_KEYS =
      !"false".equals(System.getProperty("fleche.rememberKeys"));
  private final ConcurrentHashMap<Arguments, Known> knownCalls = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private volatile Recent recent;

  MethodProfile(
      String description,
      String name,
      String methodName,
      String signature,
      String module,
      String annotatedVersion,
      boolean hashVersion,
      Digest codeDigest,
      boolean isStatic,
      String[] parameterNames,
      boolean[] keyed,
      boolean thisKeyed,
      Set<String> required,
      List<String> metaClasses,
      boolean returnsFuture) {
    this.description = description;
    this.name = name;
    this.methodName = methodName;
    this.signature = signature;
    this.module = module;
    this.annotatedVersion = annotatedVersion;
    this.hashVersion = hashVersion;
    this.codeDigest = codeDigest;
    this.isStatic = isStatic;
    this.parameterNames = parameterNames;
    this.keyed = keyed;
    this.thisKeyed = thisKeyed;
    this.required = required;
    this.metaClasses = metaClasses;
    this.returnsFuture = returnsFuture;
    int n = !isStatic && thisKeyed ? 1 : 0;
    for (boolean k : keyed) {
      n += k ? 1 : 0;
    }
    this.keyCount = n;
  }

  /** The function's identity; the version comes from the declaring jar unless annotated. */
  FunctionId function(Class<?> declaring) {
    FunctionId f = function;
    if (f == null) {
      String version = null;
      if (hashVersion) {
        version = annotatedVersion;
        if (version == null && declaring.getPackage() != null) {
          version = declaring.getPackage().getImplementationVersion();
        }
      }
      f = new FunctionId(name, signature, module, version, codeDigest);
      allowStoredTypes(declaring);
      function = f;
    }
    return f;
  }

  /**
   * Lets the serializers of persistent storages read back this method's argument and result types
   * (and the types they are made of): a stored file naming any other class is refused.
   */
  private void allowStoredTypes(Class<?> declaring) {
    for (java.lang.reflect.Method m : declaring.getDeclaredMethods()) {
      if (m.getName().equals(methodName) && Profiles.signature(m).equals(signature)) {
        Serializers.allow(m.getGenericReturnType());
        for (java.lang.reflect.Type t : m.getGenericParameterTypes()) {
          Serializers.allow(t);
        }
        if (!isStatic) {
          Serializers.allow(declaring);
        }
      }
    }
  }

  /** The plugins named in {@code @Fleche(meta = ...)}, instantiated once. */
  List<MetaData> meta(Class<?> declaring) {
    List<MetaData> m = meta;
    if (m == null) {
      List<MetaData> plugins = new ArrayList<>();
      for (String className : metaClasses) {
        try {
          Class<?> c = Class.forName(className, true, declaring.getClassLoader());
          Constructor<?> ctor = c.getDeclaredConstructor();
          ctor.setAccessible(true);
          plugins.add((MetaData) ctor.newInstance());
        } catch (ReflectiveOperationException | RuntimeException e) {
          warnOnce("meta:" + className, "cannot instantiate metadata plugin " + className + ": " + e);
        }
      }
      m = List.copyOf(plugins);
      meta = m;
    }
    return m;
  }

  /** Computes keys for this method's calls: the keyed parameters, {@code this} first. */
  CallKey keys(Class<?> declaring) {
    CallKey k = keys;
    if (k == null) {
      List<String> names = new ArrayList<>();
      if (!isStatic && thisKeyed) {
        names.add(THIS);
      }
      for (int i = 0; i < parameterNames.length; i++) {
        if (keyed[i]) {
          names.add(parameterNames[i]);
        }
      }
      k = CallKey.of(function(declaring), names);
      keys = k;
    }
    return k;
  }

  /**
   * What is remembered of a call whose arguments are all immutable values: its key, and, once a
   * hit was read from a cache that counts its changes, that cache, its change count then and the
   * (immutable) result — the in-process front layer.
   */
  static final class Known {
    final Digest key;
    final Cache cache;
    final long modifications;
    final Object result;
    final FunctionCounters counters; // of this method on cache
    final long saved; // the recorded wall time of the call, in nanoseconds

    Known(
        Digest key,
        Cache cache,
        long modifications,
        Object result,
        FunctionCounters counters,
        long saved) {
      this.key = key;
      this.cache = cache;
      this.modifications = modifications;
      this.result = result;
      this.counters = counters;
      this.saved = saved;
    }

    /** The remembered result if it is still what {@code active} holds, else null. */
    boolean servesFrom(Cache active) {
      return cache == active && modifications >= 0 && active.modifications() == modifications;
    }
  }

  /**
   * What is remembered of the call with these key values: keys of calls whose arguments are all of
   * immutable value types are remembered (by value equality, which for these types agrees with
   * digest equality), so a repeated call is not digested again; null for other calls.
   */
  Known known(Class<?> declaring, Object[] values) {
    if (!REMEMBER_KEYS || !ImmutableValues.all(values)) {
      return null;
    }
    Arguments args = new Arguments(values);
    Known k = knownCalls.get(args);
    if (k == null) {
      k = new Known(keys(declaring).digest(values), null, -1, null, null, 0);
      if (knownCalls.size() >= KNOWN_CALLS_LIMIT) {
        knownCalls.clear(); // bounded: start over rather than grow
      }
      knownCalls.put(args, k);
    }
    return k;
  }

  /**
   * Remembers a hit's immutable result, read from {@code cache} at change count {@code seen}, with
   * the counters its later hits go to and the wall time each of them saves.
   */
  void rememberHit(
      Object[] values,
      Known known,
      Cache cache,
      long seen,
      Object result,
      FunctionCounters counters,
      long saved) {
    if (seen >= 0 && ImmutableValues.is(result)) {
      knownCalls.put(
          new Arguments(values), new Known(known.key, cache, seen, result, counters, saved));
    }
  }

  /** The last cache this method's calls were counted on, and its counters. */
  private static final class Recent {
    final WeakReference<Cache> cache;
    final FunctionCounters counters;

    Recent(Cache cache, FunctionCounters counters) {
      this.cache = new WeakReference<>(cache);
      this.counters = counters;
    }
  }

  /** The counters of this method's calls on {@code cache}. */
  FunctionCounters counters(Cache cache) {
    Recent r = recent;
    if (r != null && r.cache.get() == cache) {
      return r.counters;
    }
    FunctionCounters c = CacheMonitor.used(cache).counters(this);
    recent = new Recent(cache, c);
    return c;
  }

  /** The lookup key of a call with these key values. */
  Digest key(Class<?> declaring, Object[] values) {
    Known k = known(declaring, values);
    return k != null ? k.key : keys(declaring).digest(values);
  }

  /** Argument values compared by value, as a map key. */
  private static final class Arguments {
    private final Object[] values;
    private final int hash;

    Arguments(Object[] values) {
      this.values = values;
      this.hash = Arrays.hashCode(values);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Arguments && Arrays.equals(values, ((Arguments) o).values);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** The values of the keyed parameters, in the order of {@link #keys}. */
  Object[] keyValues(Object self, Object[] arguments) {
    Object[] values = new Object[keyCount];
    int j = 0;
    if (!isStatic && thisKeyed) {
      values[j++] = self;
    }
    for (int i = 0; i < arguments.length; i++) {
      if (keyed[i]) {
        values[j++] = arguments[i];
      }
    }
    return values;
  }

  /** The call with these key values (from {@link #keyValues}). */
  Call call(Class<?> declaring, Object[] keyValues) {
    List<String> names = keys(declaring).argumentNames();
    Map<String, Object> args = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i++) {
      args.put(names.get(i), keyValues[i]);
    }
    return Call.of(function(declaring), args);
  }

  /** True if {@code name} is a parameter (or {@code this}) that takes part in the key. */
  boolean isKeyed(String name) {
    if (THIS.equals(name)) {
      return !isStatic && thisKeyed;
    }
    for (int i = 0; i < parameterNames.length; i++) {
      if (parameterNames[i].equals(name)) {
        return keyed[i];
      }
    }
    return false;
  }

  /** The first required parameter that is null, or null if all are present. */
  String missingRequired(Object[] arguments) {
    if (required.isEmpty()) {
      return null;
    }
    for (int i = 0; i < arguments.length; i++) {
      if (arguments[i] == null && required.contains(parameterNames[i])) {
        return parameterNames[i];
      }
    }
    return null;
  }

  /** Logs {@code message} at WARNING the first time {@code kind} happens for this method. */
  void warnOnce(String kind, String message) {
    if (warned.add(kind)) {
      Dispatcher.LOG.log(System.Logger.Level.WARNING, "Fleche: " + description + ": " + message);
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
