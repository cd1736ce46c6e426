package io.fleche.metadata;

import io.fleche.Call;
import io.fleche.MetaData;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code runtime} namespace: when a call was computed and how long it took.
 *
 * <ul>
 *   <li>{@code timestart}, {@code timestop}: epoch seconds (UTC) as doubles;
 *   <li>{@code walltime}: {@code timestop - timestart} in seconds;
 *   <li>{@code cputime}: seconds of CPU time (user and system) that the calling thread spent in
 *       the call.
 * </ul>
 *
 * <p>Unlike Python fleche, which sums the CPU time of the whole process (so concurrent calls
 * bleed into each other), the CPU time is that of the current thread only ({@link
 * ThreadMXBean#getCurrentThreadCpuTime()}): work the call hands to other threads is not counted,
 * and concurrent calls do not disturb each other. There is no separate {@code systime}: the
 * thread's user time alone is read from {@code /proc} on Linux and costs tens of microseconds,
 * more than a cached call should pay, while the total is a fast clock read. Where the JVM cannot
 * measure thread CPU time the key is omitted. {@link #post} must run on the thread that ran
 * {@link #pre}: for a result completed on another thread, the CPU time is meaningless.
 *
 * <p>{@link #pre} records the thread's CPU time so far under {@code cputime}; {@link #post}
 * replaces it by the time spent in the call.
 *
 * <p>This is the default metadata; in {@code fleche.toml}: {@code metadata = ["Runtime"]}.
 */
public final class Runtime implements MetaData {
  private static final double NANOS = 1e9;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Clock clock;

  /** Timestamps from the system clock. */
  public Runtime() {
    this(Clock.systemUTC());
  }

  /** Timestamps from {@code clock} (CPU times always come from the JVM). */
  public Runtime(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return "runtime";
  }

  @Override
  public Map<String, Object> pre(Call call) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("timestart", now());
    long cpu = cpuNanos();
    if (cpu >= 0) {
      m.put("cputime", cpu / NANOS);
    }
    return Collections.unmodifiableMap(m);
  }

  @Override
  public Map<String, Object> post(Map<String, Object> pre, Call call) {
    Map<String, Object> m = new LinkedHashMap<>();
    double stop = now();
    m.put("timestop", stop);
    if (pre.get("timestart") instanceof Number) {
      m.put("walltime", stop - ((Number) pre.get("timestart")).doubleValue());
    }
    long cpu = cpuNanos();
    if (cpu >= 0 && pre.get("cputime") instanceof Number) {
      m.put("cputime", Math.max(0, cpu / NANOS - ((Number) pre.get("cputime")).doubleValue()));
    }
    return Collections.unmodifiableMap(m);
  }

  private double now() {
    Instant t = clock.instant();
    return t.getEpochSecond() + t.getNano() / NANOS;
  }

  private static long cpuNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
  }

  @Override
  public String toString() {
    return "Runtime";
  }
}
