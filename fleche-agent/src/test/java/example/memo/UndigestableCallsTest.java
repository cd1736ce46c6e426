package example.memo;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Fleches;
import io.fleche.FunctionStats;
import io.fleche.agent.FlecheAgent;
import io.fleche.caches.Caches;
import io.fleche.storage.Scope;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call whose arguments or receiver cannot be digested runs uncached, with the right result, and
 * one warning that says which part could not be digested.
 */
class UndigestableCallsTest {
  private LogCapture log;
  private Cache cache;
  private Scope cacheScope;

  @BeforeAll
  static void installAgent() {
    FlecheAgent.install();
  }

  @BeforeEach
  void activate() {
    log = new LogCapture();
    cache = Caches.memory();
    cacheScope = Fleches.use(cache);
    FaultSubjects.runs.set(0);
  }

  @AfterEach
  void release() {
    cacheScope.close();
    log.close();
  }

  /** {@code calls} calls of {@code type.method}, none of them a hit or a miss, were undigestable. */
  private void assertUncached(long calls, Class<?> type, String method) {
    FunctionStats stats = Fleches.stats(cache).function(type, method);
    assertEquals(Map.of("undigestable", calls), stats.uncached());
    assertEquals(0, stats.hits() + stats.misses());
  }

  @Test
  void aReceiverWithAThread_runsUncached_andTheWarningNamesItsField() {
    FaultSubjects.Worker worker = new FaultSubjects.Worker(10);
    assertEquals(13, worker.plus(3));
    assertEquals(13, worker.plus(3));
    assertEquals(14, new FaultSubjects.Worker(10).plus(4));
    assertEquals(3, FaultSubjects.runs.get());
    assertEquals(0, cache.query().count());
    assertUncached(3, FaultSubjects.Worker.class, "plus");
    String warning = log.onlyWarning("example.memo.FaultSubjects$Worker.plus(int)");
    assertTrue(warning.contains("arguments.this.thread"), warning);
    assertTrue(warning.contains("java.lang.Thread"), warning);
    assertTrue(warning.contains("uncached"), warning);
  }

  @Test
  void aLambdaArgument_runsUncached_andTheWarningNamesTheParameter() {
    IntUnaryOperator inc = x -> x + 1;
    assertEquals(5, FaultSubjects.applyTwice(inc, 3));
    assertEquals(5, FaultSubjects.applyTwice(inc, 3));
    assertEquals(12, FaultSubjects.applyTwice(x -> 2 * x, 3));
    assertEquals(3, FaultSubjects.runs.get());
    assertEquals(0, cache.query().count());
    assertUncached(3, FaultSubjects.class, "applyTwice");
    String warning = log.onlyWarning("example.memo.FaultSubjects.applyTwice");
    assertTrue(warning.contains("arguments.op"), warning);
  }
}
