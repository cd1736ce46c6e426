package io.fleche.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeTest {
  /** A clock that tells the given instants one after the other. */
  private static Clock ticking(Instant... instants) {
    Deque<Instant> queue = new ArrayDeque<>(List.of(instants));
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Instant instant() {
        return queue.remove();
      }
    };
  }

  private static boolean threadCpuTime() {
    return ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported()
        && ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() >= 0;
  }

  @Test
  void timesComeFromTheClockAsEpochSeconds() {
    Runtime runtime =
        new Runtime(
            ticking(
                Instant.ofEpochSecond(1_700_000_000L, 250_000_000),
                Instant.ofEpochSecond(1_700_000_003L, 750_000_000)));
    Map<String, Object> pre = runtime.pre(null);
    Map<String, Object> post = runtime.post(pre, null);

    assertEquals("runtime", runtime.name());
    assertEquals(1_700_000_000.25, pre.get("timestart"));
    assertEquals(1_700_000_003.75, post.get("timestop"));
    assertEquals(3.5, post.get("walltime"));
    Metadata.assertJsonLike(pre);
    Metadata.assertJsonLike(post);
  }

  @Test
  void recordsTheCpuTimeOfTheCallingThread() {
    assumeTrue(threadCpuTime(), "this JVM cannot measure thread CPU time");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Runtime runtime = new Runtime();
    Map<String, Object> pre = runtime.pre(null);
    long start = threads.getCurrentThreadCpuTime();
    long sum = 0;
    // spin until this thread has used 100 ms of CPU, however busy the machine is
    while (threads.getCurrentThreadCpuTime() - start < 100_000_000L) {
      sum += Long.numberOfTrailingZeros(sum + System.nanoTime());
    }
    Map<String, Object> merged = new HashMap<>(pre);
    merged.putAll(runtime.post(pre, null));

    assertTrue(sum > 0);
    double cpu = (Double) merged.get("cputime");
    double wall = (Double) merged.get("walltime");
    assertTrue(cpu >= 0.1, "cputime " + cpu);
    assertFalse(merged.containsKey("systime"));
    assertTrue(cpu <= wall + 0.05, cpu + " > " + wall);
  }
}
