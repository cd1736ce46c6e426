package example.memo;

import static org.junit.jupiter.api.Assertions.*;

import io.fleche.Fleches;
import io.fleche.agent.FlecheAgent;
import io.fleche.storage.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SQLite file of a cache like the {@code sql} template's, damaged while the cache is open:
 * reads fail with {@code SQLITE_CORRUPT} or {@code SQLITE_NOTADB} (or, where a page is still
 * cached or a flipped byte only changes a key, miss), writes fail too; every call returns its own
 * result, and the failure is logged. (Damage before the cache is opened: {@link
 * DamagedDatabaseIT}.)
 */
class DamagedDatabaseTest {
  private static final String SUBJECTS = "example.memo.DamageSubjects.";
  private static final int STORED = 30;

  @TempDir Path root;
  private Scope metaScope;
  private LogCapture log;

  @BeforeAll
  static void installAgent() {
    FlecheAgent.install();
  }

  @BeforeEach
  void reset() {
    metaScope = Fleches.meta();
    log = new LogCapture();
    DamageSubjects.runs.set(0);
  }

  @AfterEach
  void release() {
    log.close();
    metaScope.close();
  }

  /** A memoized method, and its name in warnings. */
  private record Subject(String name, IntFunction<double[]> method) {}

  /** Each kind of damage has a method of its own: warnings are logged once per method. */
  private static Subject subject(DatabaseDamage damage) {
    switch (damage) {
      case TRUNCATED_MID_PAGE:
        return new Subject("afterTruncation", DamageSubjects::afterTruncation);
      case ZERO_FILLED_PAGES:
        return new Subject("afterZeroFill", DamageSubjects::afterZeroFill);
      case FLIPPED_BTREE_BYTES:
        return new Subject("afterBitFlips", DamageSubjects::afterBitFlips);
      case GARBAGE:
        return new Subject("afterGarbage", DamageSubjects::afterGarbage);
      case NOT_A_DATABASE:
        return new Subject("afterReplacement", DamageSubjects::afterReplacement);
      default:
        throw new AssertionError(damage);
    }
  }

  /** Calls {@code f} on {@code from} to {@code to} (excluded), checking each result. */
  private static void callAll(IntFunction<double[]> f, int from, int to) {
    for (int n = from; n < to; n++) {
      assertArrayEquals(DamageSubjects.samplesOf(n), f.apply(n), "result of " + n);
    }
  }

  /** Opens a cache in {@code root}, records {@link #STORED} calls of {@code f}, checkpoints. */
  private DiskCache recorded(IntFunction<double[]> f) throws Exception {
    DiskCache disk = DiskCache.open(root);
    try (Scope s = Fleches.use(disk.cache)) {
      callAll(f, 0, STORED);
      DiskCache.checkpoint(root);
    } catch (Exception | Error e) {
      disk.close();
      throw e;
    }
    assertEquals(STORED, DamageSubjects.runs.getAndSet(0));
    return disk;
  }

  @ParameterizedTest
  @EnumSource(DatabaseDamage.class)
  void damagedUnderAnOpenCache_everyCallReturnsItsResult_andTheFailureIsLogged(
      DatabaseDamage damage) throws Exception {
    Subject subject = subject(damage);
    try (DiskCache disk = recorded(subject.method());
        Scope s = Fleches.use(disk.cache)) {
      damage.apply(DiskCache.database(root));
      callAll(subject.method(), 0, 2 * STORED); // the stored calls, then new ones
      assertTrue(DamageSubjects.runs.get() >= STORED, "the new calls ran");
    }
    assertFailuresLogged(subject.name());
  }

  @Test
  void aDatabaseRestoredUnderAnOpenCache_servesItsCallsAgain() throws Exception {
    Path db = DiskCache.database(root);
    try (DiskCache disk = recorded(DamageSubjects::untilRestored);
        Scope s = Fleches.use(disk.cache)) {
      byte[] whole = Files.readAllBytes(db);
      DatabaseDamage.NOT_A_DATABASE.apply(db);
      callAll(DamageSubjects::untilRestored, 0, STORED);
      assertEquals(STORED, DamageSubjects.runs.getAndSet(0), "nothing readable: all computed");
      Files.write(db, whole);
      callAll(DamageSubjects::untilRestored, 0, STORED);
      assertEquals(0, DamageSubjects.runs.get(), "restored: all hit");
    }
    assertFailuresLogged("untilRestored");
  }

  /** Warnings name the method, and each names the database. */
  private void assertFailuresLogged(String method) {
    List<String> warnings = log.warnings(SUBJECTS + method + "(int)");
    assertFalse(warnings.isEmpty(), "no warning names " + method);
    String db = DiskCache.database(root).toString();
    assertTrue(warnings.stream().allMatch(w -> w.contains(db)), warnings.toString());
  }
}
