package io.fleche.storages.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleche.Cache;
import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.DigestedCall;
import io.fleche.FlecheException;
import io.fleche.FunctionId;
import io.fleche.QueryCall;
import io.fleche.caches.Caches;
import io.fleche.storage.AmbiguousDigestException;
import io.fleche.storage.CallStorage;
import io.fleche.storage.SaveException;
import io.fleche.storage.ValueStorage;
import io.fleche.storages.SerializingTestCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the SQL storages do to their database file, beyond the conformance suites. */
class SqlStoragesOnFileTest {
  static final FunctionId F = new FunctionId("Physics.simulate", "(int)", "org.example", "1", null);

  @TempDir Path dir;
  @RegisterExtension final OpenDatabases databases = new OpenDatabases();
  Path file;
  SqlDatabase db;
  CallStorage calls;

  @BeforeEach
  void open() {
    file = dir.resolve("cache.db");
    db = databases.open("jdbc:sqlite:" + file);
    calls = db.calls();
  }

  static DigestedCall call(int steps, Map<String, ? extends Map<String, ?>> metadata) {
    return Call.of(F, Map.of("steps", steps, "dt", 0.5))
        .withResult(steps * 2)
        .withMetadata(metadata)
        .digested();
  }

  static final Map<String, Map<String, Object>> TWO_NAMESPACES =
      Map.of("tags", Map.of("project", "alpha"), "runtime", Map.of("walltime", 1.5));

  String count(String sql, Object... params) throws SQLException {
    return RawSql.query(file, sql, params);
  }

  @Test
  void evict_deletesArgumentsAndMetadataByCascade() throws SQLException {
    Digest gone = calls.save(call(1, TWO_NAMESPACES));
    Digest kept = calls.save(call(2, TWO_NAMESPACES));

    calls.evict(gone);

    assertEquals("2", count("SELECT count(*) FROM arguments"));
    assertEquals("2", count("SELECT count(*) FROM metadata"));
    assertEquals("0", count("SELECT count(*) FROM arguments WHERE call_key = ?", gone.toBytes()));
    assertEquals("2", count("SELECT count(*) FROM metadata WHERE call_key = ?", kept.toBytes()));
  }

  @Test
  void save_replacingARecord_leavesNoRowOfTheOldOne() throws SQLException {
    Digest key = calls.save(call(1, TWO_NAMESPACES));

    calls.save(call(1, Map.of("tags", Map.of("project", "beta"))));

    assertEquals("1", count("SELECT count(*) FROM calls"));
    assertEquals("2", count("SELECT count(*) FROM arguments"));
    assertEquals("{\"project\":\"beta\"}", count("SELECT data FROM metadata"));
    assertEquals(Map.of("tags", Map.of("project", "beta")), calls.load(key).metadata());
  }

  @Test
  void evict_byPrefix() {
    Digest key = calls.save(call(1, Map.of()));

    calls.evict(key.prefix(6));

    assertFalse(calls.contains(key));
    assertThrows(NoSuchElementException.class, () -> calls.evict(key.prefix(6)));
  }

  @Test
  void expand_findsKeysAtBothEndsOfTheKeySpace_andNamesTheLengthNeeded() throws SQLException {
    String low = "0".repeat(64);
    String high = "f".repeat(64);
    String nearHigh = "f".repeat(10) + "0".repeat(54);
    for (String k : List.of(low, high, nearHigh)) {
      RawSql.update(
          file, "INSERT INTO calls (key, name) VALUES (?, 'raw')", Digest.fromHex(k).toBytes());
    }

    assertEquals(Digest.fromHex(low), calls.expand("0000"));
    assertEquals(Digest.fromHex(high), calls.expand("fffffffffff"));
    assertEquals(Digest.fromHex(nearHigh), calls.expand("fffffffffF0"));
    AmbiguousDigestException e =
        assertThrows(AmbiguousDigestException.class, () -> calls.expand("fffff"));
    assertEquals(
        "Short digest fffff is ambiguous; expands to: ["
            + nearHigh
            + ", "
            + high
            + "]; need at least 11 characters.",
        e.getMessage());
    assertThrows(NoSuchElementException.class, () -> calls.expand("1234"));
  }

  @Test
  void aWholeCache_isOnePortableFile() throws IOException {
    ValueStorage values = db.values(new SerializingTestCodec());
    Cache cache = Caches.of(values, db.calls());
    Call c =
        Call.of(F, Map.of("steps", List.of(1, List.of(2, 3)), "dt", 0.5))
            .withResult(Map.of("energy", List.of(1.5, 2.5)));
    Digest key = cache.save(c);
    db.close();

    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("cache.db"), files.map(p -> p.getFileName().toString()).toList());
    }
    Path moved = Files.move(file, dir.resolve("elsewhere.db"));
    SqlDatabase again = databases.open("jdbc:sqlite:" + moved);
    Cache reopened = Caches.of(again.values(new SerializingTestCodec()), again.calls());
    assertEquals(c.result(), reopened.load(key).result());
    assertEquals(c.arguments(), reopened.load(key).arguments());
  }

  @Test
  void corruptMetadata_isAMissOnLoad_andLeftOutOfQueries() throws SQLException {
    Digest bad = calls.save(call(1, TWO_NAMESPACES));
    Digest good = calls.save(call(2, TWO_NAMESPACES));
    RawSql.update(file, "UPDATE metadata SET data = '{oops' WHERE call_key = ?", bad.toBytes());

    assertThrows(NoSuchElementException.class, () -> calls.load(bad));
    try (Stream<DigestedCall> all = calls.query(QueryCall.any())) {
      assertEquals(List.of(good), all.map(DigestedCall::lookupKey).toList());
    }
  }

  @Test
  void saveAll_isOneTransaction_allOrNothing() throws SQLException {
    Digest before = calls.save(call(0, Map.of()));
    RawSql.update(
        file,
        "CREATE TRIGGER refuse BEFORE INSERT ON calls WHEN NEW.name = 'Refused.f'"
            + " BEGIN SELECT RAISE(ABORT, 'refused'); END");
    DigestedCall refused =
        Call.of(new FunctionId("Refused.f", "()", null, null, null), Map.of())
            .withResult(1)
            .digested();
    List<DigestedCall> batch = List.of(call(0, TWO_NAMESPACES), call(12, Map.of()), refused);

    SaveException e = assertThrows(SaveException.class, () -> calls.saveAll(batch));

    assertTrue(e.getMessage().contains("3 calls"), e.getMessage());
    assertEquals(List.of(before), calls.list().toList());
    assertEquals(Map.of(), calls.load(before).metadata());
  }

  @Test
  void corruptValue_isAMiss() throws SQLException {
    ValueStorage values = db.values(new SerializingTestCodec());
    Digest key = values.save("a value");
    RawSql.update(file, "UPDATE value_blobs SET data = x'00'");

    assertThrows(NoSuchElementException.class, () -> values.load(key));
    assertTrue(values.contains(key));
    values.save("a value");
    assertEquals("a value", values.load(key));
  }

  @Test
  void twoDatabasesOnOneFile_saveConcurrently_andLoseNothing() throws Exception {
    SqlDatabase other = databases.open("jdbc:sqlite:" + file);
    List<CallStorage> storages = List.of(calls, other.calls(), calls, other.calls());
    CyclicBarrier start = new CyclicBarrier(storages.size());
    ExecutorService pool = Executors.newFixedThreadPool(storages.size());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < storages.size(); t++) {
        CallStorage mine = storages.get(t);
        int first = 1000 * t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = first; i < first + 200; i++) {
                    Digest key = mine.save(call(i, TWO_NAMESPACES));
                    assertEquals(Digest.of(2 * i), mine.load(key).result());
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<Digest> keys = calls.list()) {
      assertEquals(800, keys.collect(Collectors.toSet()).size());
    }
  }

  @Test
  void list_readsPageByPage_inKeyOrder() {
    List<Digest> saved = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      saved.add(calls.save(call(i, Map.of())));
    }
    saved.sort(null);
    try (Stream<Digest> keys = calls.list()) {
      assertEquals(saved, keys.toList());
    }
  }

  /**
   * A statement that failed (sqlite-jdbc closes it) and pages read from a damaged file are not
   * kept: once the file is whole again, the storages read it.
   */
  @Test
  void aFileDamagedAndRestored_underOpenStorages_isReadAgain() throws Exception {
    Digest key = calls.save(call(1, Map.of()));
    assertEquals("0", RawSql.query(file, "PRAGMA wal_checkpoint(TRUNCATE)")); // all in the file
    byte[] whole = Files.readAllBytes(file);
    Files.writeString(file, "not a database any more");

    assertThrows(FlecheException.class, () -> calls.load(key));
    assertThrows(FlecheException.class, () -> calls.load(key));
    Files.write(file, whole);
    assertEquals(call(1, Map.of()), calls.load(key));
  }

  @Test
  void aClosedDatabase_refusesWork() {
    Digest key = calls.save(call(1, Map.of()));
    db.close();

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> calls.load(key));
    assertEquals("SQLite " + file + " is closed", e.getMessage());
  }
}
