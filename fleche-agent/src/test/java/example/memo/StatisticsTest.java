package example.memo;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.FlecheFunction;
import io.fleche.FlecheStats;
import io.fleche.Fleches;
import io.fleche.FunctionStats;
import io.fleche.agent.FlecheAgent;
import io.fleche.caches.Caches;
import io.fleche.metadata.Runtime;
import io.fleche.storage.Scope;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What only the agent counts (front-layer hits, time saved from recorded wall times) and how the
 * statistics are shown over JMX. The counts every memoizer shares are checked in {@link
 * MemoBehaviourContract}, the reasons for uncached calls in {@link CacheFaultsTest}.
 */
class StatisticsTest {
  private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
  private static final String SQUARE = "example.memo.Subjects.square(int,java.lang.String)";

  @BeforeAll
  static void installAgent() {
    FlecheAgent.install();
  }

  /** A clock that advances by {@code step} each time it is read: every call lasts {@code step}. */
  static Clock stepping(Duration step) {
    AtomicLong reads = new AtomicLong();
    Instant start = Instant.ofEpochSecond(1_700_000_000);
    return new Clock() {
      @Override
      public Instant instant() {
        return start.plus(step.multipliedBy(reads.getAndIncrement()));
      }

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
      }
    };
  }

  /**
   * Runs {@code action}, then waits until the MBean {@code name} is registered ({@code registered}
   * true) or unregistered: the agent does both in the background.
   */
  static void awaitMBean(ObjectName name, boolean registered, Runnable action) throws Exception {
    String type =
        registered
            ? MBeanServerNotification.REGISTRATION_NOTIFICATION
            : MBeanServerNotification.UNREGISTRATION_NOTIFICATION;
    CountDownLatch seen = new CountDownLatch(1);
    NotificationListener listener =
        (n, handback) -> {
          if (n.getType().equals(type) && ((MBeanServerNotification) n).getMBeanName().equals(name)) {
            seen.countDown();
          }
        };
    SERVER.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener, null, null);
    try {
      action.run();
      if (SERVER.isRegistered(name) != registered) {
        assertTrue(seen.await(1, TimeUnit.MINUTES), name + (registered ? " registered" : " gone"));
      }
    } finally {
      SERVER.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener);
    }
  }

  /** A memory cache whose MBean is called {@code name}. */
  private static Cache named(String name) {
    return new ForwardingCache(Caches.memory()) {
      @Override
      public long modifications() {
        return inner.modifications();
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  @Test
  void frontLayerHits_areCountedApart_andEveryHitSavesTheRecordedWallTime() {
    Cache cache = Caches.memory();
    try (Scope s = Fleches.use(cache);
        Scope m = Fleches.meta(new Runtime(stepping(Duration.ofMillis(1500))))) {
      for (int i = 0; i < 4; i++) {
        assertEquals(10, Subjects.square(3, "a")); // a miss, a hit, then two from the front layer
      }
      assertEquals(12, Subjects.square(3, "abc")); // a second miss
    }
    FunctionStats s = Fleches.stats(cache).function(Subjects.class, "square");
    assertEquals(3, s.hits());
    assertEquals(2, s.frontHits());
    assertEquals(2, s.misses());
    assertEquals(Duration.ofMillis(3 * 1500), s.saved(), "each hit saves the 1.5 s recorded");
    assertFalse(s.computing().isNegative());
    assertEquals(Set.of(SQUARE), Fleches.stats(cache).functions().keySet());
  }

  @Test
  void theFrontLayerHitsOfManyThreads_areAllCounted_evenAfterTheThreadsEnded() throws Exception {
    Cache cache = Caches.memory();
    Callable<Long> call;
    try (Scope s = Fleches.use(cache);
        Scope m = Fleches.meta(new Runtime(stepping(Duration.ofSeconds(2))))) {
      Subjects.square(8, "threads"); // a miss
      Subjects.square(8, "threads"); // a hit, remembered in front
      call = Fleches.bind(() -> Subjects.square(8, "threads"));
    }
    int rounds = 5;
    int threads = 20; // more than the threads' counts kept before those of ended threads are folded
    for (int round = 0; round < rounds; round++) {
      List<Thread> started = new ArrayList<>();
      Callable<Long> task = call;
      for (int t = 0; t < threads; t++) {
        Thread thread =
            new Thread(
                () -> {
                  try {
                    task.call();
                    task.call();
                  } catch (Exception e) {
                    throw new AssertionError(e);
                  }
                });
        thread.start();
        started.add(thread);
      }
      for (Thread t : started) {
        t.join();
      }
    }
    FunctionStats s = Fleches.stats(cache).function(Subjects.class, "square");
    assertEquals(2L * threads * rounds, s.frontHits());
    assertEquals(1 + 2L * threads * rounds, s.hits());
    assertEquals(1, s.misses());
    assertEquals(Duration.ofSeconds(2).multipliedBy(s.hits()), s.saved());
  }

  @Test
  void eachCache_hasAnMBean_withItsCountsAndEachFunctionsCounts() throws Exception {
    Cache cache = named("statistics test");
    ObjectName name = new ObjectName("io.fleche:type=Cache,name=statistics test");
    awaitMBean(
        name,
        true,
        () -> {
          try (Scope s = Fleches.use(cache);
              Scope m = Fleches.meta(new Runtime(stepping(Duration.ofMillis(1500))))) {
            assertEquals(10, Subjects.square(3, "a"));
            assertEquals(10, Subjects.square(3, "a"));
            assertEquals(10, Subjects.square(3, "a"));
            assertEquals(2, Subjects.viaPrivate(1));
          }
        });
    assertEquals("statistics test", SERVER.getAttribute(name, "Name"));
    assertEquals(2L, SERVER.getAttribute(name, "Hits"));
    assertEquals(1L, SERVER.getAttribute(name, "FrontHits"));
    assertEquals(2L, SERVER.getAttribute(name, "Misses"));
    assertEquals(0L, SERVER.getAttribute(name, "Uncached"));
    assertEquals(3000L, SERVER.getAttribute(name, "SavedMillis"), "1.5 s recorded, two hits");
    TabularData functions = (TabularData) SERVER.getAttribute(name, "Functions");
    assertEquals(2, functions.size());
    Map<String, Long> square = row(functions, SQUARE);
    assertEquals(2L, square.get("hits"));
    assertEquals(1L, square.get("frontHits"));
    assertEquals(1L, square.get("misses"));
    assertEquals(3000L, square.get("savedMillis"));
    assertEquals(1L, row(functions, "example.memo.Subjects.twice(int)").get("misses"));
  }

  /** The counters of {@code function} in a {@code Functions} attribute. */
  private static Map<String, Long> row(TabularData functions, String function) {
    CompositeData row = functions.get(new Object[] {function});
    assertNotNull(row, function + " in " + functions.keySet());
    TabularData counters = (TabularData) row.get("value");
    Map<String, Long> out = new HashMap<>();
    for (Object r : counters.values()) {
      CompositeData c = (CompositeData) r;
      out.put((String) c.get("key"), (Long) c.get("value"));
    }
    return out;
  }

  @Test
  void cachesOfTheSameName_getNumberedMBeans_andNamesWithCommasAreQuoted() throws Exception {
    Cache first = named("twin, cache");
    Cache second = named("twin, cache");
    ObjectName firstName = new ObjectName("io.fleche:type=Cache,name=\"twin, cache\"");
    ObjectName secondName = new ObjectName("io.fleche:type=Cache,name=\"twin, cache (2)\"");
    awaitMBean(
        secondName, // registered after the first: in order
        true,
        () -> {
          try (Scope s = Fleches.use(first)) {
            Subjects.square(5, "first");
          }
          try (Scope s = Fleches.use(second)) {
            Subjects.square(5, "second");
            Subjects.square(6, "second");
          }
        });
    assertEquals(1L, SERVER.getAttribute(firstName, "Misses"));
    assertEquals(2L, SERVER.getAttribute(secondName, "Misses"));
  }

  @Test
  void theCallsOfARerun_countAsCallsOnTheActiveCache_whichKeepsTheOnlyMBean() throws Exception {
    Cache cache = named("rerun cache");
    FlecheFunction square = Fleches.function(Subjects.class, "square");
    try (Scope s = Fleches.use(cache)) {
      awaitMBean(
          new ObjectName("io.fleche:type=Cache,name=rerun cache"),
          true,
          () -> assertEquals(15L, call(square, 3, "sixsix")));
      assertEquals(15L, square.rerun(3, "sixsix"));
      assertEquals(15L, call(square, 3, "sixsix"));
    }
    FunctionStats s = Fleches.stats(cache).function(Subjects.class, "square");
    assertEquals(2, s.misses(), "the first call and the rerun");
    assertEquals(1, s.hits());
    // MBeans are registered in order: once a cache used later has its own, a rerun's would be there
    Cache later = named("after the rerun");
    awaitMBean(
        new ObjectName("io.fleche:type=Cache,name=after the rerun"),
        true,
        () -> {
          try (Scope s2 = Fleches.use(later)) {
            Subjects.square(4, "later");
          }
        });
    for (ObjectName n : SERVER.queryNames(new ObjectName("io.fleche:type=Cache,*"), null)) {
      assertFalse(n.toString().contains("Refreshing"), n.toString());
    }
  }

  private static Object call(FlecheFunction f, Object... arguments) {
    try {
      return f.call(arguments);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aConfiguredCache_isNamedAfterItsConfiguration() throws Exception {
    ObjectName name = new ObjectName("io.fleche:type=Cache,name=memory");
    try (Scope s = Fleches.use("memory")) {
      awaitMBean(name, true, () -> Subjects.square(7, "configured"));
      assertEquals(
          Fleches.stats(Fleches.cache()).total().misses(), SERVER.getAttribute(name, "Misses"));
    }
  }

  @Test
  void aCollectedCache_leavesJmx_butItsCountsStayInTheStatisticsOfEveryCache() throws Exception {
    FlecheStats before = Fleches.stats();
    ObjectName name = new ObjectName("io.fleche:type=Cache,name=collected cache");
    WeakReference<Cache> collected = useOnce("collected cache", name);
    for (int i = 0; i < 100 && collected.get() != null; i++) {
      System.gc();
    }
    assertNull(collected.get(), "the statistics do not keep the cache alive");
    FunctionStats[] since = new FunctionStats[1];
    awaitMBean( // reading the statistics notices the cache is gone
        name,
        false,
        () -> since[0] = Fleches.stats().since(before).function(Subjects.class, "square"));
    assertEquals(1, since[0].misses());
  }

  /** A cache that made one miss, its MBean registered as {@code objectName}, no longer used. */
  private static WeakReference<Cache> useOnce(String name, ObjectName objectName)
      throws Exception {
    Cache cache = named(name);
    awaitMBean(
        objectName,
        true,
        () -> {
          try (Scope s = Fleches.use(cache)) {
            Subjects.square(9, name);
          }
        });
    return new WeakReference<>(cache);
  }
}
