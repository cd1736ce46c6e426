package io.fleche.agent;

import io.fleche.Cache;
import io.fleche.FlecheStats;
import io.fleche.FunctionStats;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The statistics of one cache: the {@link FunctionCounters} of each memoized method called on it,
 * shown over JMX ({@link CacheStatsMXBean}). Monitors are found by the identity of their cache
 * and do not keep it alive; once a cache is garbage collected its MBean is unregistered and its
 * counts are kept as retired, so that {@link #all()} still includes them (noticed when the next
 * cache is first used or statistics are read).
 *
 * <p>MBeans are registered and unregistered in order by one background thread: the first
 * registration creates the platform MBean server, which takes a good part of a second, and the
 * call that first uses a cache must not wait for it.
 */
final class CacheMonitor implements CacheStatsMXBean {
  private static final String DOMAIN = "io.fleche";
  private static final ConcurrentHashMap<CacheRef, CacheMonitor> MONITORS =
      new ConcurrentHashMap<>();
  private static FlecheStats retired = FlecheStats.EMPTY; // guarded by CacheMonitor.class
  /** Registers and unregisters MBeans in order, on a daemon thread that ends when idle. */
  private static final Executor JMX =
      new ThreadPoolExecutor(
          0,
          1,
          10,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(),
          task -> {
            Thread t = new Thread(task, "fleche-jmx");
            t.setDaemon(true);
            return t;
          });

  private final String name;
  private final CacheRef owner; // the cache it was made for; others may count as it
  private final ConcurrentHashMap<MethodProfile, FunctionCounters> functions =
      new ConcurrentHashMap<>();
  private volatile boolean used;
  private ObjectName registered; // only on the JMX thread

  private CacheMonitor(String name, CacheRef owner) {
    this.name = name;
    this.owner = owner;
  }

  /** A cache as a map key: by identity, held weakly. */
  private static final class CacheRef extends WeakReference<Cache> {
    private final int hash;

    CacheRef(Cache cache) {
      super(cache);
      this.hash = System.identityHashCode(cache);
    }

    @Override
    public boolean equals(Object o) {
      if (o == this) {
        return true;
      }
      Cache c = get();
      return c != null && o instanceof CacheRef && ((CacheRef) o).get() == c;
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * The monitor of {@code cache}, made now if need be, its MBean registered: for the dispatcher,
   * at the cache's first use.
   */
  static CacheMonitor used(Cache cache) {
    CacheMonitor m = monitor(cache, null);
    if (!m.used) {
      m.use();
    }
    return m;
  }

  /**
   * Names the monitor of {@code cache} (for the MBean), unless it has a name already: a cache
   * that the configuration built under {@code name}.
   */
  static void name(Cache cache, String name) {
    monitor(cache, name);
  }

  /**
   * Counts the calls made on {@code wrapper} (a cache made for a moment around {@code cache}, such
   * as the refreshing cache of a rerun) as calls made on {@code cache}.
   */
  static void countAs(Cache wrapper, Cache cache) {
    MONITORS.putIfAbsent(new CacheRef(wrapper), monitor(cache, null));
  }

  private static CacheMonitor monitor(Cache cache, String name) {
    CacheRef ref = new CacheRef(cache);
    CacheMonitor m = MONITORS.get(ref);
    if (m != null) {
      return m;
    }
    expunge();
    return MONITORS.computeIfAbsent(
        ref, r -> new CacheMonitor(name != null ? name : describe(cache), r));
  }

  private static String describe(Cache cache) {
    try {
      return cache.toString();
    } catch (RuntimeException e) {
      return cache.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(cache));
    }
  }

  /**
   * Retires the monitors of collected caches: when a cache is first used and when statistics are
   * read (a scan, so that a collected cache is noticed at once, not when its reference is
   * enqueued).
   */
  private static synchronized void expunge() {
    for (Iterator<Map.Entry<CacheRef, CacheMonitor>> it = MONITORS.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<CacheRef, CacheMonitor> e = it.next();
      CacheMonitor m = e.getValue();
      if (e.getKey().get() == null) {
        it.remove();
        if (m.owner == e.getKey()) {
          JMX.execute(m::unregister);
          retired = retired.plus(m.snapshot());
        }
      }
    }
  }

  /** The statistics of every cache, collected ones included. */
  static synchronized FlecheStats all() {
    expunge();
    FlecheStats sum = retired;
    for (Map.Entry<CacheRef, CacheMonitor> e : MONITORS.entrySet()) {
      if (e.getValue().owner == e.getKey()) {
        sum = sum.plus(e.getValue().snapshot());
      }
    }
    return sum;
  }

  /** The statistics of {@code cache}; empty if it was never used. */
  static FlecheStats of(Cache cache) {
    CacheMonitor m = MONITORS.get(new CacheRef(cache));
    return m == null ? FlecheStats.EMPTY : m.snapshot();
  }

  /** The counters of {@code profile}'s calls on this cache. */
  FunctionCounters counters(MethodProfile profile) {
    return functions.computeIfAbsent(profile, p -> new FunctionCounters());
  }

  FlecheStats snapshot() {
    Map<String, FunctionStats> byName = new HashMap<>();
    functions.forEach((p, c) -> byName.merge(p.description, c.snapshot(), FunctionStats::plus));
    return new FlecheStats(byName);
  }

  private synchronized void use() {
    if (!used) {
      used = true;
      JMX.execute(this::register);
    }
  }

  private void register() {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      for (int n = 1; registered == null; n++) {
        ObjectName candidate = objectName(n == 1 ? name : name + " (" + n + ")");
        try {
          server.registerMBean(this, candidate);
          registered = candidate;
        } catch (InstanceAlreadyExistsException taken) {
          // another cache of the same name: try the next number
        }
      }
    } catch (JMException | RuntimeException e) {
      Dispatcher.LOG.log(
          System.Logger.Level.WARNING,
          "Fleche: cannot register the statistics MBean of cache " + name + ": " + e);
    }
  }

  private void unregister() {
    if (registered != null) {
      try {
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
      } catch (JMException | RuntimeException e) {
        // already gone
      }
      registered = null;
    }
  }

  private static ObjectName objectName(String name) throws JMException {
    boolean plain = !name.isEmpty() && name.chars().noneMatch(c -> ",=:\"*?\n".indexOf(c) >= 0);
    return new ObjectName(DOMAIN + ":type=Cache,name=" + (plain ? name : ObjectName.quote(name)));
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public long getHits() {
    return snapshot().total().hits();
  }

  @Override
  public long getFrontHits() {
    return snapshot().total().frontHits();
  }

  @Override
  public long getMisses() {
    return snapshot().total().misses();
  }

  @Override
  public long getUncached() {
    return snapshot().total().uncachedTotal();
  }

  @Override
  public long getComputingMillis() {
    return snapshot().total().computing().toMillis();
  }

  @Override
  public long getSavedMillis() {
    return snapshot().total().saved().toMillis();
  }

  @Override
  public Map<String, Map<String, Long>> getFunctions() {
    Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
    snapshot().functions().forEach((function, s) -> rows.put(function, row(s)));
    return rows;
  }

  private static Map<String, Long> row(FunctionStats s) {
    Map<String, Long> row = new LinkedHashMap<>();
    row.put("hits", s.hits());
    row.put("frontHits", s.frontHits());
    row.put("misses", s.misses());
    row.put("uncached", s.uncachedTotal());
    row.put("computingMillis", s.computing().toMillis());
    row.put("savedMillis", s.saved().toMillis());
    s.uncached().forEach((reason, n) -> row.put("uncached." + reason, n));
    return row;
  }

  @Override
  public String toString() {
    return "CacheMonitor[" + name + "]";
  }
}
