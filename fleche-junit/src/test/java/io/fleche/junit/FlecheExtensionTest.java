package io.fleche.junit;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Cache;
import io.fleche.Fleches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * {@link FlecheTest} with the agent attached in process ({@link Fleches#install()}), as a user's
 * test may do it instead of {@code -javaagent:fleche.jar}.
 */
@FlecheTest
class FlecheExtensionTest {
  /** The probe of every test so far: their caches must be inactive, their directories gone. */
  private static final List<CacheProbe> PROBES = new ArrayList<>();

  @BeforeAll
  static void attachTheAgent() {
    Fleches.install();
  }

  @BeforeEach
  void remember(CacheProbe probe) {
    PROBES.add(probe);
  }

  @AfterAll
  static void everyTestsCache_isInactiveAfterIt_andItsDirectoryDeleted() {
    Cache active = Fleches.cache();
    assertTrue(PROBES.size() >= 9, "every test ran: " + PROBES);
    for (CacheProbe probe : PROBES) {
      assertNotSame(probe.cache(), active, probe.toString());
      probe.directory().ifPresent(dir -> assertFalse(Files.exists(dir), dir.toString()));
    }
  }

  @RepeatedTest(2)
  void eachTest_startsWithAnEmptyCacheOfItsOwn_activeInItsThread(CacheProbe probe) {
    assertSame(probe.cache(), Fleches.cache());
    assertEquals(0, probe.cache().query().count());
    assertEquals(16L, probe.assertMiss(() -> Squares.square(4)), "a miss in each repetition");
    assertEquals(1, probe.cache().query().count());
  }

  @Test
  void assertHit_andAssertMiss_tellHitsFromMisses(CacheProbe probe) {
    int runs = Squares.runs.get();
    assertEquals(9L, probe.assertMiss(() -> Squares.square(3)));
    assertEquals(9L, probe.assertHit(() -> Squares.square(3)));
    assertEquals(runs + 1, Squares.runs.get());

    AssertionFailedError notAHit =
        assertThrows(AssertionFailedError.class, () -> probe.assertHit(() -> Squares.square(5)));
    assertEquals(
        "expected a hit, but the call made: io.fleche.junit.Squares.square(int) 0 hit(s),"
            + " 1 miss(es)",
        notAHit.getMessage());
    AssertionFailedError notAMiss =
        assertThrows(AssertionFailedError.class, () -> probe.assertMiss(() -> Squares.square(5)));
    assertTrue(notAMiss.getMessage().contains("1 hit(s), 0 miss(es)"), notAMiss.getMessage());
  }

  @Test
  void counts_areThoseSinceTheTestBegan(CacheProbe probe) {
    Squares.square(2);
    Squares.square(2);
    Squares.square(2);
    Squares.square(6);
    assertEquals(2, probe.hits(Squares.class, "square"));
    assertEquals(2, probe.misses(Squares.class, "square"));
    assertEquals(0, probe.misses(Squares.class, "upTo"));
    assertEquals(4, probe.stats().total().hits() + probe.stats().total().misses());
  }

  @Test
  void aCallThatMemoizesNothing_failsWithAHint(CacheProbe probe) {
    AssertionFailedError e =
        assertThrows(AssertionFailedError.class, () -> probe.assertHit(() -> 42));
    assertTrue(e.getMessage().contains("no memoized call used the test's cache"), e.getMessage());
    assertTrue(e.getMessage().contains("Fleches.install()"), e.getMessage());
  }

  @Test
  void anExceptionOfTheCall_failsTheAssertion(CacheProbe probe) {
    AssertionFailedError e =
        assertThrows(AssertionFailedError.class, () -> probe.assertMiss(() -> Squares.failing(1)));
    assertEquals("no 1", e.getCause().getMessage());
    assertEquals(1, probe.misses(Squares.class, "failing"), "it was computed");
  }

  @Test
  void aCacheInMemory_hasNoDirectory(CacheProbe probe) {
    assertTrue(probe.directory().isEmpty());
  }

  @Test
  @FlecheTest(persistent = true)
  void aPersistentCache_keepsItsCallsInFiles_andAHitIsReadBack(CacheProbe probe)
      throws Exception {
    Path dir = probe.directory().orElseThrow();
    List<Integer> computed = probe.assertMiss(() -> Squares.upTo(3));
    try (Stream<Path> files = Files.walk(dir)) {
      assertTrue(files.anyMatch(Files::isRegularFile), "stored under " + dir);
    }
    List<Integer> read = probe.assertHit(() -> Squares.upTo(3));
    assertEquals(List.of(0, 1, 2), read);
    assertNotSame(computed, read, "deserialized from its file");
  }

  @Nested
  class InANestedClass {
    @Test
    void theEnclosingClassesAnnotationApplies(CacheProbe probe) {
      assertSame(probe.cache(), Fleches.cache());
      assertTrue(probe.directory().isEmpty());
      probe.assertMiss(() -> Squares.square(12));
    }
  }
}
