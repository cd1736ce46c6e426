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
 *   <li>{@code cputime}, {@code systime}: seconds of user and of system CPU time that the calling
 *       thread spent in the call.
 * </ul>
 *
 * <p>Unlike Python fleche, which sums the CPU time of the whole process (so concurrent calls
 * bleed into each other), the CPU times are those of the current thread only ({@link
 * ThreadMXBean#getCurrentThreadUserTime()}): work the call hands to other threads is not counted,
 * and concurrent calls do not disturb each other. Where the JVM cannot measure thread CPU time
 * the two keys are omitted. {@link #post} must run on the thread that ran {@link #pre}: for a
 * result completed on another thread, the CPU times are meaningless.
 *
 * <p>{@link #pre} records the thread's CPU times so far under {@code cputime} and {@code systime};
 * {@link #post} replaces them by the time spent in the call.
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
    long user = userNanos();
    if (cpu >= 0 && user >= 0) {
      m.put("cputime", user / NANOS);
      m.put("systime", (cpu - user) / NANOS);
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
    long user = userNanos();
    if (cpu >= 0
        && user >= 0
        && pre.get("cputime") instanceof Number
        && pre.get("systime") instanceof Number) {
      // user time has the resolution of a scheduler tick, total CPU time of a nanosecond: their
      // difference can step back a little, hence the clamping
      double userBefore = ((Number) pre.get("cputime")).doubleValue();
      double systemBefore = ((Number) pre.get("systime")).doubleValue();
      m.put("cputime", Math.max(0, user / NANOS - userBefore));
      m.put("systime", Math.max(0, (cpu - user) / NANOS - systemBefore));
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

  private static long userNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadUserTime() : -1;
  }

  @Override
  public String toString() {
    return "Runtime";
  }
}
