package io.fleche.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test with a cache of its own, empty at the start, active in the test's thread ({@link
 * io.fleche.Fleches#use}) from before its {@code @BeforeEach} methods to after its {@code
 * @AfterEach} methods; a {@link CacheProbe} parameter gives the cache and asserts what memoized
 * calls did with it. On a test class it applies to every test; on a method it overrides the
 * class's. Memoizing needs the agent: run the tests with {@code -javaagent:fleche.jar}, or call
 * {@link io.fleche.Fleches#install()} first. Other threads see the cache through {@link
 * io.fleche.Fleches#bind}; a test that JUnit runs in a thread of its own ({@code
 * @Timeout(threadMode = SEPARATE_THREAD)}) does not see it.
 *
 * <pre>{@code
 * @FlecheTest
 * class PhysicsTest {
 *   @Test
 *   void aRepeatedSimulation_isAHit(CacheProbe probe) {
 *     double first = probe.assertMiss(() -> Physics.simulate(100, 0.01));
 *     assertEquals(first, probe.assertHit(() -> Physics.simulate(100, 0.01)));
 *   }
 *
 *   @Test
 *   @FlecheTest(persistent = true)   // through files: results are serialized and read back
 *   void resultsSurviveStorage(CacheProbe probe) { ... }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FlecheExtension.class)
public @interface FlecheTest {
  /**
   * {@code true}: values and calls are kept in files under a temporary directory, deleted after
   * the test, so results go through serialization as with an on-disk cache; {@code false} (the
   * default): in memory.
   */
  boolean persistent() default false;
}
