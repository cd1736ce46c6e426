package io.fleche.junit;

import io.fleche.Cache;
import io.fleche.FlecheStats;
import io.fleche.Fleches;
import io.fleche.FunctionStats;
import io.fleche.caches.Caches;
import io.fleche.storage.Scope;
import io.fleche.storages.FileOptions;
import io.fleche.storages.Storages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * The cache of one {@link FlecheTest} test, and what memoized calls did with it: a parameter of
 * the test method (and of its {@code @BeforeEach} and {@code @AfterEach} methods).
 *
 * <pre>{@code
 * @Test
 * void simulate_isMemoized(CacheProbe probe) {
 *   probe.assertMiss(() -> Physics.simulate(100, 0.01));   // computed
 *   probe.assertHit(() -> Physics.simulate(100, 0.01));    // answered from the cache
 *   assertEquals(1, probe.hits(Physics.class, "simulate"));
 * }
 * }</pre>
 *
 * <p>It counts the calls made on the test's cache only, by whichever thread ({@link
 * Fleches#bind} carries the cache to other threads); the counts come from {@link
 * Fleches#stats(Cache)}, so they need the agent.
 */
public final class CacheProbe {
  private final Cache cache;
  private final Path directory; // null for a cache in memory
  private final Scope scope;

  private CacheProbe(Cache cache, Path directory) {
    this.cache = cache;
    this.directory = directory;
    this.scope = Fleches.use(cache);
  }

  /** A new, empty cache (in files under a new temporary directory if persistent), made active. */
  static CacheProbe open(boolean persistent) throws IOException {
    if (!persistent) {
      return new CacheProbe(Caches.memory(), null);
    }
    Path dir = Files.createTempDirectory("fleche-test-");
    FileOptions options = FileOptions.defaults();
    return new CacheProbe(
        Caches.of(
            Storages.valueFiles(dir.resolve("values"), options),
            Storages.callFiles(dir.resolve("calls"), options)),
        dir);
  }

  /** Makes the cache inactive again and deletes its directory; on the test's thread. */
  void close() throws IOException {
    try {
      scope.close();
    } finally {
      if (directory != null) {
        try (Stream<Path> files = Files.walk(directory)) {
          files.sorted(Comparator.reverseOrder()).forEach(CacheProbe::delete);
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
    }
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test's cache, active in the test's thread. */
  public Cache cache() {
    return cache;
  }

  /** The directory of a {@link FlecheTest#persistent() persistent} cache; empty in memory. */
  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }

  /** What every memoized function did with the test's cache since the test began. */
  public FlecheStats stats() {
    return Fleches.stats(cache);
  }

  /** The hits of the memoized methods of {@code type} named {@code method} since the test began. */
  public long hits(Class<?> type, String method) {
    return stats().function(type, method).hits();
  }

  /** The misses of the memoized methods of {@code type} named {@code method} since the test began. */
  public long misses(Class<?> type, String method) {
    return stats().function(type, method).misses();
  }

  /**
   * Runs {@code call} and asserts that it was answered from the cache: a memoized call in it hit,
   * and none missed or ran uncached.
   *
   * @return what {@code call} returned
   */
  public <T> T assertHit(ThrowingSupplier<T> call) {
    return expect(call, "a hit", s -> s.hits() > 0 && s.misses() == 0 && s.uncachedTotal() == 0);
  }

  /**
   * Runs {@code call} and asserts that it was computed: a memoized call in it missed (and was
   * stored, unless the cache could not keep it).
   *
   * @return what {@code call} returned
   */
  public <T> T assertMiss(ThrowingSupplier<T> call) {
    return expect(call, "a miss", s -> s.misses() > 0);
  }

  private <T> T expect(ThrowingSupplier<T> call, String what, Predicate<FunctionStats> check) {
    FlecheStats before = stats();
    T result = Assertions.assertDoesNotThrow(call);
    FlecheStats during = stats().since(before);
    if (!check.test(during.total())) {
      Assertions.fail("expected " + what + ", but " + describe(during));
    }
    return result;
  }

  private static String describe(FlecheStats during) {
    if (during.functions().isEmpty()) {
      return "no memoized call used the test's cache (is the method annotated @Fleche, and the"
          + " agent attached: -javaagent:fleche.jar or Fleches.install()?)";
    }
    StringJoiner out = new StringJoiner("; ", "the call made: ", "");
    for (Map.Entry<String, FunctionStats> e : during.functions().entrySet()) {
      FunctionStats s = e.getValue();
      out.add(
          e.getKey() + " " + s.hits() + " hit(s), " + s.misses() + " miss(es)"
              + (s.uncached().isEmpty() ? "" : ", uncached " + s.uncached()));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "CacheProbe[" + cache + "]";
  }
}
