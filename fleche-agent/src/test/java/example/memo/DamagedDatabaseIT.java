package example.memo;

import static example.memo.PersistentPrograms.count;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SQLite file of the cache a program's {@code fleche.toml} configures, damaged before the
 * program starts (the agent opens it at the first memoized call). Either the database cannot be
 * opened ({@code SQLITE_NOTADB}, {@code SQLITE_CORRUPT}): the cache does not resolve, and every
 * call runs uncached with a warning that names the cache; or it opens and its reads and writes
 * fail. Every call returns its own result either way. (Damage under an open cache: {@link
 * DamagedDatabaseTest}.)
 */
class DamagedDatabaseIT {
  private static final int STORED = 20;
  private static final String WARNING =
      "WARNING: Fleche: example.memo.PersistentPrograms.value(int)";

  /** A home whose cache holds {@link #STORED} calls, all in the database file. */
  @TempDir static Path recorded;

  @TempDir Path home;

  @BeforeAll
  static void record() throws Exception {
    Files.writeString(recorded.resolve("fleche.toml"), PersistentPrograms.CONFIG);
    String out =
        new ForkedJvm(recorded)
            .run(PersistentPrograms.class, "compute", "0", String.valueOf(STORED), "1");
    assertEquals(STORED, count(out, "computed"), out);
    DiskCache.checkpoint(recorded.resolve("store"));
  }

  @ParameterizedTest
  @EnumSource(DatabaseDamage.class)
  void everyCallReturnsItsResult_withAWarning(DatabaseDamage damage) throws Exception {
    copy(recorded, home);
    damage.apply(DiskCache.database(home.resolve("store")));
    String out =
        new ForkedJvm(home)
            .run(PersistentPrograms.class, "compute", "0", String.valueOf(2 * STORED), "1");
    assertFalse(out.contains("WRONG"), out);
    assertTrue(count(out, "computed") >= STORED, out);
    List<String> warnings =
        out.lines().filter(l -> l.startsWith(WARNING)).collect(Collectors.toList());
    assertFalse(warnings.isEmpty(), out);
    for (String w : warnings) {
      if (w.contains("Fleche failed")) { // the cache did not resolve
        assertTrue(w.contains("cache 'disk', calls: SQLite"), w);
      }
    }
    if (damage == DatabaseDamage.GARBAGE || damage == DatabaseDamage.NOT_A_DATABASE) {
      assertEquals(2 * STORED, count(out, "computed"), out);
      assertTrue(warnings.get(0).contains("cache 'disk'"), warnings.get(0));
      assertTrue(warnings.get(0).contains("not a database"), warnings.get(0));
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
