package io.fleche.storages.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleche.Call;
import io.fleche.Digest;
import io.fleche.FlecheException;
import io.fleche.FunctionId;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Schema versions and forward migrations. */
class SchemaTest {
  @TempDir Path dir;
  @RegisterExtension final OpenDatabases databases = new OpenDatabases();

  Path file() {
    return dir.resolve("calls.db");
  }

  /** The version of this Fleche. */
  static final int CURRENT = Schema.migrations(Dialect.of("jdbc:sqlite::memory:", Settings.DEFAULT)).size();

  /** The current versions, then a newer one whose migration fails if it runs twice. */
  static Schema oneNewer(Dialect d) {
    List<List<String>> migrations = new ArrayList<>(Schema.migrations(d));
    migrations.add(
        List.of("ALTER TABLE calls ADD COLUMN note TEXT", "UPDATE calls SET note = 'migrated'"));
    return new Schema(migrations);
  }

  /** Migrates the file with {@code schema} through connections of its own. */
  void migrate(Function<Dialect, Schema> schema) {
    Dialect d = Dialect.of("jdbc:sqlite:" + file(), Settings.DEFAULT);
    try (Connections c = new Connections(d, Settings.DEFAULT.retryBound())) {
      schema.apply(d).migrate(c);
    }
  }

  @Test
  void open_anEmptyDatabase_createsTheCurrentVersion() throws SQLException {
    databases.open("jdbc:sqlite:" + file());

    assertEquals("" + CURRENT, RawSql.query(file(), "SELECT version FROM schema_version"));
    assertEquals(
        "arguments,calls,metadata,schema_version,value_blobs",
        RawSql.query(
            file(),
            "SELECT group_concat(name) FROM"
                + " (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)"));
  }

  @Test
  void migrate_anOlderDatabase_upgradesItAndKeepsItsData() throws SQLException {
    Digest key =
        databases
            .open("jdbc:sqlite:" + file())
            .calls()
            .save(Call.of(FunctionId.named("f"), Map.of("x", 1)).withResult(2).digested());

    migrate(SchemaTest::oneNewer);

    assertEquals("" + (CURRENT + 1), RawSql.query(file(), "SELECT version FROM schema_version"));
    assertEquals(
        "migrated", RawSql.query(file(), "SELECT note FROM calls WHERE key = ?", key.toBytes()));
    assertEquals("1", RawSql.query(file(), "SELECT count(*) FROM arguments"));
  }

  @Test
  void open_aVersion1Database_addsValueStampsThatMarkOldValuesAsOld() throws SQLException {
    migrate(d -> new Schema(List.of(Schema.version1(d))));
    RawSql.update(
        file(), "INSERT INTO value_blobs (key, data) VALUES (?, ?)", Digest.of(1).toBytes(),
        new byte[] {1});

    databases.open("jdbc:sqlite:" + file());

    assertEquals("" + CURRENT, RawSql.query(file(), "SELECT version FROM schema_version"));
    assertEquals("0", RawSql.query(file(), "SELECT stamp FROM value_blobs"));
  }

  @Test
  void migrate_aCurrentDatabase_changesNothing() throws SQLException {
    migrate(SchemaTest::oneNewer);
    migrate(SchemaTest::oneNewer); // the ALTER TABLE would fail if it ran again

    assertEquals("" + (CURRENT + 1), RawSql.query(file(), "SELECT version FROM schema_version"));
    assertEquals("1", RawSql.query(file(), "SELECT count(*) FROM schema_version"));
  }

  @Test
  void open_aDatabaseOfANewerVersion_isRefused() {
    migrate(SchemaTest::oneNewer);

    FlecheException e =
        assertThrows(FlecheException.class, () -> SqlDatabase.open("jdbc:sqlite:" + file()));
    assertTrue(
        e.getMessage()
            .contains(
                "schema version "
                    + (CURRENT + 1)
                    + " but this Fleche knows versions up to "
                    + CURRENT
                    + ": use a newer"),
        e.getMessage());
  }

  @Test
  void migrate_concurrentOpeners_migrateOnce() throws Exception {
    int openers = 4;
    CyclicBarrier start = new CyclicBarrier(openers);
    ExecutorService pool = Executors.newFixedThreadPool(openers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < openers; i++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  migrate(SchemaTest::oneNewer);
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals("" + (CURRENT + 1), RawSql.query(file(), "SELECT version FROM schema_version"));
  }
}
