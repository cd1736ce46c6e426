package io.fleche.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleche.Digest;
import io.fleche.LazyCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query benchmark on a small data set: what each benchmark finds, and database reuse. */
class QueryBenchmarkTest {
  static final int CALLS = 1000;

  @TempDir Path dir;
  QueryBenchmark benchmark;

  QueryBenchmark open() throws IOException, SQLException {
    benchmark = new QueryBenchmark();
    benchmark.calls = CALLS;
    benchmark.directory = dir;
    benchmark.open();
    return benchmark;
  }

  @AfterEach
  void close() {
    if (benchmark != null) {
      benchmark.close();
      benchmark = null;
    }
  }

  @Test
  void eachBenchmark_findsWhatTheDataSetHolds() throws Exception {
    open();
    for (int i = 0; i < 20; i++) {
      List<LazyCall> found = benchmark.queryByArgument();
      assertEquals(QueryBenchmark.CALLS_PER_X, found.size());
      assertEquals(1, found.stream().map(c -> c.argumentDigests().get("x")).distinct().count());
      assertEquals(CALLS / QueryBenchmark.FUNCTIONS, benchmark.countByName());
      assertEquals(benchmark.keys[benchmark.next], benchmark.hit().lookupKey());
    }
    List<LazyCall> alpha = benchmark.queryByTag();
    assertEquals(CALLS / QueryBenchmark.ALPHA_EVERY, alpha.size());
    for (LazyCall c : alpha) {
      assertEquals(Map.of("project", "alpha"), c.metadata().get("tags"));
      assertEquals(0, (int) c.argument("y") % QueryBenchmark.ALPHA_EVERY);
    }
  }

  @Test
  void theDatabase_isReused_untilItsMarkerChanges() throws Exception {
    Digest extra = open().database.calls().save(QueryBenchmark.call(CALLS));
    close();

    assertTrue(open().cache.contains(extra));
    close();
    Files.writeString(dir.resolve("calls-" + CALLS + ".ready"), "data set 0\n");

    assertFalse(open().cache.contains(extra));
    assertTrue(benchmark.cache.contains(QueryBenchmark.call(CALLS - 1).lookupKey()));
    assertEquals(
        Set.of("calls-" + CALLS + ".db", "calls-" + CALLS + ".ready"),
        Files.list(dir)
            .map(p -> p.getFileName().toString())
            .filter(n -> !n.endsWith("-wal") && !n.endsWith("-shm"))
            .collect(Collectors.toSet()));
  }
}
