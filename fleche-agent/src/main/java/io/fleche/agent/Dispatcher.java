package io.fleche.agent;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.Fleches;
import io.fleche.LazyCall;
import io.fleche.MetaData;
import io.fleche.PreparedCall;
import io.fleche.UndigestableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The runtime behind every memoized method; its two public methods are called by the advice
 * inlined into {@code @Fleche} methods (see {@link MemoAdvice}). Not for application code.
 *
 * <p>{@link #enter}: bind the arguments, build the key, look it up in the active cache — a hit is
 * returned as a {@link Hit} and the body is skipped (a call whose arguments and result are
 * immutable values is answered from an in-process front layer, without digest or storage read,
 * while the cache reports no change since); on a miss the argument values are stored
 * (two-phase save) and a token is returned. {@link #exit}: commit the result with its metadata,
 * or abandon on an exception. Concurrent identical misses compute once (single flight); a thread
 * that re-enters a key it is computing computes again instead of waiting for itself; callers of a
 * future-returning method whose future is still pending get that same future. Any fault of
 * Fleche makes the call run uncached, with one warning per method and kind of fault.
 */
public final class Dispatcher {
  static final System.Logger LOG = System.getLogger("io.fleche");

  private static volatile MethodProfile[] profiles = new MethodProfile[0];
  private static final ConcurrentHashMap<Flight, Flight> IN_FLIGHT = new ConcurrentHashMap<>();

  private Dispatcher() {}

  /** A cache hit: the value the method returns instead of running its body. */
  public static final class Hit {
    /** The stored result (a fresh copy), or a completed future of it. */
    public final Object value;

    final Object stored;
    final long saved; // the recorded wall time of the call, in nanoseconds

    Hit(Object value, Object stored, long saved) {
      this.value = value;
      this.stored = stored;
      this.saved = saved;
    }
  }

  /** A computation in progress for one key of one cache, which other threads may wait for. */
  private static final class Flight {
    final Cache cache;
    final Digest key;
    final Thread owner;
    final CountDownLatch done = new CountDownLatch(1);
    /** The future a future-returning method returned; shared with callers until it completes. */
    volatile Object future;

    Flight(Cache cache, Digest key, Thread owner) {
      this.cache = cache;
      this.key = key;
      this.owner = owner;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Flight && ((Flight) o).cache == cache && ((Flight) o).key.equals(key);
    }

    @Override
    public int hashCode() {
      return key.hashCode() * 31 + System.identityHashCode(cache);
    }

    void land() {
      IN_FLIGHT.remove(this, this);
      done.countDown();
    }
  }

  /** A miss being computed: what {@link #exit} needs to record it. */
  private static final class Miss {
    final MethodProfile profile;
    final FunctionCounters counters;
    final PreparedCall prepared;
    final List<MetaData> plugins;
    final Map<String, Map<String, Object>> pre;
    final Flight flight; // null when this thread re-entered its own computation
    final long started = System.nanoTime();
    final Object event = Events.beginMiss();

    Miss(
        MethodProfile profile,
        FunctionCounters counters,
        PreparedCall prepared,
        List<MetaData> plugins,
        Map<String, Map<String, Object>> pre,
        Flight flight) {
      this.profile = profile;
      this.counters = counters;
      this.prepared = prepared;
      this.plugins = plugins;
      this.pre = pre;
      this.flight = flight;
      counters.miss();
    }

    /** The body has run (or the future it returned has completed). */
    void computed() {
      counters.computed(System.nanoTime() - started);
      Events.end(event, profile, prepared.lookupKey());
    }
  }

  /** A metadata plugin failed: named in the warning, so the cache is not blamed. */
  private static final class MetadataFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MetadataFailure(MetaData plugin, RuntimeException cause) {
      super("metadata plugin " + plugin.name() + " (" + plugin + ") failed: " + cause, cause);
    }
  }

  static synchronized int register(MethodProfile profile) {
    MethodProfile[] next = java.util.Arrays.copyOf(profiles, profiles.length + 1);
    next[profiles.length] = profile;
    profiles = next;
    return profiles.length - 1;
  }

  static MethodProfile profile(int id) {
    return profiles[id];
  }

  /**
   * Called on entry of a memoized method: a {@link Hit}, a token for {@link #exit}, or {@code
   * null} to run the body uncached.
   */
  public static Object enter(int id, Class<?> declaring, Object self, Object[] arguments) {
    MethodProfile profile = profiles[id];
    try {
      return enter(profile, declaring, self, arguments);
    } catch (RuntimeException | LinkageError e) {
      uncached(profile, null, null, "fault", "Fleche failed (" + e + "); the call runs uncached");
      return null;
    }
  }

  /**
   * A call the cache could not answer or keep, for {@code reason}: counted (on {@code counters},
   * null for those of the active cache), reported to JFR, warned about once per method and reason.
   */
  private static void uncached(
      MethodProfile profile, FunctionCounters counters, Digest key, String reason, String message) {
    profile.warnOnce(reason, message);
    try {
      (counters != null ? counters : profile.counters(Fleches.cache())).uncached(reason);
      Events.uncached(profile, key, reason, message);
    } catch (RuntimeException | LinkageError e) {
      // no active cache to count it on (or a broken recorder): the warning must do
    }
  }

  private static Object enter(
      MethodProfile profile, Class<?> declaring, Object self, Object[] arguments) {
    Object[] values;
    MethodProfile.Known known;
    Digest key;
    try {
      String missing = profile.missingRequired(arguments);
      if (missing != null) {
        uncached(
            profile,
            null,
            null,
            "required",
            "required parameter " + missing + " is null: the call runs uncached");
        return null;
      }
      values = profile.keyValues(self, arguments);
      known = profile.known(declaring, values);
      key = known != null ? known.key : profile.keys(declaring).digest(values);
    } catch (UndigestableException e) {
      uncached(profile, null, null, "undigestable", e.getMessage() + "; the call runs uncached");
      return null;
    }
    Cache cache = Fleches.cache();
    if (known != null && known.servesFrom(cache)) {
      // the front layer: no digest, no storage read
      known.counters.frontHit(known.saved);
      Events.frontHit(profile, known.key);
      return hit(profile, known.result, known.saved);
    }
    FunctionCounters counters = profile.counters(cache);
    Flight flight = null;
    while (true) {
      long seen = known != null ? cache.modifications() : -1;
      Hit hit = lookup(profile, counters, cache, key);
      if (hit != null) {
        if (known != null) {
          profile.rememberHit(values, known, cache, seen, hit.stored, counters, hit.saved);
        }
        return hit;
      }
      Flight mine = new Flight(cache, key, Thread.currentThread());
      Flight other = IN_FLIGHT.putIfAbsent(mine, mine);
      if (other == null) {
        flight = mine;
        break;
      }
      if (other.owner == Thread.currentThread()) {
        break; // re-entered our own computation: compute again rather than wait for ourselves
      }
      Object future = other.future;
      if (future != null) {
        counters.hit(0);
        Events.end(Events.beginHit(), profile, key);
        return new Hit(future, null, 0); // the same pending future, not a second computation
      }
      awaitQuietly(other);
    }
    try {
      Call call = profile.call(declaring, values);
      List<MetaData> plugins = plugins(profile, declaring);
      Map<String, Map<String, Object>> pre = new LinkedHashMap<>();
      for (MetaData m : plugins) {
        try {
          pre.computeIfAbsent(m.name(), n -> new LinkedHashMap<>()).putAll(m.pre(call));
        } catch (RuntimeException e) {
          throw new MetadataFailure(m, e);
        }
      }
      return new Miss(profile, counters, cache.prepare(call), plugins, pre, flight);
    } catch (RuntimeException | Error e) {
      if (flight != null) {
        flight.land();
      }
      if (e instanceof MetadataFailure) {
        uncached(profile, counters, key, "metadata", e.getMessage() + "; the call runs uncached");
      } else {
        uncached(
            profile,
            counters,
            key,
            "prepare",
            "the cache refused the call (" + e + "); it runs uncached");
      }
      return null;
    }
  }

  private static Hit lookup(
      MethodProfile profile, FunctionCounters counters, Cache cache, Digest key) {
    Object event = Events.beginHit();
    LazyCall stored;
    Object value;
    try {
      stored = cache.load(key);
      value = stored.result();
    } catch (NoSuchElementException miss) {
      return null;
    } catch (RuntimeException e) {
      uncached(
          profile, counters, key, "load", "reading the cache failed (" + e + "); treated as a miss");
      return null;
    }
    long saved = FunctionCounters.recordedNanos(stored);
    counters.hit(saved);
    Events.end(event, profile, key);
    return hit(profile, value, saved);
  }

  private static Hit hit(MethodProfile profile, Object value, long saved) {
    return new Hit(
        profile.returnsFuture ? CompletableFuture.completedFuture(value) : value, value, saved);
  }

  private static void awaitQuietly(Flight flight) {
    boolean interrupted = false;
    while (true) {
      try {
        flight.done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<MetaData> plugins(MethodProfile profile, Class<?> declaring) {
    List<MetaData> extra = profile.meta(declaring);
    List<MetaData> active = Fleches.metadata();
    if (extra.isEmpty()) {
      return active;
    }
    List<MetaData> all = new ArrayList<>(active);
    all.addAll(extra);
    return all;
  }

  /**
   * Called on exit of a memoized method that missed: records the result and returns what the
   * method returns (the result itself; a future is returned as it is and recorded when it
   * completes).
   */
  public static Object exit(Object token, Object returned, Throwable thrown) {
    Miss miss = (Miss) token;
    try {
      return record(miss, returned, thrown);
    } catch (RuntimeException | LinkageError e) {
      miss.prepared.abandon();
      land(miss);
      uncached(
          miss.profile,
          miss.counters,
          miss.prepared.lookupKey(),
          "fault",
          "Fleche failed (" + e + "); the result was not cached");
      return returned;
    }
  }

  private static Object record(Miss miss, Object returned, Throwable thrown) {
    boolean pending = miss.profile.returnsFuture && returned instanceof CompletionStage;
    if (thrown != null || !pending) {
      miss.computed();
    }
    if (thrown != null) {
      miss.prepared.abandon(); // exceptions are never cached
      land(miss);
      return returned;
    }
    if (pending) {
      if (miss.flight != null) {
        miss.flight.future = returned; // waiting and later callers share it until it completes
        miss.flight.done.countDown();
      }
      ((CompletionStage<?>) returned)
          .whenComplete(
              (value, failure) -> {
                try {
                  miss.computed();
                } finally {
                  if (failure == null) {
                    commit(miss, value);
                  } else {
                    miss.prepared.abandon();
                    land(miss);
                  }
                }
              });
      return returned;
    }
    commit(miss, returned);
    return returned;
  }

  private static void commit(Miss miss, Object result) {
    Object event = Events.beginSave();
    try {
      Call done = miss.prepared.call().withResult(result);
      // what every plugin collected before the body, then each post in order on top (plugins
      // sharing a name merge: a later plugin's pre must not undo an earlier plugin's post)
      Map<String, Map<String, Object>> metadata = new LinkedHashMap<>();
      miss.pre.forEach((name, ns) -> metadata.put(name, new LinkedHashMap<>(ns)));
      for (MetaData m : miss.plugins) {
        metadata.get(m.name()).putAll(m.post(miss.pre.get(m.name()), done));
      }
      miss.prepared.commit(result, metadata);
      Events.end(event, miss.profile, miss.prepared.lookupKey());
    } catch (RuntimeException | Error e) {
      miss.prepared.abandon();
      uncached(
          miss.profile,
          miss.counters,
          miss.prepared.lookupKey(),
          "commit",
          "the result was not cached (" + e + ")");
    } finally {
      land(miss);
    }
  }

  private static void land(Miss miss) {
    if (miss.flight != null) {
      miss.flight.land();
    }
  }
}
